package payledger.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import payledger.json.JsonFields;
import payledger.money.Money;
import payledger.order.PaymentEvent;
import payledger.order.PaymentEventType;

/**
 * Maps a verified Stripe event envelope to a ledger event. Pure: JSON in, {@link Mapped} out.
 *
 * <p>Stripe announces one payment in two families (payment_intent.* and charge.*) and one refund in
 * two (charge.refunded and refund.*); money is counted from the configured family only, the other is
 * ignored as redundant. Money-moving dispute events use the dispute id as event id, so
 * {@code charge.dispute.created} and {@code charge.dispute.funds_withdrawn} for one dispute are one
 * chargeback; {@code charge.dispute.updated}/{@code closed} are kept as {@link PaymentEventType#NOTICE}
 * (a lost dispute's money already left with funds_withdrawn).
 */
public final class StripeEvents {

  /** Which family of events counts money (see gateways.conf). */
  public record Settings(String orderIdKey, boolean paymentsFromCharges, boolean refundsFromRefunds, long maxAmount) {}

  public static final String GATEWAY = "stripe";

  private final Settings settings;

  public StripeEvents(Settings settings) {
    this.settings = settings;
  }

  public Mapped map(JsonNode body) {
    if (!body.isObject()) {
      throw new JsonFields.Invalid("(body)", "must be a JSON object");
    }
    JsonFields envelope = JsonFields.message(body, "");
    if (!"event".equals(envelope.text("object"))) {
      throw new JsonFields.Invalid("object", "must be \"event\"");
    }
    String eventId = envelope.id("id");
    String type = envelope.text("type");
    Instant created = envelope.epochSeconds("created");
    JsonFields object = envelope.object("data").object("object");
    Message m = new Message(eventId, type, created, object, JsonFields.message(body.path("data"), "data."),
        body.path("data").path("object"));
    return switch (type) {
      case "payment_intent.succeeded", "payment_intent.payment_failed" ->
          settings.paymentsFromCharges() ? redundant(type) : paymentIntent(m);
      case "charge.succeeded", "charge.failed" ->
          settings.paymentsFromCharges() ? charge(m) : redundant(type);
      case "charge.refunded" -> settings.refundsFromRefunds() ? redundant(type) : chargeRefunded(m);
      case "refund.created", "refund.updated" ->
          settings.refundsFromRefunds() ? refund(m) : redundant(type);
      case "charge.dispute.created", "charge.dispute.funds_withdrawn",
          "charge.dispute.funds_reinstated", "charge.dispute.updated", "charge.dispute.closed" ->
          dispute(m);
      default -> new Mapped.Ignored(type, "not a payment event payledger records");
    };
  }

  /** {@code raw} is {@code data.object} as sent, for the card and risk details read leniently. */
  private record Message(String eventId, String type, Instant created, JsonFields object, JsonFields data,
      JsonNode raw) {}

  private Mapped paymentIntent(Message m) {
    JsonFields pi = m.object();
    boolean succeeded = m.type().equals("payment_intent.succeeded");
    long amount = succeeded
        ? pi.optionalInteger("amount_received", 1, settings.maxAmount(), pi.integer("amount", 1, settings.maxAmount()))
        : pi.integer("amount", 0, settings.maxAmount());
    String reason = succeeded ? null : errorCode(pi, "last_payment_error");
    String method = PaymentMethod.code(pi.firstText("payment_method_types"));
    return event(m, succeeded ? PaymentEventType.SUCCEEDED : PaymentEventType.FAILED, m.eventId(),
        pi.id("id"), money(pi, amount), method, m.created(), reason, PaymentDetails.stripeLatestCharge(m.raw()));
  }

  private Mapped charge(Message m) {
    JsonFields ch = m.object();
    boolean failed = m.type().equals("charge.failed");
    // With manual capture charge.succeeded announces an authorisation: captured is false until captured.
    boolean captured = !failed && ch.bool("captured", true);
    PaymentEventType type = failed ? PaymentEventType.FAILED
        : captured ? PaymentEventType.SUCCEEDED : PaymentEventType.AUTHORIZED;
    long amount = type == PaymentEventType.SUCCEEDED
        ? ch.optionalInteger("amount_captured", 1, settings.maxAmount(), ch.integer("amount", 1, settings.maxAmount()))
        : ch.integer("amount", 0, settings.maxAmount());
    String reason = failed ? fallback(ch.optionalText("failure_code"), "failed") : null;
    return event(m, type, m.eventId(), ch.id("id"), money(ch, amount), chargeMethod(ch), m.created(), reason,
        m.raw());
  }

  /**
   * {@code amount_refunded} is cumulative: the newly refunded amount is its increase over the
   * event's {@code previous_attributes.amount_refunded}. Without previous attributes (older API
   * versions embed the charge's refunds instead) it is the newest embedded refund; with neither, the
   * first refund (previously 0). Keyed by the event id, so a redelivery of the same event carries the
   * same increment and is a duplicate.
   */
  private Mapped chargeRefunded(Message m) {
    JsonFields ch = m.object();
    long total = ch.integer("amount_refunded", 0, settings.maxAmount());
    long increment;
    if (m.data().has("previous_attributes")
        && m.data().object("previous_attributes").has("amount_refunded")) {
      increment = total - m.data().object("previous_attributes").integer("amount_refunded", 0, settings.maxAmount());
    } else if (ch.has("refunds") && ch.object("refunds").hasObjects("data")) {
      increment = ch.object("refunds").newest("data", "created").integer("amount", 0, settings.maxAmount());
    } else {
      increment = total;
    }
    if (increment <= 0) {
      return new Mapped.Ignored(m.type(), "no newly refunded amount");
    }
    return event(m, PaymentEventType.REFUNDED, m.eventId(), ch.id("id"), money(ch, increment),
        chargeMethod(ch), m.created(), null, m.raw());
  }

  /** refund.created and refund.updated of one succeeded refund are one event: keyed by the refund id. */
  private Mapped refund(Message m) {
    JsonFields re = m.object();
    if (!"succeeded".equals(re.optionalText("status"))) {
      return new Mapped.Ignored(m.type(), "refund not succeeded");
    }
    return event(m, PaymentEventType.REFUNDED, re.id("id"), re.id("charge"),
        money(re, re.integer("amount", 1, settings.maxAmount())), "unknown", re.epochSeconds("created"), null);
  }

  private Mapped dispute(Message m) {
    JsonFields dp = m.object();
    String disputeId = dp.id("id");
    String status = dp.optionalText("status");
    boolean inquiry = status != null && status.startsWith("warning_");
    long amount = dp.integer("amount", 0, settings.maxAmount());
    String charge = dp.id("charge");
    Instant opened = dp.epochSeconds("created");
    Mapped mapped = switch (m.type()) {
      case "charge.dispute.created", "charge.dispute.funds_withdrawn" -> inquiry
          ? event(m, PaymentEventType.NOTICE, m.eventId(), charge, money(dp, amount), "unknown", m.created(), status)
          : event(m, PaymentEventType.CHARGEBACK, disputeId + ":withdrawn", charge,
              money(dp, positive(amount)), "unknown", opened, null);
      case "charge.dispute.funds_reinstated" -> event(m, PaymentEventType.CHARGEBACK_REVERSED,
          disputeId + ":reinstated", charge, money(dp, positive(amount)), "unknown", opened, null);
      default -> event(m, PaymentEventType.NOTICE, m.eventId(), charge, money(dp, amount), "unknown",
          m.created(), fallback(status, m.type()));
    };
    Instant evidenceDueBy = dp.has("evidence_details") && dp.object("evidence_details").has("due_by")
        ? dp.object("evidence_details").epochSeconds("due_by") : null;
    String outcome = "charge.dispute.closed".equals(m.type()) && ("won".equals(status) || "lost".equals(status))
        ? status.toUpperCase(java.util.Locale.ROOT) : null;
    PaymentEvent recorded = ((Mapped.Event) mapped).event();
    return new Mapped.Event(recorded, new GatewayDispute(GATEWAY, disputeId,
        dp.optionalText("reason"), recorded.amount(), evidenceDueBy, outcome));
  }

  private Mapped event(Message m, PaymentEventType type, String eventId, String paymentId, Money amount,
      String method, Instant occurredAt, String reason) {
    return event(m, type, eventId, paymentId, amount, method, occurredAt, reason, null);
  }

  /** {@code charge}: the charge the card and risk are read from, null when the event has none. */
  private Mapped event(Message m, PaymentEventType type, String eventId, String paymentId, Money amount,
      String method, Instant occurredAt, String reason, JsonNode charge) {
    JsonFields object = m.object();
    String orderId = object.has("metadata")
        ? object.object("metadata").optionalId(settings.orderIdKey()) : null;
    String customer = customerId(object);
    return new Mapped.Event(new PaymentEvent(eventId, GATEWAY, type, orderId, paymentId, amount, method,
        occurredAt, customer, reason,
        charge == null ? null : PaymentDetails.stripeCard(charge),
        charge == null ? null : PaymentDetails.stripeRisk(charge)));
  }

  /** The customer is an id, or an object when expanded; only a plain id is kept. */
  private static String customerId(JsonFields object) {
    try {
      return object.optionalId("customer");
    } catch (JsonFields.Invalid expandedOrOdd) {
      return null;
    }
  }

  /** {@code amount} in the object's currency; the object's own {@code amount} must be sane too. */
  private Money money(JsonFields object, long amount) {
    object.integer("amount", 0, settings.maxAmount());
    return new Money(amount, object.currency("currency"));
  }

  private static Mapped redundant(String type) {
    return new Mapped.Ignored(type, "redundant: this money is counted from the other Stripe event family");
  }

  private static long positive(long amount) {
    if (amount <= 0) {
      throw new JsonFields.Invalid("data.object.amount", "must be positive for money that moves");
    }
    return amount;
  }

  private static String chargeMethod(JsonFields charge) {
    return PaymentMethod.code(charge.has("payment_method_details")
        ? charge.object("payment_method_details").optionalText("type") : null);
  }

  private static String errorCode(JsonFields object, String field) {
    String code = object.has(field) ? object.object(field).optionalText("code") : null;
    return fallback(code, "failed");
  }

  private static String fallback(String value, String otherwise) {
    return value == null ? otherwise : value;
  }
}
