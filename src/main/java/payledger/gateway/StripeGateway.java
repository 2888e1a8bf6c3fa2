package payledger.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.Config;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import payledger.gateway.PaymentIngestion.Outcome;

/**
 * Stripe ({@code POST /v1/gateways/stripe/webhook}): the {@code Stripe-Signature} is verified on the
 * raw bytes before anything is parsed ({@link StripeSignature}); one event per delivery, mapped by
 * {@link StripeEvents}; answered with the ledger's JSON, or 200 for a type payledger ignores.
 */
final class StripeGateway implements Gateway {

  /**
   * {@code payledger.gateways.stripe}.
   *
   * @param paymentsFromCharges payments are counted from charge.* (else payment_intent.*)
   * @param refundsFromRefunds refunds are counted from refund.* (else charge.refunded)
   */
  record Settings(List<String> signingSecrets, Duration tolerance, String orderIdKey,
      boolean paymentsFromCharges, boolean refundsFromRefunds) implements Gateway.Settings {

    static Settings from(Config c) {
      return new Settings(
          GatewaySettings.list(c, "signing-secrets"),
          c.getDuration("tolerance"),
          c.getString("order-id-metadata-key"),
          GatewaySettings.oneOf(c, StripeEvents.GATEWAY, "payments-from", "payment_intent", "charge").equals("charge"),
          GatewaySettings.oneOf(c, StripeEvents.GATEWAY, "refunds-from", "charge", "refund").equals("refund"));
    }

    @Override
    public Gateway create(Clock clock, long maxAmount) {
      return new StripeGateway(new StripeSignature(signingSecrets, tolerance, clock), new StripeEvents(
          new StripeEvents.Settings(orderIdKey, paymentsFromCharges, refundsFromRefunds, maxAmount)));
    }
  }

  private final StripeSignature signature;
  private final StripeEvents events;

  private StripeGateway(StripeSignature signature, StripeEvents events) {
    this.signature = signature;
    this.events = events;
  }

  @Override
  public String name() {
    return StripeEvents.GATEWAY;
  }

  @Override
  public Optional<String> verify(Delivery delivery) {
    StripeSignature.Verdict verdict = signature.verify(delivery.header("Stripe-Signature").orElse(null), delivery.body());
    return verdict.valid() ? Optional.empty() : Optional.of(verdict.reason());
  }

  @Override
  public Received read(Delivery delivery, JsonNode body) {
    return new Received.Messages(List.of(events.map(body)));
  }

  @Override
  public Reply answer(List<Mapped> mapped, List<Outcome> outcomes) {
    return mapped.get(0) instanceof Mapped.Ignored ignored
        ? new Reply.Json(200, Map.of("received", true, "ignored", ignored.reason()))
        : new Reply.Standard(outcomes.get(0));
  }
}
