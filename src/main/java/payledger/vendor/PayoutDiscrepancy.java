package payledger.vendor;

import java.time.Duration;
import java.time.Instant;
import payledger.serialization.CborSerializable;

/**
 * A payout that does not match what the vendor was due for its payout period, flagged on the
 * vendor's ledger with the same deadlines as an order's discrepancy: the vendor told by
 * {@code noticeBy}, a warning at {@code warnAt} (75 % of the window), resolved by {@code resolveBy},
 * escalated when it is not.
 *
 * @param periodDay the payout day (00:00 UTC) whose due the payout was matched against
 * @param payoutId the payout, or null for a {@link Type#PAYOUT_MISSING}
 * @param escalation 0, then one more each time the resolution deadline passes unresolved (max 2)
 * @param resolution null while open
 */
public record PayoutDiscrepancy(String id, Type type, String currency, long expected, long actual,
    String payoutId, Instant periodDay, Instant detectedAt, Instant noticeBy, Instant warnAt,
    Instant resolveBy, boolean warned, int escalation, Resolution resolution)
    implements CborSerializable {

  public enum Type {
    /** Less than the vendor was due for the period. */
    PAYOUT_SHORT,
    /** More than the vendor was due (a second payout for a period already paid, too). */
    PAYOUT_EXCESS,
    /** Nothing paid by the payout day plus the grace, though money was due. */
    PAYOUT_MISSING,
    /** The gateway reports the payout failed or reversed. */
    PAYOUT_FAILED
  }

  /** How it was resolved: {@code AUTO_MATCHED} when a later payout made the period right. */
  public record Resolution(String how, String by, String note, Instant at) implements CborSerializable {}

  public static PayoutDiscrepancy open(String id, Type type, String currency, long expected,
      long actual, String payoutId, Instant periodDay, Instant now, PayoutSettings settings) {
    Duration window = settings.resolution();
    return new PayoutDiscrepancy(id, type, currency, expected, actual, payoutId, periodDay, now,
        now.plus(settings.notice()), now.plus(window.multipliedBy(3).dividedBy(4)),
        now.plus(window), false, 0, null);
  }

  public boolean isOpen() {
    return resolution == null;
  }

  PayoutDiscrepancy warn() {
    return new PayoutDiscrepancy(id, type, currency, expected, actual, payoutId, periodDay,
        detectedAt, noticeBy, warnAt, resolveBy, true, escalation, resolution);
  }

  PayoutDiscrepancy escalate(int level, Instant nextResolveBy) {
    return new PayoutDiscrepancy(id, type, currency, expected, actual, payoutId, periodDay,
        detectedAt, noticeBy, warnAt, nextResolveBy, warned, level, resolution);
  }

  PayoutDiscrepancy resolve(Resolution r) {
    return new PayoutDiscrepancy(id, type, currency, expected, actual, payoutId, periodDay,
        detectedAt, noticeBy, warnAt, resolveBy, warned, escalation, r);
  }
}
