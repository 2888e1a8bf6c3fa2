package payledger.report;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import payledger.readmodel.KpiFact;
import payledger.readmodel.KpiStore;
import payledger.readmodel.KpiSummary;
import payledger.readmodel.ReadModelStore.Dims;
import payledger.readmodel.Tally;

/** The report's arithmetic on facts made by hand: SLA decided vs pending, quantiles, periods, CSV. */
class ReconciliationReportTest {

  private static final Instant T = Instant.parse("2026-11-02T10:00:00Z");
  private static final Dims CARD = new Dims("card", "stripe");

  private static KpiFact kase(String id, String kind, Instant opened, Duration ackAfter, Duration doneAfter) {
    return new KpiFact(opened.toString().substring(0, 10), 0, KpiFact.Kind.CASE, id, "card", "stripe",
        kind, opened, ackAfter == null ? null : opened.plus(ackAfter), opened.plus(Duration.ofHours(1)),
        doneAfter == null ? null : opened.plus(doneAfter), opened.plus(Duration.ofHours(48)), Set.of(), null);
  }

  @Test
  void anOpenItemIsMissedOnceItsDeadlinePassedAndPendingBefore() {
    Tally t = KpiSummary.of(List.of(
        kase("a", "DISPUTE", T, Duration.ofMinutes(10), Duration.ofHours(3)),
        kase("b", "DISPUTE", T, Duration.ofMinutes(10), null))).get(CARD);

    Kpis early = Kpis.of(t, T.plus(Duration.ofHours(5)));
    Measure resolvedEarly = early.measures().get("disputesResolvedWithin48h");
    assertEquals(100.0, resolvedEarly.value());
    assertEquals(1L, resolvedEarly.denominator());
    assertEquals(1L, resolvedEarly.pending());

    Kpis late = Kpis.of(t, T.plus(Duration.ofHours(49)));
    Measure resolvedLate = late.measures().get("disputesResolvedWithin48h");
    assertEquals(50.0, resolvedLate.value());
    assertFalse(resolvedLate.met());
    assertEquals(0L, resolvedLate.pending());
  }

  @Test
  void quantilesAreNearestRankOverTheWholePeriodNotAveragesOfDays() {
    List<KpiFact> facts = new ArrayList<>();
    for (int i = 0; i < 19; i++) {
      facts.add(kase("f" + i, "PAYMENT_ISSUE", T.plus(Duration.ofDays(i % 3)), Duration.ofMinutes(5), Duration.ofHours(1)));
    }
    facts.add(kase("slow", "PAYMENT_ISSUE", T, Duration.ofMinutes(5), Duration.ofHours(60)));
    List<KpiStore.Daily> rows = new ArrayList<>();
    for (int d = 0; d < 3; d++) {
      String day = T.plus(Duration.ofDays(d)).toString().substring(0, 10);
      Tally tally = KpiSummary.of(facts.stream().filter(f -> f.day().equals(day)).toList()).get(CARD);
      rows.add(new KpiStore.Daily(LocalDate.parse(day), CARD, tally));
    }
    ReconciliationReport report = ReconciliationReport.compute(rows, LocalDate.parse("2026-11-01"),
        LocalDate.parse("2026-11-30"), Granularity.WEEK, T.plus(Duration.ofDays(10)));
    Map<String, Measure> m = report.total().overall().measures();
    assertEquals(1.0, m.get("medianTimeToResolve").value());
    assertEquals(1.0, m.get("p95TimeToResolve").value(), "rank 19 of 20 is still one hour");
    assertEquals(95.0, m.get("paymentIssuesResolvedWithin48h").value());
    assertFalse(m.get("paymentIssuesResolvedWithin48h").met(), "target 99 %");
    assertEquals(20, report.total().byGateway().get("stripe").casesOpened());
    assertEquals(List.of("2026-11-01", "2026-11-02", "2026-11-09", "2026-11-16", "2026-11-23", "2026-11-30"),
        report.periods().stream().map(p -> p.start().toString()).toList(), "ISO weeks, clipped");
    assertEquals(0, report.periods().get(0).overall().casesOpened(), "nothing on Sunday the 1st");
  }

  @Test
  void nothingToMeasureIsNullNeverAHundredPercent() {
    Kpis empty = Kpis.of(new Tally(), T);
    for (Measure m : empty.measures().values()) {
      assertNull(m.value());
      assertNull(m.met());
    }
    assertTrue(empty.measures().values().stream().allMatch(Measure::measured));
  }

  @Test
  void theCsvHasOneLinePerPeriodSliceAndKpiAndQuotesCommas() {
    Tally t = KpiSummary.of(List.of(kase("a", "DISPUTE", T, Duration.ofMinutes(10), Duration.ofHours(3))))
        .get(CARD);
    List<KpiStore.Daily> rows = List.of(new KpiStore.Daily(LocalDate.parse("2026-11-02"),
        new Dims("card, debit", "stripe"), t));
    String csv = ReportCsv.of(ReconciliationReport.compute(rows, LocalDate.parse("2026-11-02"),
        LocalDate.parse("2026-11-02"), Granularity.DAY, T.plus(Duration.ofDays(3))));
    List<String> lines = csv.lines().toList();
    assertEquals(ReportCsv.HEADER, lines.get(0));
    assertTrue(lines.contains("2026-11-02,2026-11-02,payment_method,\"card, debit\",disputesResolvedWithin48h,100.0,%,95.0,>=,true,1,1,0"),
        csv);
    assertTrue(lines.contains("2026-11-02,2026-11-02,all,,receiptsSentWithin24h,,%,100.0,>=,,0,0,0"), csv);
    assertTrue(lines.stream().allMatch(l -> l.split(",", -1).length >= 13), "every line has every column");
  }
}
