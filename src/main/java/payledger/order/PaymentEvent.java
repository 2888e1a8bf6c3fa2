package payledger.order;

import java.time.Instant;
import java.util.Objects;
import payledger.money.Money;
import payledger.serialization.CborSerializable;

/**
 * One payment event reported by a gateway, normalized. {@code (gateway, eventId)} identifies it:
 * gateways redeliver, and a redelivery must have no second effect.
 *
 * @param orderId the order it pays, or null when the gateway did not say
 * @param paymentId the gateway's id of the payment (charge, PSP reference) the event is about
 * @param customerId nullable
 * @param failureReason set on {@link PaymentEventType#FAILED}, null otherwise
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
    String failureReason)
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

  /** The same event, attributed to an order (payments reported without one are linked later). */
  public PaymentEvent withOrderId(String newOrderId) {
    return new PaymentEvent(eventId, gateway, type, newOrderId, paymentId, amount, method,
        occurredAt, customerId, failureReason);
  }

  /** The durable deduplication key. */
  public String key() {
    return gateway + ":" + eventId;
  }
}
