package payledger.fraud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rules, with the thresholds of {@code fraud.conf}, over a generated month of over 100,000
 * orders ({@link FraudDataSet}): precision per rule (of the orders it fired on, how many are fraud),
 * recall per rule (of the incidents injected of its kind, how many it caught on at least one of
 * their orders) and the false-positive rate on clean customers, against floors that docs/FRAUD.md
 * explains. The figures are printed; docs/FRAUD.md holds them.
 */
class FraudRulesPrecisionTest {

  static final long SEED = 24L;
  static final int CLEAN_CUSTOMERS = 20_000;
  static final int INCIDENTS_PER_PATTERN = 150;

  static List<FraudDataSet.Row> rows;
  static RiskSimulation sim;
  static Map<String, FraudDataSet.Label> orderLabel = new HashMap<>();
  static Map<FraudRule, Set<String>> incidents = new EnumMap<>(FraudRule.class);
  static Map<String, Set<String>> incidentOrders = new HashMap<>();

  @BeforeAll
  static void run() {
    rows = FraudDataSet.generate(SEED, CLEAN_CUSTOMERS, INCIDENTS_PER_PATTERN);
    sim = new RiskSimulation(FraudSettings.from(ConfigFactory.load()));
    long start = System.nanoTime();
    sim.run(rows);
    System.out.printf("fraud rules: %,d payment events, %,d orders in %d ms%n", rows.size(),
        sim.assessments.size(), (System.nanoTime() - start) / 1_000_000);
    for (FraudDataSet.Row r : rows) {
      orderLabel.merge(r.order(), r.label(), (a, b) -> a == FraudDataSet.Label.FRAUD ? a : b);
      if (r.incident() != null) {
        incidents.computeIfAbsent(r.pattern(), p -> new HashSet<>()).add(r.incident());
        incidentOrders.computeIfAbsent(r.incident(), i -> new HashSet<>()).add(r.order());
      }
    }
  }

  @Test
  void theSetIsAMonthOfOverAHundredThousandOrdersWithEveryPattern() {
    assertTrue(sim.assessments.size() >= 100_000, "orders: " + sim.assessments.size());
    for (FraudRule rule : FraudRule.values()) {
      assertEquals(INCIDENTS_PER_PATTERN, incidents.get(rule).size(), rule.name());
    }
  }

  @Test
  void everyRuleCatchesItsPatternWithFewFalseFlags() {
    // A tenth of each pattern's incidents is made below its thresholds: recall cannot pass 90 %.
    double recallFloor = 0.85;
    // Behaviour rules see what clean customers never do; the habit rules (an amount, a currency,
    // a method) see what clean customers sometimes do, and weigh accordingly (fraud.conf).
    Map<FraudRule, Double> precisionFloor = new EnumMap<>(FraudRule.class);
    for (FraudRule rule : FraudRule.values()) {
      precisionFloor.put(rule, 0.95);
    }
    precisionFloor.put(FraudRule.AMOUNT_SPIKE, 0.25);
    precisionFloor.put(FraudRule.UNUSUAL_CURRENCY, 0.08);
    precisionFloor.put(FraudRule.UNUSUAL_METHOD, 0.08);
    StringBuilder table = new StringBuilder("| rule | fired on orders | of them fraud | precision | incidents caught | recall |\n|---|---:|---:|---:|---:|---:|\n");
    for (FraudRule rule : FraudRule.values()) {
      long flagged = sim.fired.entrySet().stream().filter(e -> e.getValue().contains(rule)).count();
      long fraud = sim.fired.entrySet().stream().filter(e -> e.getValue().contains(rule)
          && orderLabel.get(e.getKey()) == FraudDataSet.Label.FRAUD).count();
      long caught = incidents.get(rule).stream().filter(i -> incidentOrders.get(i).stream()
          .anyMatch(o -> sim.fired.get(o).contains(rule))).count();
      double precision = flagged == 0 ? 0 : (double) fraud / flagged;
      double recall = (double) caught / INCIDENTS_PER_PATTERN;
      table.append(String.format("| %s | %,d | %,d | %.1f %% | %d / %d | %.1f %% |%n", rule, flagged,
          fraud, 100 * precision, caught, INCIDENTS_PER_PATTERN, 100 * recall));
      assertTrue(precision >= precisionFloor.get(rule), rule + " precision " + precision);
      assertTrue(recall >= recallFloor, rule + " recall " + recall);
    }
    System.out.println(table);
  }

  @Test
  void cleanCustomersAreRarelyReviewed() {
    Map<FraudDataSet.Label, long[]> byLabel = new EnumMap<>(FraudDataSet.Label.class);
    long[] fraudOrders = new long[3];
    for (Map.Entry<String, RiskAssessment> e : sim.assessments.entrySet()) {
      FraudDataSet.Label label = orderLabel.get(e.getKey());
      long[] n = label == FraudDataSet.Label.FRAUD ? fraudOrders
          : byLabel.computeIfAbsent(label, l -> new long[3]);
      n[0]++;
      if (e.getValue().status() != RiskStatus.CLEAR) {
        n[1]++;
      }
      if (e.getValue().status() == RiskStatus.CASE) {
        n[2]++;
      }
    }
    StringBuilder out = new StringBuilder("| orders | count | reviewed | FRAUD case |\n|---|---:|---:|---:|\n");
    byLabel.forEach((label, n) -> out.append(row(label.name(), n)));
    out.append(row("FRAUD (injected)", fraudOrders));
    System.out.println(out);
    long[] clean = byLabel.get(FraudDataSet.Label.CLEAN);
    assertTrue(clean[1] < 0.005 * clean[0], "clean orders reviewed: " + clean[1]);
    byLabel.forEach((label, n) -> assertEquals(0, n[2], label + " orders with a FRAUD case"));
  }

  @Test
  void aLoyalCustomersBigOrderAndARetryAfterADeclineDoNotFireTheirRules() {
    Map<FraudDataSet.Label, Map<FraudRule, Integer>> byLabel = new EnumMap<>(FraudDataSet.Label.class);
    sim.fired.forEach((order, rules) -> {
      FraudDataSet.Label label = orderLabel.get(order);
      if (label != FraudDataSet.Label.FRAUD) {
        rules.forEach(rule -> byLabel.computeIfAbsent(label, l -> new EnumMap<>(FraudRule.class))
            .merge(rule, 1, Integer::sum));
      }
    });
    System.out.println("rules fired on orders that are not fraud: " + byLabel);
    Map<FraudRule, Integer> loyal = byLabel.getOrDefault(FraudDataSet.Label.LOYAL_BIG_ORDER, Map.of());
    Map<FraudRule, Integer> retry = byLabel.getOrDefault(FraudDataSet.Label.RETRY_AFTER_DECLINE, Map.of());
    assertEquals(null, loyal.get(FraudRule.AMOUNT_SPIKE));
    long retries = orderLabel.values().stream().filter(l -> l == FraudDataSet.Label.RETRY_AFTER_DECLINE).count();
    for (FraudRule rule : List.of(FraudRule.CARD_TESTING, FraudRule.MULTI_SOURCE_ORDER)) {
      assertEquals(null, retry.get(rule), rule.name());
    }
    // Only a customer with several declined orders within the hour (failures) or a day's new
    // cards on top of two of their own (cards) gets there.
    for (FraudRule rule : List.of(FraudRule.FAILURE_VELOCITY, FraudRule.MANY_CARDS)) {
      assertTrue(retry.getOrDefault(rule, 0) < 0.002 * retries, rule + ": " + retry.get(rule));
    }
  }

  private static String row(String name, long[] n) {
    return String.format("| %s | %,d | %,d (%.3f %%) | %,d (%.3f %%) |%n", name, n[0], n[1],
        100.0 * n[1] / n[0], n[2], 100.0 * n[2] / n[0]);
  }
}
