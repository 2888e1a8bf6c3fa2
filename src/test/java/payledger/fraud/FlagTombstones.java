package payledger.fraud;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import payledger.cassandra.LocalCassandra;
import payledger.cassandra.Schema;
import payledger.notify.OutboxTombstones;
import payledger.testing.Dirs;
import payledger.testing.Ids;
import payledger.testing.ScratchNode;

/**
 * Measures the tombstones and bytes a flagged order writes into {@code fraud_reviews} and
 * {@code fraud_rule_outcomes} on a real node: N flagged orders written as the previous version
 * wrote them (INSERTs binding the review row's whole {@code rules} set and its null
 * {@code case_id}, and each outcome row's null {@code verdict}) into keyspace {@code flags_before},
 * and as {@link FlagWrites} into {@code flags_after}, in two rounds as the risk projection saves a
 * flagged assessment: the payment that flagged it for review (one rule), then a later payment on
 * which a second rule fired (still in review, no case, no verdict). The node is stopped after each
 * round (a stop drains: the memtables flushed to SSTables); then each table's SSTables are counted
 * by {@link OutboxTombstones}' dump ({@code sstabledump}). Not a test: a main, run by hand, like
 * {@link AssessmentTombstones}:
 *
 * <pre>{@code
 * java -cp target/test-classes:target/classes:$(cat target/test-classpath.txt) \
 *     payledger.fraud.FlagTombstones 1000 9153 7153
 * }</pre>
 */
public final class FlagTombstones {

  private static final List<String> KEYSPACES = List.of("flags_before", "flags_after");
  private static final List<String> TABLES = List.of("fraud_reviews", "fraud_rule_outcomes");
  private static final Instant T0 = Instant.parse("2026-12-07T12:00:00Z");
  private static final Reason CARDS = new Reason(FraudRule.MANY_CARDS, 40, "4 cards in 24 h");
  private static final Reason METHOD = new Reason(FraudRule.UNUSUAL_METHOD, 15, "first paypal");

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int port = args.length > 1 ? Integer.parseInt(args[1]) : 9154;
    int storagePort = args.length > 2 ? Integer.parseInt(args[2]) : 7154;
    Path dir = Path.of("target/flag-tombstones").toAbsolutePath();
    Dirs.deleteTree(dir);
    for (int round = 1; round <= 2; round++) {
      try (LocalCassandra node = ScratchNode.start(dir, port, storagePort)) {
        try (CqlSession session = ScratchNode.session(port)) {
          if (round == 1) {
            createTables(session);
          }
          for (int i = 0; i < n; i++) {
            RiskAssessment a = flagged("order" + Ids.letters(i), round);
            previous(session, a);
            for (Upsert w : FlagWrites.of("flags_after", a)) {
              session.execute(w.cql(), w.values());
            }
          }
        }
      } // stopped: SIGTERM, which drains (flushes every table) before the node exits
    }
    for (String ks : KEYSPACES) {
      List<String> tables = new ArrayList<>(List.of("tables", dir.toString(), ks));
      tables.addAll(TABLES);
      OutboxTombstones.main(tables.toArray(String[]::new));
    }
  }

  /** The previous version's writes of a flagged assessment, as they were. */
  private static void previous(CqlSession session, RiskAssessment a) {
    String month = CassandraRiskStore.month(a.flaggedAt());
    Set<String> rules = new LinkedHashSet<>();
    a.reasons().forEach(r -> rules.add(r.rule().name()));
    session.execute("INSERT INTO flags_before.fraud_reviews (queue, month, flagged_at, order_id,"
        + " customer_id, score, rules, case_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", a.queue(), month,
        a.flaggedAt(), a.orderId(), a.customerId(), a.score(), rules, a.caseId());
    for (String rule : rules) {
      session.execute("INSERT INTO flags_before.fraud_rule_outcomes (rule, month, order_id, verdict)"
          + " VALUES (?, ?, ?, ?)", rule, month, a.orderId(),
          a.verdict() == null ? null : a.verdict().name());
    }
  }

  private static void createTables(CqlSession session) {
    for (String ks : KEYSPACES) {
      session.execute(SimpleStatement.newInstance("CREATE KEYSPACE IF NOT EXISTS " + ks
          + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}")
          .setTimeout(Duration.ofSeconds(30)));
      for (String ddl : Schema.statements("read-side.cql", ks)) {
        if (TABLES.stream().anyMatch(t -> ddl.contains(ks + "." + t + " "))) {
          session.execute(SimpleStatement.newInstance(ddl).setTimeout(Duration.ofSeconds(30)));
        }
      }
    }
  }

  /** Flagged for review by its first rule (round 1), then with a second rule fired (round 2). */
  private static RiskAssessment flagged(String orderId, int round) {
    RiskAssessment a = RiskAssessment.empty(orderId).registered("customer" + orderId,
        orderId + "@example.com").with(List.of(CARDS), null, T0, FraudRulesTest.SETTINGS);
    return round == 1 ? a
        : a.with(List.of(METHOD), null, T0.plusSeconds(30), FraudRulesTest.SETTINGS);
  }

  private FlagTombstones() {}
}
