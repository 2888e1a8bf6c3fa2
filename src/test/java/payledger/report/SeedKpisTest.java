package payledger.report;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import payledger.money.Money;
import payledger.readmodel.KpiDefinition;
import payledger.readmodel.KpiFact;
import payledger.readmodel.KpiFacts;
import payledger.readmodel.KpiSettings;
import payledger.readmodel.KpiStore;
import payledger.readmodel.KpiSummary;
import payledger.readmodel.ReadModelStore.Dims;
import payledger.readmodel.Tally;

/**
 * The formulas of the seeds' other metrics on facts made by hand: payment success, refund and
 * chargeback rates (count, and amount per currency), receipt accuracy and delivery, discrepancy
 * escalations, and how they reach the CSV and the gauges.
 */
class SeedKpisTest {

  private static final Instant T = Instant.parse("2026-11-02T10:00:00Z");
  private static final Dims CARD = new Dims("card", "stripe");
  private static final List<KpiDefinition> KPIS = KpiSettings.DEFAULTS.kpis();

  private static KpiFact payment(String id, String category, long amount, String currency) {
    return new KpiFact("2026-11-02", 10, KpiFact.Kind.PAYMENT, id, "card", "stripe", category, T, null, null,
        null, null, Set.of(), null, new Money(amount, currency));
  }

  /** An order; {@code receipt} whether its receipt was issued. */
  private static KpiFact order(String id, boolean receipt, KpiFact.Flag... flags) {
    return new KpiFact("2026-11-02", 10, KpiFact.Kind.ORDER, id, "card", "stripe", null, T, null, null,
        null, receipt ? T.plus(Duration.ofHours(24)) : null,
        Arrays.stream(flags).map(Enum::name).collect(Collectors.toSet()), null, null);
  }

  private static KpiFact discrepancy(String id, KpiFact.Flag... flags) {
    return new KpiFact("2026-11-02", 10, KpiFact.Kind.DISCREPANCY, id, "card", "stripe", "UNDERPAYMENT", T, null,
        T.plus(Duration.ofHours(24)), null, T.plus(Duration.ofHours(48)),
        Arrays.stream(flags).map(Enum::name).collect(Collectors.toSet()), null, null);
  }

  private static Map<String, Measure> measures(List<KpiFact> facts) {
    return kpis(facts).measures();
  }

  private static Kpis kpis(List<KpiFact> facts) {
    return Kpis.of(KpiSummary.of(facts).get(CARD), T, KPIS);
  }

  private static List<KpiFact> aDayOfPayments() {
    // 8 successes (6 in EUR: 6 x 1000; 2 in PLN: 2 x 5000), 1 failure, 1 decline; 2 refunds
    // (EUR 500 and 1000) and 1 chargeback (PLN 5000).
    List<KpiFact> facts = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      facts.add(payment("s" + i, null, 1000, "EUR"));
    }
    facts.add(payment("p1", null, 5000, "PLN"));
    facts.add(payment("p2", null, 5000, "PLN"));
    facts.add(payment("f1", KpiFacts.FAILED, 1000, "EUR"));
    facts.add(payment("d1", KpiFacts.DECLINED, 1000, "EUR"));
    facts.add(payment("r1", KpiFacts.REFUNDED, 500, "EUR"));
    facts.add(payment("r2", KpiFacts.REFUNDED, 1000, "EUR"));
    facts.add(payment("c1", KpiFacts.CHARGEBACK, 5000, "PLN"));
    return facts;
  }

  @Test
  void paymentSuccessIsSuccessesOfTheAttemptsThatEndedAndRefundsAndChargebacksArePerSuccess() {
    Kpis k = kpis(aDayOfPayments());
    Map<String, Measure> m = k.measures();
    assertEquals(80.0, m.get("paymentSuccessRate").value(), "8 of 8 + 1 + 1");
    assertEquals(8L, m.get("paymentSuccessRate").numerator());
    assertEquals(10L, m.get("paymentSuccessRate").denominator());
    assertNull(m.get("paymentSuccessRate").target(), "no target in the seeds: informational");
    assertNull(m.get("paymentSuccessRate").met());
    assertEquals(25.0, m.get("refundRate").value(), "2 refunds per 8 successes");
    assertEquals(12.5, m.get("chargebackRate").value(), "1 chargeback per 8 successes");
    assertEquals(8, k.volume("paymentsReceived"), "refunds, chargebacks and failures are no payments received");
    assertEquals(1, k.volume("paymentsFailed"));
    assertEquals(1, k.volume("paymentsDeclined"));
    assertEquals(2, k.volume("refunds"));
    assertEquals(1, k.volume("chargebacks"));
  }

  @Test
  void amountRatesArePerCurrencyNeverAcrossCurrencies() {
    Map<String, Measure> m = measures(aDayOfPayments());
    assertEquals(25.0, m.get("refundAmountRate.EUR").value(), "EUR 15.00 of EUR 60.00");
    assertEquals(1500L, m.get("refundAmountRate.EUR").numerator());
    assertEquals(6000L, m.get("refundAmountRate.EUR").denominator());
    assertEquals(0.0, m.get("refundAmountRate.PLN").value());
    assertEquals(50.0, m.get("chargebackAmountRate.PLN").value(), "PLN 50.00 of PLN 100.00");
    assertEquals(0.0, m.get("chargebackAmountRate.EUR").value());
    assertFalse(m.containsKey("refundAmountRate"), "no figure adds up two currencies");

    // A refund in a currency nothing was paid in this period: a share of nothing.
    Map<String, Measure> refundOnly = measures(List.of(payment("r", KpiFacts.REFUNDED, 100, "CHF")));
    assertNull(refundOnly.get("refundAmountRate.CHF").value());
    assertEquals(100L, refundOnly.get("refundAmountRate.CHF").numerator());
  }

  @Test
  void receiptAccuracyAndDeliveryOutcomesWithSendsUnderWayPending() {
    // Seven orders: one without a receipt (unpaid), one receipt withheld, five sent: two on the
    // first channel, one after a fallback, one never, one still being tried.
    Kpis k = kpis(List.of(
        order("unpaid", false),
        order("w", true, KpiFact.Flag.RECEIPT_WITHHELD),
        order("a", true, KpiFact.Flag.RECEIPT_FIRST_CHANNEL),
        order("b", true, KpiFact.Flag.RECEIPT_FIRST_CHANNEL),
        order("c", true, KpiFact.Flag.RECEIPT_AFTER_FALLBACK),
        order("d", true, KpiFact.Flag.RECEIPT_NOT_DELIVERED),
        order("e", true)));
    Map<String, Measure> m = k.measures();
    assertEquals(83.33, m.get("receiptAccuracy").value(), "5 accurate of 6 issued");
    assertEquals(1, k.volume("receiptsWithheld"));
    assertEquals(75.0, m.get("receiptDeliverySuccess").value(), "a, b, c of the 4 ended");
    assertEquals(4L, m.get("receiptDeliverySuccess").denominator());
    assertEquals(1L, m.get("receiptDeliverySuccess").pending(), "e is still being tried");
    assertEquals(50.0, m.get("receiptsDeliveredFirstChannel").value());
    assertEquals(25.0, m.get("receiptsDeliveredAfterFallback").value());
    assertEquals(25.0, m.get("receiptsNeverDelivered").value());
    assertEquals(1L, m.get("receiptsNeverDelivered").pending());
  }

  @Test
  void discrepancyEscalationsAreCountedBesideCaseEscalations() {
    Kpis k = kpis(List.of(discrepancy("d1", KpiFact.Flag.ESCALATED), discrepancy("d2"), discrepancy("d3"),
        discrepancy("d4")));
    assertEquals(25.0, k.measures().get("discrepancyEscalationRate").value(), "1 of 4");
    assertEquals(1, k.volume("discrepanciesEscalated"));
    assertEquals(0, k.volume("casesEscalated"));
    assertEquals(Map.of("UNDERPAYMENT", 4L), k.discrepanciesByType(), "the escalation count is no type");
    assertNull(k.measures().get("escalationRate").value(), "no case: nothing to judge");
  }

  private static KpiFact resolvedDiscrepancy(String id, Instant detected, Duration after) {
    return new KpiFact(detected.toString().substring(0, 10), 10, KpiFact.Kind.DISCREPANCY, id, "card", "stripe",
        "UNDERPAYMENT", detected, null, detected.plus(Duration.ofHours(24)),
        after == null ? null : detected.plus(after), detected.plus(Duration.ofHours(48)), Set.of(), null, null);
  }

  @Test
  void discrepancyResolutionTimesAreExactNearestRankQuantilesOverTheMergedDaysApartFromCases() {
    // Ten discrepancies over three days: resolved after 1 h (x5), 2 h (x2), 10 h, 30 h, 60 h; one
    // more still open. Nearest rank over the 10 resolved: median = rank 5 = 1 h, p95 = rank 10 = 60 h.
    List<KpiFact> facts = new ArrayList<>();
    Duration[] times = {Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(1),
        Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(2), Duration.ofHours(10),
        Duration.ofHours(30), Duration.ofHours(60)};
    for (int i = 0; i < times.length; i++) {
      facts.add(resolvedDiscrepancy("d" + i, T.plus(Duration.ofDays(i % 3)), times[i]));
    }
    facts.add(resolvedDiscrepancy("open", T, null));
    List<KpiStore.Daily> rows = new ArrayList<>();
    for (int d = 0; d < 3; d++) {
      String day = T.plus(Duration.ofDays(d)).toString().substring(0, 10);
      rows.add(new KpiStore.Daily(LocalDate.parse(day), CARD,
          KpiSummary.of(facts.stream().filter(f -> f.day().equals(day)).toList()).get(CARD)));
    }
    ReconciliationReport report = ReconciliationReport.compute(rows, LocalDate.parse("2026-11-02"),
        LocalDate.parse("2026-11-04"), Granularity.DAY, T.plus(Duration.ofDays(5)), KPIS);
    Map<String, Measure> m = report.total().overall().measures();
    assertEquals(1.0, m.get("discrepancyMedianTimeToResolve").value());
    assertTrue(m.get("discrepancyMedianTimeToResolve").met(), "target 48 h");
    assertEquals(60.0, m.get("discrepancyP95TimeToResolve").value(), "rank ceil(0.95 x 10) = 10");
    assertFalse(m.get("discrepancyP95TimeToResolve").met());
    assertNull(m.get("medianTimeToResolve").value(), "the cases' times are a histogram of their own");
    // Day 1 alone (d0, d3, d6, d9: 1 h, 1 h, 2 h, 60 h, and the open one): median = rank 2 = 1 h.
    Map<String, Measure> day1 = report.periods().get(0).overall().measures();
    assertEquals(1.0, day1.get("discrepancyMedianTimeToResolve").value());
    assertEquals(60.0, day1.get("discrepancyP95TimeToResolve").value());
    // Day 2 (d1 1 h, d4 1 h, d7 10 h): median = rank 2 = 1 h, p95 = rank 3 = 10 h.
    assertEquals(10.0, report.periods().get(1).overall().measures().get("discrepancyP95TimeToResolve").value());
  }

  @Test
  void histogramsOfDaysAddUpKeyWise() {
    Tally a = new Tally();
    a.doneAfter("discrepancy.resolved", 60);
    a.doneAfter("discrepancy.resolved", 60);
    a.doneAfter("cases.resolved", 5);
    Tally b = new Tally();
    b.doneAfter("discrepancy.resolved", 60);
    b.doneAfter("discrepancy.resolved", 7200);
    Tally sum = a.plus(b);
    assertEquals(Map.of(60, 3, 7200, 1), sum.histogram("discrepancy.resolved"));
    assertEquals(Map.of(5, 1), sum.histogram("cases.resolved"));
    assertEquals(Map.of(60, 2), a.histogram("discrepancy.resolved"), "plus leaves its terms alone");
    assertEquals(sum, b.plus(a));
  }

  @Test
  void docsReportsDefinesEveryFigureInTheCatalogsWords() throws Exception {
    String doc = java.nio.file.Files.readString(java.nio.file.Path.of("docs/REPORTS.md"));
    for (KpiDefinition k : payledger.readmodel.KpiCatalog.KPIS) {
      assertTrue(doc.contains("| `" + k.name() + "` |") && doc.contains(" " + k.definition() + " |"),
          "docs/REPORTS.md lacks " + k.name() + " or its definition as in KpiCatalog");
    }
    for (payledger.readmodel.KpiCatalog.Volume v : payledger.readmodel.KpiCatalog.VOLUMES) {
      assertTrue(doc.contains("| `" + v.name() + "` |") && doc.contains(" " + v.definition() + " |"),
          "docs/REPORTS.md lacks " + v.name() + " or its definition as in KpiCatalog");
    }
  }

  @Test
  void perCurrencyMeasuresReachTheCsvAndTheGaugesUnderTheirOwnNames() {
    List<KpiStore.Daily> rows = List.of(new KpiStore.Daily(LocalDate.parse("2026-11-02"), CARD,
        KpiSummary.of(aDayOfPayments()).get(CARD)));
    ReconciliationReport report = ReconciliationReport.compute(rows, LocalDate.parse("2026-11-02"),
        LocalDate.parse("2026-11-02"), Granularity.DAY, T, KPIS);
    List<String> csv = ReportCsv.of(report).lines().toList();
    assertTrue(csv.stream().anyMatch(l -> l.startsWith(
        "2026-11-02,2026-11-02,all,,refundAmountRate.EUR,25.0,%,,,,1500,6000,,")), csv.toString());
    assertTrue(csv.stream().anyMatch(l -> l.startsWith(
        "2026-11-02,2026-11-02,gateway,stripe,paymentSuccessRate,80.0,%,,,,8,10,,")), csv.toString());
    assertTrue(csv.stream().anyMatch(l -> l.startsWith("2026-11-02,2026-11-02,all,,paymentsDeclined,1,count,")),
        csv.toString());
    List<String> gauges = KpiGauges.text(report.total().overall(), 7).lines().toList();
    assertTrue(gauges.contains("payledger_kpi_value{kpi=\"chargebackAmountRate.PLN\",unit=\"%\"} 50.0"),
        gauges.toString());
    assertTrue(gauges.contains("payledger_kpi_value{kpi=\"paymentSuccessRate\",unit=\"%\"} 80.0"), gauges.toString());
    assertTrue(gauges.stream().noneMatch(l -> l.startsWith("payledger_kpi_target{kpi=\"paymentSuccessRate\"")),
        "informational: no target sample");
  }
}
