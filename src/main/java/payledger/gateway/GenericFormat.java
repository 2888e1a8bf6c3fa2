package payledger.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.Config;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import payledger.gateway.PaymentIngestion.Outcome;
import payledger.json.JsonFields;
import payledger.money.Money;
import payledger.order.PaymentEvent;
import payledger.order.PaymentEventType;

/**
 * The generic format, for any gateway without a webhook of its own: the normalized event of
 * {@code POST /v1/payment-events} (and its batch), sent with a gateway API key and, when the named
 * gateway has a secret, an {@code X-Signature} over the raw body ({@link GenericSignature}). Answered
 * with the ledger's JSON.
 */
public final class GenericFormat implements Gateway {

  static final String NAME = "generic";

  private static final String UNSIGNED =
      "X-Signature must be the hex HMAC-SHA256 of the body with the gateway's secret";

  /** {@code payledger.gateways.generic}: the secret of each gateway that must sign, by name. */
  record Settings(Map<String, String> secrets) implements Gateway.Settings {

    static Settings from(Config c) {
      Map<String, String> secrets = new TreeMap<>();
      Config section = c.getConfig("secrets");
      section.root().keySet().forEach(gateway -> {
        String secret = section.getString(gateway);
        if (!secret.isBlank()) {
          secrets.put(gateway, secret);
        }
      });
      return new Settings(Map.copyOf(secrets));
    }

    @Override
    public Gateway create(Clock clock, long maxAmount) {
      return new GenericFormat(new GenericSignature(secrets), maxAmount);
    }
  }

  private final GenericSignature signature;
  private final long maxAmount;

  private GenericFormat(GenericSignature signature, long maxAmount) {
    this.signature = signature;
    this.maxAmount = maxAmount;
  }

  @Override
  public String name() {
    return NAME;
  }

  /** The X-Signature is keyed by the gateway the body names: checked in {@link #read}. */
  @Override
  public Optional<String> verify(Delivery delivery) {
    return Optional.empty();
  }

  @Override
  public Received read(Delivery delivery, JsonNode body) {
    Optional<String> refused = verify(delivery, List.of(body));
    return refused.isPresent()
        ? new Received.Refused(refused.get())
        : new Received.Messages(List.of(new Mapped.Event(event(body))));
  }

  @Override
  public Reply answer(List<Mapped> mapped, List<Outcome> outcomes) {
    return new Reply.Standard(outcomes.get(0));
  }

  /**
   * The X-Signature of a delivery holding {@code events}: every gateway they name that has a secret
   * must have signed it, so a batch mixing gateways with different secrets is refused.
   */
  public Optional<String> verify(Delivery delivery, List<JsonNode> events) {
    return signature.verify(gateways(events), delivery.header("X-Signature").orElse(null), delivery.body())
        ? Optional.empty() : Optional.of(UNSIGNED);
  }

  /** One normalized event; throws {@link JsonFields.Invalid} naming every bad field. */
  public PaymentEvent event(JsonNode body) {
    JsonFields f = JsonFields.root(body);
    String eventId = f.id("eventId");
    String gateway = f.code("gateway", true);
    PaymentEventType type = f.enumValue("type", PaymentEventType.class);
    String orderId = f.optionalId("orderId");
    String paymentId = f.id("paymentId");
    // An authorization, a failed attempt or a notice may be for zero; money that moves may not.
    long min = type == PaymentEventType.AUTHORIZED || type == PaymentEventType.FAILED
        || type == PaymentEventType.NOTICE ? 0 : 1;
    Money amount = f.money("amount", min, maxAmount);
    String method = f.code("method", true);
    Instant occurredAt = f.instant("occurredAt");
    String customerId = f.optionalId("customerId");
    String failureReason = f.optionalText("failureReason");
    PaymentEvent.Card card = PaymentDetails.genericCard(f);
    PaymentEvent.Risk risk = PaymentDetails.genericRisk(f);
    f.validate();
    return new PaymentEvent(
        eventId, gateway, type, orderId, paymentId, amount, method, occurredAt, customerId,
        failureReason, card, risk);
  }

  /** The gateway names the events claim, read before validation to pick the secrets. */
  private static Set<String> gateways(List<JsonNode> events) {
    Set<String> names = new HashSet<>();
    for (JsonNode event : events) {
      JsonNode gateway = event.path("gateway");
      names.add(gateway.isTextual() ? gateway.textValue().trim().toLowerCase(Locale.ROOT) : null);
    }
    return names;
  }
}
