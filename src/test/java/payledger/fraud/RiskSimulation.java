package payledger.fraud;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fraud projection's work without Cassandra: each payment of a data set, in order, through the
 * same {@link RiskAssessor} step, with each history kept to its newest {@code history-limit}
 * payments as the projection reads them. What it records: the rules that fired per order, and each
 * order's final assessment.
 */
final class RiskSimulation {

  private final RiskAssessor assessor;
  private final Map<String, Deque<PaymentFact>> histories = new HashMap<>();
  final Map<String, RiskAssessment> assessments = new HashMap<>();
  final Map<String, Set<FraudRule>> fired = new HashMap<>();

  RiskSimulation(FraudSettings settings) {
    this.assessor = new RiskAssessor(settings);
  }

  void run(List<FraudDataSet.Row> rows) {
    for (FraudDataSet.Row row : rows) {
      PaymentFact fact = row.fact();
      RiskAssessment before = assessments.computeIfAbsent(row.order(), id ->
          RiskAssessment.empty(id).registered(row.customer(), fact.unlinked() ? null : row.email()));
      String customer = "c:" + row.customer();
      String card = fact.fingerprint() == null ? null : "f:" + fact.fingerprint();
      String email = before.email() == null ? null : "e:" + before.email();
      RiskAssessor.Step step = assessor.assess(before, fact, null, history(customer), history(card),
          history(email));
      assessments.put(row.order(), step.after());
      Set<FraudRule> rules = fired.computeIfAbsent(row.order(), id -> EnumSet.noneOf(FraudRule.class));
      step.fired().forEach(r -> rules.add(r.rule()));
      for (String subject : new RiskAssessor.Subjects(customer, card, email).all()) {
        Deque<PaymentFact> h = histories.computeIfAbsent(subject, s -> new ArrayDeque<>());
        h.addFirst(fact);
        if (h.size() > assessor.settings().historyLimit()) {
          h.removeLast();
        }
      }
    }
  }

  private List<PaymentFact> history(String subject) {
    Deque<PaymentFact> h = subject == null ? null : histories.get(subject);
    return h == null ? List.of() : new ArrayList<>(h);
  }
}
