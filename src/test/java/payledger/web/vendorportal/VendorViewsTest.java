package payledger.web.vendorportal;

import static org.junit.jupiter.api.Assertions.*;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import payledger.vendor.Movement;
import payledger.vendor.PayoutBook;
import payledger.vendor.PayoutDiscrepancy;
import payledger.vendor.PayoutEvent;
import payledger.vendor.PayoutSchedule;
import payledger.vendor.VendorProfile;
import payledger.vendor.VendorState;

/** What the vendor portal shows of a vendor's ledger: next payout, sales pages, payouts, periods. */
class VendorViewsTest {

  private static final Instant NOW = Instant.parse("2026-12-09T15:00:00Z"); // a Wednesday

  private static Movement sale(String order, String at, long gross, long commission, String payable) {
    return new Movement(Instant.parse(at), Movement.Kind.SALE, order, "EUR", gross, commission,
        Instant.parse(payable));
  }

  private static VendorState vendor(PayoutSchedule schedule, List<Movement> movements, PayoutBook book) {
    return new VendorState("acme", new VendorProfile("Acme", "pay@acme.example", List.of()),
        schedule, List.of(), Map.of(), movements, book, null);
  }

  @Test
  void theNextPayoutDayFollowsTheSchedule() {
    assertEquals(LocalDate.parse("2026-12-10"),
        VendorViews.nextPayoutDay(new PayoutSchedule(PayoutSchedule.Frequency.DAILY, 0, null), NOW));
    assertEquals(LocalDate.parse("2026-12-14"), VendorViews.nextPayoutDay(PayoutSchedule.DEFAULT, NOW));
    assertEquals(LocalDate.parse("2026-12-10"), VendorViews.nextPayoutDay(
        new PayoutSchedule(PayoutSchedule.Frequency.WEEKLY, 7, DayOfWeek.THURSDAY), NOW));
    assertEquals(LocalDate.parse("2026-12-16"), VendorViews.nextPayoutDay(
        new PayoutSchedule(PayoutSchedule.Frequency.WEEKLY, 7, DayOfWeek.WEDNESDAY), NOW),
        "today's payout day is gone: the next is a week on");
  }

  @Test
  void theNextPayoutIsWhatIsPayableByThenLessWhatWasPaidOut() {
    List<Movement> moves = List.of(
        sale("o1", "2026-12-01T10:00:00Z", 10_000, 1_000, "2026-12-08T00:00:00Z"),
        sale("o2", "2026-12-05T10:00:00Z", 5_000, 500, "2026-12-14T00:00:00Z"),
        sale("o3", "2026-12-09T10:00:00Z", 2_000, 200, "2026-12-21T00:00:00Z"),
        new Movement(Instant.parse("2026-12-08T09:00:00Z"), Movement.Kind.PAYOUT, "po1", "EUR",
            -9_000, 0, Instant.parse("2026-12-08T09:00:00Z")));
    var next = VendorViews.nextPayouts(vendor(PayoutSchedule.DEFAULT, moves, PayoutBook.EMPTY), NOW);
    assertEquals(List.of(new VendorViews.NextPayout(LocalDate.parse("2026-12-14"), "EUR", 4_500)), next,
        "o1 paid out already, o2 payable on the 14th, o3 later");
  }

  @Test
  void salesArePagedNewestFirstWithoutPayouts() {
    List<Movement> moves = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      moves.add(sale("o" + i, Instant.parse("2026-11-01T00:00:00Z").plusSeconds(i * 3600L).toString(),
          100, 10, "2026-12-01T00:00:00Z"));
    }
    moves.add(new Movement(Instant.parse("2026-12-01T09:00:00Z"), Movement.Kind.PAYOUT, "po1", "EUR",
        -2_700, 0, Instant.parse("2026-12-01T09:00:00Z")));
    VendorState v = vendor(PayoutSchedule.DEFAULT, moves, PayoutBook.EMPTY);
    var first = VendorViews.sales(v, 1);
    assertEquals(2, first.pages());
    assertEquals(25, first.rows().size());
    assertEquals("o29", first.rows().get(0).orderId());
    var second = VendorViews.sales(v, 2);
    assertEquals(List.of("o4", "o3", "o2", "o1", "o0"),
        second.rows().stream().map(Movement::orderId).toList());
    assertEquals(2, VendorViews.sales(v, 99).page(), "past the end: the last page");
    assertEquals(1, VendorViews.sales(v, -3).page());
    assertEquals(1, VendorViews.sales(vendor(PayoutSchedule.DEFAULT, List.of(), PayoutBook.EMPTY), 1).pages());
  }

  @Test
  void payoutsShowTheirLatestStateAndOpenDiscrepanciesComeFirst() {
    PayoutEvent paid = new PayoutEvent("e1", "bankco", "po1", PayoutEvent.Status.PAID, "EUR", 9_000,
        Instant.parse("2026-12-08T09:00:00Z"));
    PayoutEvent failed = new PayoutEvent("e2", "bankco", "po2", PayoutEvent.Status.FAILED, "EUR", 500,
        Instant.parse("2026-12-09T09:00:00Z"));
    PayoutDiscrepancy resolved = resolved(discrepancy("PD1", "2026-12-08T09:00:00Z"));
    PayoutDiscrepancy open = discrepancy("PD2", "2026-12-07T09:00:00Z");
    PayoutBook book = new PayoutBook(Map.of(), Map.of("bankco:po1", paid, "bankco:po2", failed),
        List.of(resolved, open), Set.of(), Map.of());
    VendorState v = vendor(PayoutSchedule.DEFAULT, List.of(), book);
    assertEquals(List.of("po2", "po1"), VendorViews.payouts(v).stream().map(PayoutEvent::payoutId).toList());
    assertEquals(List.of("PD2", "PD1"), VendorViews.discrepancies(v).stream().map(PayoutDiscrepancy::id).toList());
  }

  @Test
  void aDiscrepancyTurnsAmberAtItsWarningAndRedAtItsDeadline() {
    PayoutDiscrepancy d = discrepancy("PD1", "2026-12-08T00:00:00Z");
    assertEquals("", VendorViews.level(d, Instant.parse("2026-12-08T10:00:00Z")));
    assertEquals("warn", VendorViews.level(d, Instant.parse("2026-12-09T13:00:00Z")));
    assertEquals("breach", VendorViews.level(d, Instant.parse("2026-12-10T00:00:00Z")));
    assertEquals("ok", VendorViews.level(resolved(d), Instant.parse("2026-12-10T00:00:00Z")));
  }

  @Test
  void statementPeriodsRunFromTheFirstMovementToThisMonthPerCurrency() {
    List<Movement> moves = List.of(
        sale("o1", "2026-10-20T10:00:00Z", 100, 10, "2026-10-28T00:00:00Z"),
        new Movement(Instant.parse("2026-12-02T10:00:00Z"), Movement.Kind.SALE, "o2", "JPY", 500, 50,
            Instant.parse("2026-12-10T00:00:00Z")));
    VendorState v = vendor(PayoutSchedule.DEFAULT, moves, PayoutBook.EMPTY);
    assertEquals(List.of(
        new VendorViews.Period(YearMonth.parse("2026-12"), "EUR"),
        new VendorViews.Period(YearMonth.parse("2026-12"), "JPY"),
        new VendorViews.Period(YearMonth.parse("2026-11"), "EUR"),
        new VendorViews.Period(YearMonth.parse("2026-10"), "EUR")), VendorViews.periods(v, NOW));
    VendorViews.Period dec = VendorViews.period(v, NOW, "2026-12", "EUR");
    assertEquals(Instant.parse("2026-12-01T00:00:00Z"), dec.from());
    assertEquals(Instant.parse("2027-01-01T00:00:00Z"), dec.to());
    assertNull(VendorViews.period(v, NOW, "2026-11", "JPY"), "before its first movement");
    assertNull(VendorViews.period(v, NOW, "2027-01", "EUR"), "not yet");
    assertNull(VendorViews.period(v, NOW, "2026-13", "EUR"));
    assertNull(VendorViews.period(v, NOW, "../etc", "EUR"));
    assertNull(VendorViews.period(v, NOW, "2026-12", "USD"));
  }

  private static PayoutDiscrepancy resolved(PayoutDiscrepancy d) {
    return new PayoutDiscrepancy(d.id(), d.type(), d.currency(), d.expected(), d.actual(), d.payoutId(),
        d.periodDay(), d.detectedAt(), d.noticeBy(), d.warnAt(), d.resolveBy(), d.warned(),
        d.escalation(), new PayoutDiscrepancy.Resolution("PAID_OUT", "agent", null, d.detectedAt()));
  }

  private static PayoutDiscrepancy discrepancy(String id, String detected) {
    Instant at = Instant.parse(detected);
    return new PayoutDiscrepancy(id, PayoutDiscrepancy.Type.PAYOUT_SHORT, "EUR", 9_000, 8_500, "po1",
        at, at, at.plusSeconds(24 * 3600), at.plusSeconds(36 * 3600), at.plusSeconds(48 * 3600),
        false, 0, null);
  }
}
