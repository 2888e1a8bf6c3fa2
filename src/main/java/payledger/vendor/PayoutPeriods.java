package payledger.vendor;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Pure: a vendor's scheduled payout periods and how each went, for the "payouts on time and
 * correct" KPI. A period is a payout day (00:00 UTC) of one currency on which money became payable
 * ({@link Movement#availableAt()}), or that a payout discrepancy names; its window runs to the day
 * plus the grace ({@link PayoutSettings#grace()}).
 *
 * <ul>
 *   <li>{@link Outcome#FAULTY}: a payout discrepancy is about it — short, excess (a second payout
 *       too), missing, or failed (a failed payout counts against the period it was paid for).
 *   <li>{@link Outcome#ON_TIME_AND_CORRECT}: no discrepancy, and a payout of the currency was paid
 *       within the window (as {@link PayoutMatching} sees a payout day as paid).
 *   <li>{@link Outcome#OPEN}: neither yet. It is decided by time: before the window's end it is
 *       pending; after it, nothing came in time (the ledger raises the missing payout then, or the
 *       day lies in an outage already flagged), so it is missed.
 *   <li>{@link Outcome#NOTHING_DUE}: nothing was owed for the day — its payable money less the
 *       payouts before it, refunds within the window included, is not positive (no payout was
 *       expected) — or the day is before {@link PayoutSettings#reconcileFrom()}. Not counted.
 * </ul>
 *
 * A period's outcome is a function of the ledger's state alone, so a replay gives the same.
 */
public final class PayoutPeriods {

  private PayoutPeriods() {}

  public enum Outcome {
    ON_TIME_AND_CORRECT,
    FAULTY,
    OPEN,
    NOTHING_DUE
  }

  /**
   * @param windowEnd the day plus the grace: a payout after it is late
   * @param paidAt the first payout paid within the window, or null
   */
  public record Period(String vendorId, String currency, Instant day, Instant windowEnd,
      Outcome outcome, Instant paidAt) {}

  /** Every period of the vendor, by currency and day. */
  public static List<Period> of(VendorState v, PayoutSettings s) {
    Map<String, TreeSet<Instant>> days = new TreeMap<>();
    for (Movement m : v.movements()) {
      if (!m.kind().isPayout()) {
        days.computeIfAbsent(m.currency(), c -> new TreeSet<>()).add(m.availableAt());
      }
    }
    for (PayoutDiscrepancy d : v.payouts().discrepancies()) {
      days.computeIfAbsent(d.currency(), c -> new TreeSet<>()).add(periodOf(v, d));
    }
    List<Period> periods = new ArrayList<>();
    days.forEach((currency, byDay) -> byDay.forEach(day -> periods.add(period(v, s, currency, day))));
    return periods;
  }

  private static Period period(VendorState v, PayoutSettings s, String currency, Instant day) {
    Instant windowEnd = day.plus(s.grace());
    boolean faulty = v.payouts().discrepancies().stream()
        .anyMatch(d -> d.currency().equals(currency) && periodOf(v, d).equals(day));
    if (faulty) {
      return new Period(v.vendorId(), currency, day, windowEnd, Outcome.FAULTY, null);
    }
    if ((s.reconcileFrom() != null && day.isBefore(s.reconcileFrom())) || owed(v, currency, day, windowEnd) <= 0) {
      return new Period(v.vendorId(), currency, day, windowEnd, Outcome.NOTHING_DUE, null);
    }
    Optional<Instant> paid = v.payouts().payouts().values().stream()
        .filter(p -> p.status() == PayoutEvent.Status.PAID && p.currency().equals(currency)
            && !p.occurredAt().isBefore(day) && !p.occurredAt().isAfter(windowEnd))
        .map(PayoutEvent::occurredAt)
        .min(Comparator.naturalOrder());
    return paid.map(at -> new Period(v.vendorId(), currency, day, windowEnd, Outcome.ON_TIME_AND_CORRECT, at))
        .orElseGet(() -> new Period(v.vendorId(), currency, day, windowEnd, Outcome.OPEN, null));
  }

  /**
   * The payout period a discrepancy counts against: its own, except a failed payout's, which is the
   * period of the day the payout was paid (its discrepancy is dated by the failure).
   */
  static Instant periodOf(VendorState v, PayoutDiscrepancy d) {
    if (d.type() == PayoutDiscrepancy.Type.PAYOUT_FAILED && d.payoutId() != null) {
      Optional<Instant> paidAt = v.payouts().events().values().stream()
          .filter(e -> e.status() == PayoutEvent.Status.PAID && d.payoutId().equals(e.payoutId())
              && d.currency().equals(e.currency()))
          .map(PayoutEvent::occurredAt)
          .min(Comparator.naturalOrder());
      if (paidAt.isPresent()) {
        return PayoutMatching.periodDay(v.schedule(), paidAt.get());
      }
    }
    return d.periodDay();
  }

  /**
   * What the vendor was owed for the day before its payout: the money payable by the day (moved by
   * the end of the window: a refund meanwhile lowers it), less the payouts (net of returned ones)
   * before the day.
   */
  static long owed(VendorState v, String currency, Instant day, Instant windowEnd) {
    long owed = 0;
    for (Movement m : v.movements()) {
      if (!m.currency().equals(currency)) {
        continue;
      }
      if (m.kind().isPayout() ? m.at().isBefore(day) : !m.availableAt().isAfter(day) && !m.at().isAfter(windowEnd)) {
        owed += m.net();
      }
    }
    return owed;
  }
}
