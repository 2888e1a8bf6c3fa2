package payledger.vendor;

import java.time.Instant;
import java.util.Objects;
import payledger.serialization.CborSerializable;

/**
 * One gateway message about a payout to a vendor, normalized: the generic format's
 * {@code POST /v1/payout-events}, a Stripe Connect {@code payout.*} / {@code transfer.*} event or an
 * Adyen for Platforms transfer. A vendor's ledger records each {@code (gateway, eventId)} once.
 *
 * @param payoutId the gateway's id of the payout (several events may be about one payout)
 * @param amount minor units, positive
 */
public record PayoutEvent(String eventId, String gateway, String payoutId, Status status,
    String currency, long amount, Instant occurredAt) implements CborSerializable {

  /** What the event says of the payout. */
  public enum Status {
    /** The money left the platform for the vendor. */
    PAID,
    /** The payout failed or was reversed: the money is back with the platform. */
    FAILED
  }

  public PayoutEvent {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(gateway, "gateway");
    Objects.requireNonNull(payoutId, "payoutId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(occurredAt, "occurredAt");
  }

  /** The ledger's deduplication key, like a payment event's {@code (gateway, eventId)}. */
  public String key() {
    return gateway + ":" + eventId;
  }

  /** The payout's key: one gateway's payout ids never collide with another's. */
  public String payoutKey() {
    return gateway + ":" + payoutId;
  }
}
