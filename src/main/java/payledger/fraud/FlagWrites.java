package payledger.fraud;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rows a flagged order writes besides its assessment: its row in the review queue
 * ({@code fraud_reviews}) and one row per rule that fired on it ({@code fraud_rule_outcomes}),
 * each an {@link Upsert} of what is known. The previous INSERTs wrote a tombstone per save and row
 * for nothing: the review row's {@code rules} set (an INSERT of a non-frozen collection deletes it
 * first) and its {@code case_id} until a case is opened, each outcome row's {@code verdict} until
 * the case is resolved (bound nulls).
 *
 * <p>The rows read the same: an assessment's rules only grow, its case id and verdict are set once
 * and never cleared, so adding the rules and leaving an unknown column out gives the row the
 * whole-row INSERT gave. One difference, for the better: the risk projection may save an
 * assessment it read just before the feedback wrote its verdict, and its INSERT then nulled the
 * verdict of the outcome rows again; leaving the verdict out leaves it standing. The rows are
 * written again on every save of a flagged assessment, as before, so a save whose writes
 * partly failed is whole after its retry.
 */
final class FlagWrites {

  /** The review-queue row and the rule-outcome rows of a flagged assessment; none if not flagged. */
  static List<Upsert> of(String keyspace, RiskAssessment a) {
    if (a.flaggedAt() == null) {
      return List.of();
    }
    String month = CassandraRiskStore.month(a.flaggedAt());
    Set<String> rules = new LinkedHashSet<>();
    a.reasons().forEach(r -> rules.add(r.rule().name()));
    List<Upsert> writes = new ArrayList<>();
    Map<String, Object> key = new LinkedHashMap<>();
    key.put("queue", a.queue());
    key.put("month", month);
    key.put("flagged_at", a.flaggedAt());
    key.put("order_id", a.orderId());
    Map<String, Object> review = new LinkedHashMap<>();
    review.put("customer_id", a.customerId());
    review.put("score", a.score());
    review.put("rules", rules);
    review.put("case_id", a.caseId());
    writes.add(Upsert.of(keyspace, "fraud_reviews", key, review));
    Map<String, Object> outcome = new LinkedHashMap<>();
    outcome.put("verdict", a.verdict() == null ? null : a.verdict().name());
    for (String rule : rules) {
      Map<String, Object> ruleKey = new LinkedHashMap<>();
      ruleKey.put("rule", rule);
      ruleKey.put("month", month);
      ruleKey.put("order_id", a.orderId());
      writes.add(Upsert.of(keyspace, "fraud_rule_outcomes", ruleKey, outcome));
    }
    return writes;
  }

  private FlagWrites() {}
}
