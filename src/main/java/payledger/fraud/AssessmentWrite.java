package payledger.fraud;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import payledger.order.PaymentEvent;

/**
 * The one write that turns an order's stored assessment ({@code fraud_assessments}) into its next
 * one, writing no tombstone the change does not need. An INSERT of a non-frozen collection first
 * deletes the whole collection, and a bound null is a tombstone: the previous whole-row INSERT left
 * ~11 of them in every row (four collections and ~7 nulls), which every read of the row and every
 * compaction then carried.
 *
 * <p>The write is the difference from the assessment as read ({@code before}), column by column:
 * <ul>
 *   <li>a new row (nothing stored) is an INSERT of its non-null values ({@link Insert}) and an UPDATE
 *       adding its non-empty collections ({@code c = c + ?}), in one unlogged batch of its one
 *       partition ({@link Upsert}): one mutation, the INSERT's row marker, no tombstone;
 *   <li>a stored row gets an UPDATE of the columns that changed, and only those: a value set; a
 *       collection that only gained entries (or, for a map, changed a value) has them added; a
 *       collection that lost one is set whole ({@code c = ?}: its one collection tombstone, and the
 *       read stays exact: a reason or card no longer there is gone); a value gone is set to null.
 * </ul>
 * An assessment only grows as the rules fold payments in (reasons, gateways and cards are added,
 * the score and status only rise), so in practice an update adds and sets and deletes nothing.
 * Every part is idempotent (an add of entries already there, a set of the same value), so a
 * replayed group writes the same row. The risk projection reads an order's assessment before it
 * writes it and takes an order's events one after the other, so {@code before} is the stored row;
 * the verdict's writer ({@link FeedbackHandler}) now writes only the verdict's columns, and the
 * risk projection no longer overwrites them with the values it read.
 *
 * <p>The columns are those of the previous version, so an existing keyspace, its rows and a node
 * of either version during a rolling upgrade read and write the same rows, with no step.
 */
record AssessmentWrite(String cql, Object[] values) {

  private static final String TABLE = "fraud_assessments";

  /** The write from {@code before} (null: no stored row) to {@code after}, empty if none is due. */
  static Optional<AssessmentWrite> of(String keyspace, RiskAssessment before, RiskAssessment after) {
    Map<String, Object> next = columns(after);
    boolean fresh = before == null || before.equals(RiskAssessment.empty(after.orderId()));
    return fresh ? Optional.of(insert(keyspace, after.orderId(), next))
        : update(keyspace, after.orderId(), columns(before), next);
  }

  /** The columns of an assessment but its key, in the table's order. */
  static Map<String, Object> columns(RiskAssessment a) {
    Map<String, String> reasons = new HashMap<>();
    Map<String, Integer> weights = new HashMap<>();
    a.reasons().forEach(r -> {
      reasons.put(r.rule().name(), r.detail());
      weights.put(r.rule().name(), r.weight());
    });
    PaymentEvent.Risk risk = a.gatewayRisk();
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("customer_id", a.customerId());
    row.put("email", a.email());
    row.put("score", a.score());
    row.put("status", a.status().name());
    row.put("reasons", reasons);
    row.put("weights", weights);
    row.put("gateway_risk_level", risk == null ? null : risk.level().name());
    row.put("gateway_risk_score", risk == null ? null : risk.score());
    row.put("gateway_risk_label", risk == null ? null : risk.label());
    row.put("gateways", a.gateways());
    row.put("cards", a.cards());
    row.put("flagged_at", a.flaggedAt());
    row.put("updated_at", a.updatedAt());
    row.put("case_id", a.caseId());
    row.put("verdict", a.verdict() == null ? null : a.verdict().name());
    row.put("verdict_at", a.verdictAt());
    return row;
  }

  private static AssessmentWrite insert(String keyspace, String orderId, Map<String, Object> next) {
    Upsert upsert = Upsert.of(keyspace, TABLE, Map.of("order_id", orderId), next);
    return new AssessmentWrite(upsert.cql(), upsert.values());
  }

  private static Optional<AssessmentWrite> update(String keyspace, String orderId,
      Map<String, Object> stored, Map<String, Object> next) {
    List<String> sets = new ArrayList<>();
    List<Object> values = new ArrayList<>();
    next.forEach((name, value) -> {
      Object was = stored.get(name);
      if (Objects.equals(was, value)) {
        return;
      }
      if (!Upsert.isCollection(value)) {
        sets.add(name + " = ?");
        values.add(value);
        return;
      }
      Object gained = gained(was, value);
      if (gained == null) {
        sets.add(name + " = ?");
        values.add(value);
      } else {
        sets.add(name + " = " + name + " + ?");
        values.add(gained);
      }
    });
    if (sets.isEmpty()) {
      return Optional.empty();
    }
    values.add(orderId);
    return Optional.of(new AssessmentWrite(update(keyspace, sets), values.toArray()));
  }

  private static String update(String keyspace, List<String> sets) {
    return Upsert.update(keyspace, TABLE, sets, List.of("order_id"));
  }

  /**
   * What {@code next} holds beyond {@code was}: the new entries of a set, the new or changed
   * entries of a map; null when {@code next} lost an entry of {@code was} (only a whole set fits).
   */
  private static Object gained(Object was, Object next) {
    if (next instanceof Set<?> set) {
      Set<?> old = (Set<?>) was;
      if (!set.containsAll(old)) {
        return null;
      }
      Set<Object> added = new HashSet<>(set);
      added.removeAll(old);
      return added;
    }
    Map<?, ?> map = (Map<?, ?>) next;
    Map<?, ?> old = (Map<?, ?>) was;
    if (!map.keySet().containsAll(old.keySet())) {
      return null;
    }
    Map<Object, Object> added = new HashMap<>();
    map.forEach((k, v) -> {
      if (!Objects.equals(old.get(k), v)) {
        added.put(k, v);
      }
    });
    return added;
  }
}
