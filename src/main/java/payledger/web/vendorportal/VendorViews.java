package payledger.web.vendorportal;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import payledger.vendor.Movement;
import payledger.vendor.PayoutDiscrepancy;
import payledger.vendor.PayoutEvent;
import payledger.vendor.PayoutSchedule;
import payledger.vendor.VendorState;

/**
 * What the vendor portal's pages show, read from a vendor's ledger state and nothing else (pure, so
 * each rule is tested without a node): the next payout, the sales page by page, the payouts, the
 * payout discrepancies and the statement periods.
 */
final class VendorViews {

  /** Rows per page of the sales list. */
  static final int PAGE_SIZE = 25;

  private VendorViews() {}

  /** The next payout day and what is due on it in one currency: what is payable by then. */
  record NextPayout(LocalDate day, String currency, long amount) {}

  /** One page of the vendor's sales, refunds and chargebacks, newest first; {@code page} from 1. */
  record SalesPage(List<Movement> rows, int page, int pages) {}

  /** A statement period: one calendar month (UTC) in one currency. */
  record Period(YearMonth month, String currency) {

    Instant from() {
      return month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    Instant to() {
      return month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
  }

  /** The first payout day of {@code schedule} after the day of {@code now} (00:00 UTC). */
  static LocalDate nextPayoutDay(PayoutSchedule schedule, Instant now) {
    LocalDate tomorrow = LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(1);
    if (schedule.frequency() == PayoutSchedule.Frequency.DAILY) {
      return tomorrow;
    }
    DayOfWeek weekday = schedule.weekday() == null ? DayOfWeek.MONDAY : schedule.weekday();
    return tomorrow.with(TemporalAdjusters.nextOrSame(weekday));
  }

  /**
   * Per currency, the next payout day and its due: every movement payable by that day (payouts
   * and returned payouts included, so what was paid out already is not due again). A currency
   * with nothing due is listed with 0.
   */
  static List<NextPayout> nextPayouts(VendorState vendor, Instant now) {
    LocalDate day = nextPayoutDay(vendor.schedule(), now);
    Instant at = day.atStartOfDay(ZoneOffset.UTC).toInstant();
    Map<String, Long> due = new TreeMap<>();
    for (Movement m : vendor.movements()) {
      long add = !m.availableAt().isAfter(at) ? m.net() : 0;
      due.merge(m.currency(), add, Long::sum);
    }
    List<NextPayout> out = new ArrayList<>();
    due.forEach((currency, amount) -> out.add(new NextPayout(day, currency, Math.max(0, amount))));
    return out;
  }

  /** The movements that are not payouts, newest first, {@code page} of them (clamped to 1..pages). */
  static SalesPage sales(VendorState vendor, int page) {
    List<Movement> sales = new ArrayList<>();
    for (Movement m : vendor.movements()) {
      if (!m.kind().isPayout()) {
        sales.add(m);
      }
    }
    java.util.Collections.reverse(sales);
    int pages = Math.max(1, (sales.size() + PAGE_SIZE - 1) / PAGE_SIZE);
    int chosen = Math.min(Math.max(page, 1), pages);
    int from = (chosen - 1) * PAGE_SIZE;
    return new SalesPage(sales.subList(from, Math.min(sales.size(), from + PAGE_SIZE)), chosen, pages);
  }

  /** Each payout's latest state (a failed payout stays failed), newest first. */
  static List<PayoutEvent> payouts(VendorState vendor) {
    return vendor.payouts().payouts().values().stream()
        .sorted(Comparator.comparing(PayoutEvent::occurredAt).reversed()
            .thenComparing(PayoutEvent::payoutId))
        .toList();
  }

  /** The payout discrepancies, open ones first, then the newest first. */
  static List<PayoutDiscrepancy> discrepancies(VendorState vendor) {
    return vendor.payouts().discrepancies().stream()
        .sorted(Comparator.comparing((PayoutDiscrepancy d) -> !d.isOpen())
            .thenComparing(PayoutDiscrepancy::detectedAt, Comparator.reverseOrder()))
        .toList();
  }

  /** How late a discrepancy is: "breach" past its resolution time, "warn" past its warning, else "". */
  static String level(PayoutDiscrepancy d, Instant now) {
    if (!d.isOpen()) {
      return "ok";
    }
    if (!now.isBefore(d.resolveBy()) || d.escalation() > 0) {
      return "breach";
    }
    return !now.isBefore(d.warnAt()) ? "warn" : "";
  }

  /**
   * The statements there are: each month from the vendor's first movement in a currency to the
   * month of {@code now}, newest first (months without movements too: their balances carry on).
   */
  static List<Period> periods(VendorState vendor, Instant now) {
    Map<String, YearMonth> first = new TreeMap<>();
    for (Movement m : vendor.movements()) {
      YearMonth month = YearMonth.from(m.at().atZone(ZoneOffset.UTC));
      first.merge(m.currency(), month, (a, b) -> a.isBefore(b) ? a : b);
    }
    YearMonth last = YearMonth.from(now.atZone(ZoneOffset.UTC));
    TreeSet<YearMonth> months = new TreeSet<>(Comparator.reverseOrder());
    List<Period> out = new ArrayList<>();
    first.forEach((currency, start) -> {
      for (YearMonth m = start; !m.isAfter(last); m = m.plusMonths(1)) {
        months.add(m);
      }
    });
    for (YearMonth m : months) {
      first.forEach((currency, start) -> {
        if (!m.isBefore(start)) {
          out.add(new Period(m, currency));
        }
      });
    }
    return out;
  }

  /** A period named in a URL ({@code 2026-12}, a currency the vendor has); null when it is none. */
  static Period period(VendorState vendor, Instant now, String month, String currency) {
    if (month == null || currency == null || !month.matches("\\d{4}-\\d{2}")) {
      return null;
    }
    try {
      Period asked = new Period(YearMonth.parse(month), currency);
      return periods(vendor, now).contains(asked) ? asked : null;
    } catch (java.time.format.DateTimeParseException e) {
      return null;
    }
  }
}
