package payledger.order;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;
import payledger.money.Money;
import payledger.serialization.CborSerializable;

/**
 * One payment event reported by a gateway, normalized. {@code (gateway, eventId)} identifies it:
 * gateways redeliver, and a redelivery must have no second effect.
 *
 * <p>{@code card} and {@code risk} were added after the first events were journaled: both are
 * nullable, so an event stored without them reads back with null, and its canonical form (nulls
 * omitted) and hash are unchanged.
 *
 * @param orderId the order it pays, or null when the gateway did not say
 * @param paymentId the gateway's id of the payment (charge, PSP reference) the event is about
 * @param customerId nullable
 * @param failureReason set on {@link PaymentEventType#FAILED}, null otherwise
 * @param card the card as the customer knows it, when the gateway said; null otherwise
 * @param risk the gateway's fraud assessment of the payment, when it said; null otherwise
 */
public record PaymentEvent(
    String eventId,
    String gateway,
    PaymentEventType type,
    String orderId,
    String paymentId,
    Money amount,
    String method,
    Instant occurredAt,
    String customerId,
    String failureReason,
    Card card,
    Risk risk)
    implements CborSerializable {

  public PaymentEvent {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(gateway, "gateway");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(paymentId, "paymentId");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(occurredAt, "occurredAt");
    if (amount.value() < 0) {
      throw new IllegalArgumentException("amount must be non-negative");
    }
  }

  /** An event without card or risk details (a gateway that sent none). */
  public PaymentEvent(String eventId, String gateway, PaymentEventType type, String orderId,
      String paymentId, Money amount, String method, Instant occurredAt, String customerId,
      String failureReason) {
    this(eventId, gateway, type, orderId, paymentId, amount, method, occurredAt, customerId,
        failureReason, null, null);
  }

  /** The same event, attributed to an order (payments reported without one are linked later). */
  public PaymentEvent withOrderId(String newOrderId) {
    return new PaymentEvent(eventId, gateway, type, newOrderId, paymentId, amount, method,
        occurredAt, customerId, failureReason, card, risk);
  }

  /** The durable deduplication key. */
  public String key() {
    return gateway + ":" + eventId;
  }

  /**
   * A payment card as the customer knows it: never its number, only the last four digits.
   *
   * @param brand the scheme as a lower-case code ({@code visa}, {@code mastercard}, {@code amex}…)
   * @param last4 exactly four digits
   * @param fingerprint the gateway's stable token for the card number, nullable
   * @param funding {@code credit}, {@code debit}, {@code prepaid}…, nullable
   * @param wallet the wallet it was paid through ({@code apple_pay}, {@code google_pay}…), nullable
   */
  public record Card(String brand, String last4, String fingerprint, String funding, String wallet)
      implements CborSerializable {

    public static final Pattern LAST4 = Pattern.compile("[0-9]{4}");

    public Card {
      Objects.requireNonNull(brand, "brand");
      Objects.requireNonNull(last4, "last4");
      if (!LAST4.matcher(last4).matches()) {
        throw new IllegalArgumentException("last4 must be exactly 4 digits");
      }
    }
  }

  /**
   * The gateway's fraud assessment of a payment.
   *
   * @param level the assessment on one scale for every gateway
   * @param score the gateway's own score, on its own scale (Stripe 0-99, Adyen's total fraud
   *     score, where 100 or more means fraud), nullable
   * @param label the gateway's own word for the level ({@code elevated}, {@code AMBER}…)
   */
  public record Risk(RiskLevel level, Integer score, String label) implements CborSerializable {

    public Risk {
      Objects.requireNonNull(level, "level");
    }
  }

  /** A gateway's risk assessment on one scale. */
  public enum RiskLevel {
    NORMAL,
    ELEVATED,
    HIGH,
    NOT_ASSESSED
  }
}
