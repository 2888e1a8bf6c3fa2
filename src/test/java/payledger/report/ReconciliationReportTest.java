package payledger.report;

import static org.junit.jupiter.api.Assertions.*;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import payledger.readmodel.KpiCatalog;
import payledger.readmodel.KpiDefinition;
import payledger.readmodel.KpiFact;
import payledger.readmodel.KpiFormula;
import payledger.readmodel.KpiSettings;
import payledger.readmodel.KpiStore;
import payledger.readmodel.KpiSummary;
import payledger.readmodel.ReadModelStore.Dims;
import payledger.readmodel.Tally;
import payledger.settlement.RunTally;
import payledger.settlement.SettlementKpis;

/**
 * The report's arithmetic on facts made by hand: SLA decided vs pending, orders awaiting payment
 * pending, quantiles to the second, periods (empty ones compact), CSV, targets from configuration.
 */
class ReconciliationReportTest {

  private static final Instant T = Instant.parse("2026-11-02T10:00:00Z");
  private static final Dims CARD = new Dims("card", "stripe");
  private static final List<KpiDefinition> KPIS = KpiSettings.DEFAULTS.kpis();

  private static KpiFact kase(String id, String kind, Instant opened, Duration ackAfter, Duration doneAfter) {
    return new KpiFact(opened.toString().substring(0, 10), 0, KpiFact.Kind.CASE, id, "card", "stripe",
        kind, opened, ackAfter == null ? null : opened.plus(ackAfter), opened.plus(Duration.ofHours(1)),
        doneAfter == null ? null : opened.plus(doneAfter), opened.plus(Duration.ofHours(48)), Set.of(), null, null);
  }

  private static KpiFact order(String id, KpiFact.Flag... flags) {
    Set<String> names = new java.util.HashSet<>();
    for (KpiFact.Flag f : flags) {
      names.add(f.name());
    }
    return new KpiFact("2026-11-02", 10, KpiFact.Kind.ORDER, id, "card", "stripe", null, T, null, null,
        null, null, names, null, null);
  }

  private static Kpis kpis(List<KpiFact> facts, Instant asOf) {
    return Kpis.of(KpiSummary.of(facts).get(CARD), asOf, KPIS);
  }

  @Test
  void anOpenItemIsMissedOnceItsDeadlinePassedAndPendingBefore() {
    List<KpiFact> facts = List.of(
        kase("a", "DISPUTE", T, Duration.ofMinutes(10), Duration.ofHours(3)),
        kase("b", "DISPUTE", T, Duration.ofMinutes(10), null));

    Measure resolvedEarly = kpis(facts, T.plus(Duration.ofHours(5))).measures().get("disputesResolvedWithin48h");
    assertEquals(100.0, resolvedEarly.value());
    assertEquals(1L, resolvedEarly.denominator());
    assertEquals(1L, resolvedEarly.pending());

    Measure resolvedLate = kpis(facts, T.plus(Duration.ofHours(49))).measures().get("disputesResolvedWithin48h");
    assertEquals(50.0, resolvedLate.value());
    assertFalse(resolvedLate.met());
    assertEquals(0L, resolvedLate.pending());
  }

  @Test
  void ordersAwaitingTheirFirstPaymentArePendingNotFailed() {
    // Six orders in: three reconciled, one with a discrepancy, two still within their payment
    // grace (nothing paid, nothing raised). Counted as failures those two made it 50 %.
    List<KpiFact> facts = List.of(
        order("o1", KpiFact.Flag.RECONCILED, KpiFact.Flag.AUTO_RECONCILED),
        order("o2", KpiFact.Flag.RECONCILED, KpiFact.Flag.AUTO_RECONCILED),
        order("o3", KpiFact.Flag.RECONCILED),
        order("o4"),
        order("o5", KpiFact.Flag.AWAITING_PAYMENT),
        order("o6", KpiFact.Flag.AWAITING_PAYMENT));
    Kpis k = kpis(facts, T);
    Measure reconciled = k.measures().get("reconciled");
    assertEquals(75.0, reconciled.value(), "3 of the 4 decided");
    assertEquals(3L, reconciled.numerator());
    assertEquals(4L, reconciled.denominator());
    assertEquals(2L, reconciled.pending());
    assertFalse(reconciled.met(), "judged on the decided orders: 75 < 98");
    assertEquals(50.0, k.measures().get("autoReconciled").value());
    assertEquals(6L, k.volume("ordersRegistered"), "pending orders are still registered orders");

    Measure allPending = kpis(List.of(order("o5", KpiFact.Flag.AWAITING_PAYMENT)), T).measures().get("reconciled");
    assertNull(allPending.value(), "nothing decided: nothing to judge");
    assertNull(allPending.met());
    assertEquals(1L, allPending.pending());
  }

  @Test
  void aCaseResolvedInSecondsIsNotZeroHours() {
    // Resolution times were kept in whole minutes: 40 s became 0 min, shown as 0.0 h.
    Map<String, Measure> m = kpis(List.of(
        kase("a", "PAYMENT_ISSUE", T, Duration.ofSeconds(5), Duration.ofSeconds(40))), T.plusSeconds(60)).measures();
    assertEquals(0.0111, m.get("medianTimeToResolve").value());
    assertEquals("h", m.get("medianTimeToResolve").unit());
    assertTrue(m.get("medianTimeToResolve").met());
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
        LocalDate.parse("2026-11-30"), Granularity.WEEK, T.plus(Duration.ofDays(10)), KPIS);
    Map<String, Measure> m = report.total().overall().measures();
    assertEquals(1.0, m.get("medianTimeToResolve").value());
    assertEquals(1.0, m.get("p95TimeToResolve").value(), "rank 19 of 20 is still one hour");
    assertEquals(95.0, m.get("paymentIssuesResolvedWithin48h").value());
    assertFalse(m.get("paymentIssuesResolvedWithin48h").met(), "target 99 %");
    assertEquals(20, report.total().byGateway().get("stripe").volume("casesOpened"));
    assertEquals(List.of("2026-11-01", "2026-11-02", "2026-11-09", "2026-11-16", "2026-11-23", "2026-11-30"),
        report.periods().stream().map(p -> p.start().toString()).toList(), "ISO weeks, clipped");
    assertTrue(report.periods().get(0).empty(), "nothing on Sunday the 1st");
    assertNull(report.periods().get(0).overall(), "an empty period is just its dates");
    assertFalse(report.periods().get(1).empty());
  }

  @Test
  void nothingToMeasureIsNullNeverAHundredPercentAndEveryMeasureSaysWhatItCounts() {
    Kpis empty = Kpis.of(new Tally(), T, KPIS);
    assertEquals(KpiCatalog.KPIS.stream().filter(k -> !(k.formula() instanceof KpiFormula.AmountShare)).count(),
        empty.measures().size(), "every KPI but the amount shares, which are one per currency counted");
    for (Measure m : empty.measures().values()) {
      assertNull(m.value());
      assertNull(m.met());
      assertTrue(m.definition().length() > 30, m.definition());
    }
  }

  @Test
  void theCsvHasOneLinePerPeriodSliceAndKpiWithItsDefinitionAndQuotesCommas() {
    Tally t = KpiSummary.of(List.of(kase("a", "DISPUTE", T, Duration.ofMinutes(10), Duration.ofHours(3))))
        .get(CARD);
    List<KpiStore.Daily> rows = List.of(new KpiStore.Daily(LocalDate.parse("2026-11-02"),
        new Dims("card, debit", "stripe"), t));
    String csv = ReportCsv.of(ReconciliationReport.compute(rows, LocalDate.parse("2026-11-01"),
        LocalDate.parse("2026-11-02"), Granularity.DAY, T.plus(Duration.ofDays(3)), KPIS));
    List<String> lines = csv.lines().toList();
    assertEquals(ReportCsv.HEADER, lines.get(0));
    assertTrue(lines.contains("2026-11-02,2026-11-02,payment_method,\"card, debit\",disputesResolvedWithin48h,"
            + "100.0,%,95.0,>=,true,1,1,0,\"Disputes resolved by their resolve-by deadline (opening + 48 h), of"
            + " those resolved or past that deadline; open ones before it are pending.\""), csv);
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("2026-11-02,2026-11-02,all,,receiptsSentWithin24h,,%,100.0,>=,,0,0,0,")), csv);
    assertTrue(lines.contains("2026-11-01,2026-11-01,all,,ordersRegistered,0,count,,,,,,,"
        + "Orders registered by the order management system."), csv);
    assertEquals(KpiCatalog.VOLUMES.size(), lines.stream().filter(l -> l.startsWith("2026-11-01,2026-11-01,")).count(),
        "an empty day is its volumes only");
    assertTrue(lines.stream().allMatch(l -> l.split(",", -1).length >= 14), "every line has every column");
  }

  @Test
  void theMetricsAreTheSameKpisAsPrometheusGauges() {
    Kpis k = kpis(List.of(order("o1", KpiFact.Flag.RECONCILED), order("o2"), order("o3", KpiFact.Flag.AWAITING_PAYMENT)), T);
    List<String> lines = KpiGauges.text(k, 7).lines().toList();
    assertTrue(lines.contains("payledger_kpi_value{kpi=\"reconciled\",unit=\"%\"} 50.0"), lines.toString());
    assertTrue(lines.contains("payledger_kpi_target{kpi=\"reconciled\"} 98.0"), lines.toString());
    assertTrue(lines.contains("payledger_kpi_met{kpi=\"reconciled\"} 0.0"), lines.toString());
    assertTrue(lines.contains("payledger_kpi_pending{kpi=\"reconciled\"} 1.0"), lines.toString());
    assertTrue(lines.contains("# TYPE payledger_kpi_value gauge"));
    assertTrue(lines.stream().noneMatch(l -> l.startsWith("payledger_kpi_value{kpi=\"averageCsat\"")),
        "nothing to judge: no sample");
    assertTrue(lines.contains("payledger_kpi_target{kpi=\"disputeRate\"} 2.0"));
    assertEquals(4, KpiGauges.text(null, 7).lines().filter(l -> l.startsWith("# TYPE")).count(),
        "an empty window: the families without samples");
  }

  @Test
  void targetsComeFromConfigurationWithTheBusinessTargetsAsDefaults() {
    Map<String, Double> defaults = new java.util.HashMap<>();
    KpiSettings.from(ConfigFactory.load()).kpis().forEach(k -> defaults.put(k.name(), k.target()));
    assertEquals(98.0, defaults.get("reconciled"));
    assertEquals(95.0, defaults.get("disputesResolvedWithin48h"));
    assertEquals(99.0, defaults.get("paymentIssuesResolvedWithin48h"));
    assertEquals(100.0, defaults.get("receiptsSentWithin24h"));
    assertEquals(2.0, defaults.get("disputeRate"));
    assertNull(defaults.get("escalationRate"));
    assertEquals(KpiSettings.DEFAULTS, KpiSettings.from(ConfigFactory.load()), "kpis.conf states the defaults");

    KpiSettings set = KpiSettings.from(ConfigFactory.parseString(
        "payledger.kpis.targets { reconciled = 95.5, escalationRate = 10, disputeRate = null }")
        .withFallback(ConfigFactory.load()));
    Map<String, Measure> m = Kpis.of(KpiSummary.of(List.of(order("o1", KpiFact.Flag.RECONCILED))).get(CARD), T,
        set.kpis()).measures();
    assertEquals(95.5, m.get("reconciled").target());
    assertEquals(10.0, m.get("escalationRate").target());
    assertNull(m.get("disputeRate").target());
    assertNull(m.get("disputeRate").met());
    assertEquals(48.0, m.get("medianTimeToResolve").target(), "not named: its default");

    assertThrows(ConfigException.class, () -> KpiSettings.from(ConfigFactory.parseString(
        "payledger.kpis.targets { reconcilde = 95 }").withFallback(ConfigFactory.load())));
  }

  @Test
  void eachPeriodCarriesTheSettlementFiguresOfItsDaysAndTheCsvTheirLines() {
    List<KpiStore.Daily> rows = List.of(new KpiStore.Daily(LocalDate.parse("2026-11-02"), CARD,
        KpiSummary.of(List.of(order("o1", KpiFact.Flag.RECONCILED))).get(CARD)));
    List<SettlementKpis.Row> settled = List.of(
        new SettlementKpis.Row("2026-11-02", "stripe", "card", "EUR", 10, 9, 8, 7, 310),
        new SettlementKpis.Row("2026-11-02", "stripe", "(fees)", "EUR", 0, 0, 0, 0, 50),
        new SettlementKpis.Row("2026-11-03", "adyen", "card", "EUR", 4, 4, 4, 4, 120));

    ReconciliationReport report = ReconciliationReport.compute(rows, settled, LocalDate.parse("2026-11-01"),
        LocalDate.parse("2026-11-03"), Granularity.DAY, T, KPIS);

    assertNull(report.periods().get(0).settlement(), "no settlement line on the first day");
    SettlementKpis.Summary second = report.periods().get(1).settlement();
    assertEquals(new RunTally.Share(8, 7), second.paymentsSettled());
    assertEquals(Map.of("stripe/card/EUR", 310L, "stripe/(fees)/EUR", 50L), second.fees());
    SettlementKpis.Summary third = report.periods().get(2).settlement();
    assertTrue(report.periods().get(2).empty(), "no ledger item started that day, settlement lines did");
    assertEquals(new RunTally.Share(4, 4), third.ledgerLines());
    SettlementKpis.Summary total = report.total().settlement();
    assertEquals(new RunTally.Share(12, 11), total.paymentsSettled());
    assertEquals(Map.of("adyen", new RunTally.Share(4, 4), "stripe", new RunTally.Share(10, 9)), total.byGateway());

    String csv = ReportCsv.of(report);
    assertTrue(csv.contains("2026-11-01,2026-11-03,total:settlement,,paymentsSettledMatched,91.6,%,,,,11,12,,"), csv);
    assertTrue(csv.contains("2026-11-02,2026-11-02,settlement_gateway,stripe,ledgerLinesMatched,90.0,%,,,,9,10,,"), csv);
    assertTrue(csv.contains("2026-11-03,2026-11-03,settlement_fees,adyen/card/EUR,fees,120,minor,,,,,,,"), csv);
    csv.lines().forEach(line -> assertEquals(14, columns(line), line));
  }

  /** The cells of a CSV line (quoted cells may hold commas). */
  private static int columns(String line) {
    int cells = 1;
    boolean quoted = false;
    for (char c : line.toCharArray()) {
      if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        cells++;
      }
    }
    return cells;
  }
}
