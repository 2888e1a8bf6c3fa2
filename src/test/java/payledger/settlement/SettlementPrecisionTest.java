package payledger.settlement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import payledger.order.PaymentEventType;
import payledger.settlement.MonthOfSettlements.DataSet;
import payledger.settlement.MonthOfSettlements.Expected;

/**
 * A month of generated settlements per layout, with faults of every kind injected: every fault is
 * found (recall) and nothing else is raised, converted lines included (precision). The figures are
 * printed for docs/SETTLEMENTS.md.
 */
class SettlementPrecisionTest {

  private static final int PAYMENTS = 5_000;
  private static final int FAULTS = 25;
  private static final int MISSING_AFTER_DAYS = 7;

  @ParameterizedTest
  @ValueSource(strings = {"stripe", "adyen", "generic"})
  void everyInjectedFaultIsFoundAndNothingElse(String layout) {
    DataSet data = MonthOfSettlements.generate(layout, 20261207L, PAYMENTS, FAULTS);
    String file = SettlementFiles.text(layout, data.lines(), data.faults());
    Map<String, List<LedgerPayment>> ledger = new HashMap<>();
    data.ledger().forEach(p -> ledger.computeIfAbsent(p.paymentId(), k -> new ArrayList<>()).add(p));
    Matching matching = new Matching(SettlementSettingsFixture.FEES, SettlementSettingsFixture.DEADLINES);
    RunTally tally = new RunTally("stl-test");
    List<Finding> findings = new ArrayList<>();
    Set<String> settled = new HashSet<>();
    long rounded = 0;
    try (SettlementReader reader = SettlementReader.open(new StringReader(file))) {
      while (reader.hasNext()) {
        SettlementLine line = reader.next();
        if (!line.kind().matchesLedger()) {
          tally.other(line);
          continue;
        }
        List<LedgerPayment> candidates = new ArrayList<>();
        line.references().forEach(r -> candidates.addAll(ledger.getOrDefault(r, List.of())));
        Matching.Result result = matching.match("stl-test", line, candidates, data.asOf());
        tally.matched(result);
        findings.addAll(result.findings());
        if (result.match().ledger() != null) {
          settled.add(result.match().ledger().eventKey());
        }
        rounded += result.match().rounding() != null ? 1 : 0;
      }
    }
    RunTally.Summary summary = tally.finish(matching, data.asOf(), findings::add);
    Instant due = data.asOf().minus(Duration.ofDays(MISSING_AFTER_DAYS));
    data.ledger().stream()
        .filter(p -> p.type() == PaymentEventType.SUCCEEDED && p.journaledAt().isBefore(due))
        .filter(p -> !settled.contains(p.eventKey()))
        .forEach(p -> findings.add(matching.missing(p, MISSING_AFTER_DAYS, data.asOf())));

    Set<Expected> found = new HashSet<>();
    for (Finding f : findings) {
      found.add(new Expected(f.type(), f.type() == FindingType.PAYOUT_TOTAL_MISMATCH ? f.batch() : f.paymentId()));
    }
    Set<Expected> truePositives = new HashSet<>(found);
    truePositives.retainAll(data.expected());
    double precision = found.isEmpty() ? 1.0 : (double) truePositives.size() / found.size();
    double recall = (double) truePositives.size() / data.expected().size();
    System.out.printf("%s: %d lines, %d faults injected, %d findings, %d true, precision %.3f, recall %.3f,"
        + " %d converted lines within rounding, matched %.1f %%%n", layout, data.lines().size(),
        data.expected().size(), found.size(), truePositives.size(), precision, recall, rounded,
        summary.overall().percent());
    Set<Expected> spurious = new HashSet<>(found);
    spurious.removeAll(data.expected());
    Set<Expected> missed = new HashSet<>(data.expected());
    missed.removeAll(found);
    assertEquals(Set.of(), spurious, "raised on clean lines");
    assertEquals(Set.of(), missed, "faults not found");
    for (FindingType type : FindingType.values()) {
      assertTrue(data.expected().stream().anyMatch(e -> e.type() == type), "a fault of every kind: " + type);
    }
    assertTrue(rounded > 0, "converted lines were matched through the rate");
  }
}
