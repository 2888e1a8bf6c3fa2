package payledger.fraud;

import com.datastax.oss.driver.api.core.cql.Row;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSession;
import payledger.order.PaymentEvent;
import payledger.order.PaymentEventType;
import payledger.readmodel.Listing;
import payledger.readmodel.PageToken;

/** {@link RiskStore} on the fraud tables of {@code read-side.cql}. */
public final class CassandraRiskStore implements RiskStore {

  /** The review queue lists the flagged orders of this many months, newest first. */
  static final int QUEUE_MONTHS = 12;

  private final CassandraSession session;
  private final String ks;
  private final int ttlSeconds;
  private final Listing<ReviewRow> reviews;

  public CassandraRiskStore(CassandraSession session, String keyspace, Duration historyTtl) {
    this.session = session;
    this.ks = keyspace;
    this.ttlSeconds = (int) historyTtl.toSeconds();
    this.reviews = new Listing<>(session, keyspace, CassandraRiskStore::review, ReviewRow::flaggedAt,
        ReviewRow::orderId);
  }

  @Override
  public CompletionStage<Optional<RiskAssessment>> assessment(String orderId) {
    return session.selectOne("SELECT * FROM " + ks + ".fraud_assessments WHERE order_id = ?", orderId)
        .thenApply(row -> row.map(CassandraRiskStore::assessment));
  }

  @Override
  public CompletionStage<List<PaymentFact>> history(String subject, int limit) {
    return session.selectAll("SELECT * FROM " + ks + ".fraud_history WHERE subject = ? LIMIT ?",
        subject, limit).thenApply(rows -> rows.stream().map(r -> new PaymentFact(
            r.getString("event_key"), r.getInstant("at"), r.getString("order_id"),
            PaymentEventType.valueOf(r.getString("type")), r.getLong("amount"),
            r.getString("currency"), r.getString("method"), r.getString("gateway"),
            r.getString("fingerprint"))).toList());
  }

  @Override
  public CompletionStage<Done> remember(List<String> subjects, PaymentFact f) {
    List<CompletableFuture<Done>> writes = new ArrayList<>();
    for (String subject : subjects) {
      writes.add(session.executeWrite("INSERT INTO " + ks + ".fraud_history (subject, at, event_key,"
          + " order_id, type, amount, currency, method, gateway, fingerprint) VALUES"
          + " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) USING TTL ?", subject, f.at(), f.key(), f.orderId(),
          f.type().name(), f.amount(), f.currency(), f.method(), f.gateway(), f.fingerprint(),
          ttlSeconds).toCompletableFuture());
    }
    return all(writes);
  }

  @Override
  public CompletionStage<Done> save(RiskAssessment before, RiskAssessment a) {
    List<CompletableFuture<Done>> writes = new ArrayList<>();
    AssessmentWrite.of(ks, before, a).ifPresent(w ->
        writes.add(session.executeWrite(w.cql(), w.values()).toCompletableFuture()));
    if (a.flaggedAt() != null) {
      if (before != null && before.flaggedAt() != null && !before.queue().equals(a.queue())) {
        writes.add(session.executeWrite("DELETE FROM " + ks + ".fraud_reviews WHERE queue = ? AND"
            + " month = ? AND flagged_at = ? AND order_id = ?", before.queue(), month(before.flaggedAt()),
            before.flaggedAt(), a.orderId()).toCompletableFuture());
      }
      FlagWrites.of(ks, a).forEach(w ->
          writes.add(session.executeWrite(w.cql(), w.values()).toCompletableFuture()));
    }
    return all(writes);
  }

  @Override
  public CompletionStage<Done> caseOpened(String caseId, String orderId) {
    return session.executeWrite("INSERT INTO " + ks + ".fraud_cases (case_id, order_id) VALUES (?, ?)",
        caseId, orderId);
  }

  @Override
  public CompletionStage<Optional<String>> caseOrder(String caseId) {
    return session.selectOne("SELECT order_id FROM " + ks + ".fraud_cases WHERE case_id = ?", caseId)
        .thenApply(row -> row.map(r -> r.getString("order_id")));
  }

  @Override
  public CompletionStage<Listing.Page<ReviewRow>> reviews(String queue, int limit, PageToken token,
      Instant now) {
    List<Listing.Segment> months = new ArrayList<>();
    YearMonth m = YearMonth.from(now.atZone(ZoneOffset.UTC));
    for (int i = 0; i < QUEUE_MONTHS; i++, m = m.minusMonths(1)) {
      months.add(new Listing.Segment(queue + "/" + m, "fraud_reviews", "queue = ? AND month = ?",
          List.of(queue, m.toString()), "flagged_at", "order_id", true));
    }
    return reviews.page(months, token, null, r -> true, r -> false, limit);
  }

  @Override
  public CompletionStage<List<RuleOutcomes>> outcomes(List<FraudRule> rules, YearMonth from,
      YearMonth to) {
    List<CompletableFuture<RuleOutcomes>> reads = new ArrayList<>();
    for (FraudRule rule : rules) {
      for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
        String month = m.toString();
        reads.add(session.selectAll("SELECT verdict FROM " + ks + ".fraud_rule_outcomes WHERE"
            + " rule = ? AND month = ?", rule.name(), month).thenApply(rows -> new RuleOutcomes(
                rule, month, rows.size(), count(rows, Verdict.CONFIRMED), count(rows, Verdict.NOT_FRAUD)))
            .toCompletableFuture());
      }
    }
    return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new))
        .thenApply(v -> reads.stream().map(CompletableFuture::join).toList());
  }

  static String month(Instant at) {
    return YearMonth.from(at.atZone(ZoneOffset.UTC)).toString();
  }

  private static long count(List<Row> rows, Verdict verdict) {
    return rows.stream().filter(r -> verdict.name().equals(r.getString("verdict"))).count();
  }

  private static ReviewRow review(Row r) {
    return new ReviewRow(r.getString("order_id"), r.getString("customer_id"), r.getInt("score"),
        r.getString("queue"), List.copyOf(r.getSet("rules", String.class)), r.getInstant("flagged_at"),
        r.getString("case_id"));
  }

  private static RiskAssessment assessment(Row r) {
    Map<String, String> details = r.getMap("reasons", String.class, String.class);
    Map<String, Integer> weights = r.getMap("weights", String.class, Integer.class);
    List<Reason> reasons = new ArrayList<>();
    for (FraudRule rule : FraudRule.values()) {
      if (details.containsKey(rule.name())) {
        reasons.add(new Reason(rule, weights.getOrDefault(rule.name(), 0), details.get(rule.name())));
      }
    }
    String level = r.getString("gateway_risk_level");
    PaymentEvent.Risk risk = level == null ? null : new PaymentEvent.Risk(
        PaymentEvent.RiskLevel.valueOf(level),
        r.isNull("gateway_risk_score") ? null : r.getInt("gateway_risk_score"),
        r.getString("gateway_risk_label"));
    String verdict = r.getString("verdict");
    String status = r.getString("status");
    return new RiskAssessment(r.getString("order_id"), r.getString("customer_id"),
        r.getString("email"), r.isNull("score") ? 0 : r.getInt("score"),
        status == null ? RiskStatus.CLEAR : RiskStatus.valueOf(status), reasons, risk,
        r.getSet("gateways", String.class), r.getSet("cards", String.class),
        r.getInstant("flagged_at"), r.getInstant("updated_at"), r.getString("case_id"),
        verdict == null ? null : Verdict.valueOf(verdict), r.getInstant("verdict_at"));
  }

  private static CompletionStage<Done> all(List<CompletableFuture<Done>> writes) {
    return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).thenApply(v -> Done.getInstance());
  }
}
