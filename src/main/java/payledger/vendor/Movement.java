package payledger.vendor;

import java.time.Instant;
import java.util.Objects;
import payledger.serialization.CborSerializable;

/**
 * One change of a vendor's balance, as its statement lists it: {@code net = gross − commission}
 * is what it owes the vendor (negative for a refund); a payout's gross is minus what was paid out.
 *
 * @param orderId the order, or the payout id for a {@link Kind#PAYOUT}
 * @param availableAt when the money becomes payable ({@link PayoutSchedule}); a payout's time
 */
public record Movement(Instant at, Kind kind, String orderId, String currency, long gross,
    long commission, Instant availableAt) implements CborSerializable {

  /** What moved the balance. */
  public enum Kind {
    /** The order settled: its net paid reached its due. */
    SALE,
    /** A further payment after the order settled. */
    PAYMENT,
    REFUND,
    CHARGEBACK,
    CHARGEBACK_REVERSED,
    /** The order's registration or an invoice adjustment changed the parts. */
    ADJUSTMENT,
    /** Money paid out to the vendor. */
    PAYOUT,
    /** A payout that failed or was reversed: the money is the vendor's to be paid again. */
    PAYOUT_RETURNED;

    /** Payouts and their returns move money between available and paid out. */
    public boolean isPayout() {
      return this == PAYOUT || this == PAYOUT_RETURNED;
    }
  }

  public Movement {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(currency, "currency");
  }

  public long net() {
    return gross - commission;
  }
}
