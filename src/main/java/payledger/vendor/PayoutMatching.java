package payledger.vendor;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import payledger.vendor.PayoutDiscrepancy.Type;
import payledger.vendor.VendorEvent.*;

/**
 * Payout reconciliation, pure: what a payout event or a wake-up means for a vendor's ledger, as the
 * events to persist. The entity decides when; this decides what.
 *
 * <p>A payout is matched against its <em>period</em>: the vendor's latest payout day (00:00 UTC) at or
 * before the payout ({@link #periodDay}). What the vendor was due then is its money payable by that
 * day less every payout already recorded ({@link #due}). A paid payout of exactly that is matched
 * (and resolves the period's open short, missing and failed discrepancies as {@code AUTO_MATCHED});
 * less is {@code PAYOUT_SHORT}, more {@code PAYOUT_EXCESS}; a failed one is {@code PAYOUT_FAILED}.
 * A payout day whose due is positive and that saw no payout by the day plus the grace is
 * {@code PAYOUT_MISSING}, found when the vendor is woken after that; while it is open, later payout
 * days of the currency are the same outage and raise nothing more.
 */
public final class PayoutMatching {

  private PayoutMatching() {}

  /** The vendor's payout day at or before {@code at}: that day for DAILY, the last weekday for WEEKLY. */
  public static Instant periodDay(PayoutSchedule schedule, Instant at) {
    LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
    if (schedule.frequency() == PayoutSchedule.Frequency.WEEKLY) {
      day = day.with(TemporalAdjusters.previousOrSame(schedule.weekday()));
    }
    return day.atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /** What the vendor is still due for payout day {@code day} in {@code currency}: may be negative. */
  public static long due(VendorState v, String currency, Instant day) {
    long due = 0;
    for (Movement m : v.movements()) {
      if (!m.currency().equals(currency)) {
        continue;
      }
      if (m.kind().isPayout() || !m.availableAt().isAfter(day)) {
        due += m.net();
      }
    }
    return due;
  }

  /** The events a new payout event means; the caller has checked it is not a repeat. */
  public static List<VendorEvent> record(VendorState v, PayoutEvent e, Instant now, PayoutSettings s) {
    List<VendorEvent> out = new ArrayList<>();
    out.add(new PayoutEventRecorded(v.vendorId(), e, now));
    PayoutEvent known = v.payouts().payouts().get(e.payoutKey());
    Instant day = periodDay(v.schedule(), e.occurredAt());
    if (e.status() == PayoutEvent.Status.FAILED) {
      if (known == null || known.status() == PayoutEvent.Status.PAID) {
        long expected = known != null ? known.amount() : e.amount();
        out.add(new PayoutDiscrepancyFound(v.vendorId(), PayoutDiscrepancy.open(
            v.payouts().nextDiscrepancyId(), Type.PAYOUT_FAILED, e.currency(), expected, 0,
            e.payoutId(), day, now, s)));
      }
      return out;
    }
    if (known != null) {
      return out; // this payout was already counted (or failed): no money moves twice
    }
    long due = due(v, e.currency(), day);
    if (e.amount() == due) {
      for (PayoutDiscrepancy d : v.payouts().open()) {
        if (d.currency().equals(e.currency()) && !d.periodDay().isAfter(day)
            && d.type() != Type.PAYOUT_EXCESS) {
          out.add(new PayoutDiscrepancyResolved(v.vendorId(), d.id(), new PayoutDiscrepancy.Resolution(
              "AUTO_MATCHED", "system", "payout " + e.payoutId() + " settled the period", now)));
        }
      }
    } else {
      Type type = e.amount() < due ? Type.PAYOUT_SHORT : Type.PAYOUT_EXCESS;
      out.add(new PayoutDiscrepancyFound(v.vendorId(), PayoutDiscrepancy.open(
          v.payouts().nextDiscrepancyId(), type, e.currency(), Math.max(due, 0), e.amount(),
          e.payoutId(), day, now, s)));
    }
    return out;
  }

  /**
   * What is due at {@code now}: missing payouts for payout days whose grace has passed, the vendor
   * notice deadline of a discrepancy still open, warnings at 75 % of a discrepancy's window,
   * escalations past its deadline. Nothing twice.
   */
  public static List<VendorEvent> wake(VendorState v, Instant now, PayoutSettings s) {
    List<VendorEvent> out = new ArrayList<>();
    int next = v.payouts().discrepancies().size();
    for (Map.Entry<String, TreeSet<Instant>> byCurrency : payoutDays(v).entrySet()) {
      String currency = byCurrency.getKey();
      boolean outage = openMissing(v, currency);
      for (Instant day : byCurrency.getValue()) {
        Instant graceEnd = day.plus(s.grace());
        if (outage || graceEnd.isAfter(now)
            || (s.reconcileFrom() != null && day.isBefore(s.reconcileFrom()))
            || flaggedMissing(v, currency, day) || paidWithin(v, currency, day, graceEnd)) {
          continue;
        }
        long due = due(v, currency, day);
        if (due > 0) {
          next++;
          out.add(new PayoutDiscrepancyFound(v.vendorId(), PayoutDiscrepancy.open(
              "PD" + next, Type.PAYOUT_MISSING, currency, due, 0, null, day, now, s)));
          outage = true;
        }
      }
    }
    for (PayoutDiscrepancy d : v.payouts().open()) {
      if (!d.noticeBy().isAfter(now) && !v.payouts().noticesDue().contains(d.id())) {
        out.add(new PayoutNoticeDue(v.vendorId(), d, now));
      }
      if (!d.warned() && !d.warnAt().isAfter(now)) {
        out.add(new PayoutDiscrepancyWarned(v.vendorId(), d.id(), now));
      }
      if (!d.resolveBy().isAfter(now) && d.escalation() < 2) {
        out.add(new PayoutDiscrepancyOverdue(v.vendorId(), d.id(), d.escalation() + 1,
            d.resolveBy().plus(s.resolution()), now));
      }
    }
    return out;
  }

  /** The payout days on which money became payable, by currency. */
  private static Map<String, TreeSet<Instant>> payoutDays(VendorState v) {
    Map<String, TreeSet<Instant>> days = new TreeMap<>();
    for (Movement m : v.movements()) {
      if (!m.kind().isPayout()) {
        days.computeIfAbsent(m.currency(), c -> new TreeSet<>()).add(m.availableAt());
      }
    }
    return days;
  }

  /**
   * One outage, one discrepancy: while a missing payout is open in a currency, the payout days
   * after it are the same outage (its payout, when it comes, is matched against them all).
   */
  private static boolean openMissing(VendorState v, String currency) {
    return v.payouts().open().stream()
        .anyMatch(d -> d.type() == Type.PAYOUT_MISSING && d.currency().equals(currency));
  }

  private static boolean flaggedMissing(VendorState v, String currency, Instant day) {
    return v.payouts().discrepancies().stream().anyMatch(d -> d.type() == Type.PAYOUT_MISSING
        && d.currency().equals(currency) && d.periodDay().equals(day));
  }

  /** Any payout event (paid or failed: a failure is flagged as such) in the day's window. */
  private static boolean paidWithin(VendorState v, String currency, Instant day, Instant graceEnd) {
    return v.payouts().payouts().values().stream().anyMatch(p -> p.currency().equals(currency)
        && !p.occurredAt().isBefore(day) && !p.occurredAt().isAfter(graceEnd));
  }

  /** The wake-ups an event asks for (the deadlines projection writes them durably). */
  public static List<Instant> wakeUps(VendorEvent event, PayoutSettings s) {
    if (event instanceof OrderShareMoved e) {
      return List.of(e.movement().availableAt().plus(s.grace()));
    }
    if (event instanceof PayoutDiscrepancyFound e) {
      return List.of(e.discrepancy().noticeBy(), e.discrepancy().warnAt(), e.discrepancy().resolveBy());
    }
    if (event instanceof PayoutDiscrepancyOverdue e && e.escalation() < 2) {
      return List.of(e.nextResolveBy());
    }
    return List.of();
  }
}
