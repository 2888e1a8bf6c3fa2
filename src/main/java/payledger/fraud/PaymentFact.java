package payledger.fraud;

import java.time.Instant;
import java.util.Objects;
import payledger.order.PaymentEvent;
import payledger.order.PaymentEventType;

/**
 * What the rules remember of one payment event in a short history (per customer, card fingerprint
 * or email): no card data beyond the gateway's fingerprint, nothing that identifies a person.
 *
 * @param key the event's deduplication key ({@code gateway:eventId}): a replay writes the same fact
 * @param orderId the order it pays, or null for a payment that came without one (unlinked)
 * @param fingerprint the card's fingerprint, or null
 */
public record PaymentFact(String key, Instant at, String orderId, PaymentEventType type, long amount,
    String currency, String method, String gateway, String fingerprint) {

  public PaymentFact {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(currency, "currency");
  }

  /** @param orderId the order the ledger recorded it in (null: held without an order) */
  public static PaymentFact of(PaymentEvent e, String orderId) {
    return new PaymentFact(e.key(), e.occurredAt(), orderId, e.type(), e.amount().value(),
        e.amount().currency(), e.method(), e.gateway(),
        e.card() == null ? null : e.card().fingerprint());
  }

  public boolean unlinked() {
    return orderId == null;
  }

  /** An attempt to take money: an authorisation, a capture or a failed try. */
  public boolean attempt() {
    return type == PaymentEventType.AUTHORIZED || type == PaymentEventType.SUCCEEDED
        || type == PaymentEventType.FAILED;
  }
}
