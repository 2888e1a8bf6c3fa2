package payledger.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.Config;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import payledger.json.JsonFields;
import payledger.money.Money;
import payledger.vendor.PayoutEvent;

/**
 * The ways a payout to a vendor reaches payledger, each verified with its gateway's own scheme
 * before anything is parsed: Stripe Connect events ({@code Stripe-Signature}, with the Connect
 * endpoint's signing secrets), Adyen for Platforms transfer webhooks ({@code HmacSignature}), and
 * the generic format ({@code POST /v1/payout-events} with a gateway API key and, when the named
 * gateway has a secret under {@code payledger.gateways.generic.secrets}, an {@code X-Signature}).
 * Pure: the HTTP edge records what it maps ({@code vendor.PayoutEvent}) on the vendor's ledger.
 */
public final class PayoutGateways {

  /** The gateways whose payouts come only signed, through their own endpoints. */
  private static final Set<String> OWN_ENDPOINTS = Set.of(StripeEvents.GATEWAY, AdyenNotifications.GATEWAY);

  private final StripeSignature stripeSignature;
  private final StripeConnectEvents stripe;
  private final AdyenTransfers adyen;
  private final GenericSignature genericSignature;
  private final long maxAmount;

  private PayoutGateways(StripeSignature stripeSignature, StripeConnectEvents stripe,
      AdyenTransfers adyen, GenericSignature genericSignature, long maxAmount) {
    this.stripeSignature = stripeSignature;
    this.stripe = stripe;
    this.adyen = adyen;
    this.genericSignature = genericSignature;
    this.maxAmount = maxAmount;
  }

  /**
   * @param section {@code payledger.vendors.payout-gateways}
   * @param gateways the payment gateways' settings, for the generic format's secrets
   */
  public static PayoutGateways create(Config section, GatewaySettings gateways, Clock clock, long maxAmount) {
    Config stripe = section.getConfig("stripe");
    Config adyen = section.getConfig("adyen");
    GenericFormat.Settings generic = (GenericFormat.Settings) gateways.byName().get(GenericFormat.NAME);
    return new PayoutGateways(
        new StripeSignature(GatewaySettings.list(stripe, "signing-secrets"), stripe.getDuration("tolerance"), clock),
        new StripeConnectEvents(GatewaySettings.oneOf(stripe, "stripe", "payouts-from", "payout", "transfer")
            .equals("transfer"), maxAmount),
        new AdyenTransfers(GatewaySettings.list(adyen, "hmac-keys"), maxAmount),
        new GenericSignature(generic.secrets()), maxAmount);
  }

  /** A Stripe Connect delivery's signature: why it is refused, or empty. */
  public Optional<String> verifyStripe(Delivery delivery) {
    StripeSignature.Verdict v = stripeSignature.verify(delivery.header("Stripe-Signature").orElse(null), delivery.body());
    return v.valid() ? Optional.empty() : Optional.of(v.reason());
  }

  public PayoutMessage readStripe(JsonNode body) {
    return stripe.map(body);
  }

  /** An Adyen transfer webhook's HmacSignature: why it is refused, or empty. */
  public Optional<String> verifyAdyen(Delivery delivery) {
    return Optional.ofNullable(adyen.refusal(delivery));
  }

  public PayoutMessage readAdyen(JsonNode body) {
    return adyen.map(body);
  }

  /** The generic format's X-Signature, keyed by the gateway the body names. */
  public Optional<String> verifyGeneric(Delivery delivery, JsonNode body) {
    JsonNode gateway = body.path("gateway");
    String name = gateway.isTextual() ? gateway.textValue().trim().toLowerCase(Locale.ROOT) : null;
    return genericSignature.verify(Collections.singleton(name),
        delivery.header("X-Signature").orElse(null), delivery.body())
        ? Optional.empty()
        : Optional.of("X-Signature must be the hex HMAC-SHA256 of the body with the gateway's secret");
  }

  /**
   * One generic payout event: {@code eventId, gateway, vendorId, payoutId, status (PAID, FAILED),
   * amount {value, currency}, occurredAt}. Throws {@link JsonFields.Invalid} naming every bad field.
   */
  public PayoutMessage.Payout readGeneric(JsonNode body) {
    JsonFields f = JsonFields.root(body);
    String eventId = f.id("eventId");
    String gateway = f.code("gateway", true);
    String vendorId = f.id("vendorId");
    String payoutId = f.id("payoutId");
    PayoutEvent.Status status = f.enumValue("status", PayoutEvent.Status.class);
    Money amount = f.money("amount", 1, maxAmount);
    Instant occurredAt = f.instant("occurredAt");
    f.validate();
    return new PayoutMessage.Payout(vendorId, null, new PayoutEvent(eventId, gateway, payoutId, status,
        amount.currency(), amount.value(), occurredAt));
  }

  /** True for a generic event naming a gateway whose payouts are taken only from its own endpoint. */
  public boolean signedElsewhere(String gateway) {
    return OWN_ENDPOINTS.contains(gateway);
  }
}
