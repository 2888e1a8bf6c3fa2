package payledger.fraud;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import payledger.cassandra.LocalCassandra;
import payledger.cassandra.Schema;
import payledger.notify.OutboxTombstones;
import payledger.order.PaymentEvent;
import payledger.testing.Dirs;
import payledger.testing.Ids;
import payledger.testing.ScratchNode;

/**
 * Measures the tombstones and bytes of {@code fraud_assessments} rows on a real node: N orders'
 * assessments written as the previous version wrote them (a whole-row INSERT binding every column,
 * nulls and all four collections included) into keyspace {@code fraud_before}, and the same as
 * {@link AssessmentWrite}s into {@code fraud_after}, in two rounds as the risk projection writes
 * them: the first payment (a new row: customer, gateway, card, the gateway's risk), then a second
 * payment (a later {@code updated_at}; every fifth order a second card on a second gateway and a
 * rule firing, which flags it for review). The node is stopped after each round (a stop drains:
 * the memtables flushed to SSTables), so a row's two writes lie in two SSTables as they do on a
 * node under load; then each table's SSTables are counted by {@link OutboxTombstones}' dump
 * ({@code sstabledump}). Not a test: a main, run by hand.
 *
 * <pre>{@code
 * mvn -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat target/test-classpath.txt) \
 *     payledger.fraud.AssessmentTombstones 1000 9154 7154
 * }</pre>
 * The node is one of its own (data under target/assessment-tombstones, deleted first), on the
 * ports given. The counts are over row fragments (a row written in both rounds is two, one per
 * SSTable); divide the totals by N for per-order figures.
 */
public final class AssessmentTombstones {

  private static final List<String> KEYSPACES = List.of("fraud_before", "fraud_after");
  private static final Instant T0 = Instant.parse("2026-12-07T12:00:00Z");
  private static final Reason FIRED = new Reason(FraudRule.MULTI_SOURCE_ORDER, 40, "2 gateways, 2 cards");

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int port = args.length > 1 ? Integer.parseInt(args[1]) : 9154;
    int storagePort = args.length > 2 ? Integer.parseInt(args[2]) : 7154;
    Path dir = Path.of("target/assessment-tombstones").toAbsolutePath();
    Dirs.deleteTree(dir);
    long[] mutations = new long[KEYSPACES.size()];
    for (int round = 1; round <= 2; round++) {
      try (LocalCassandra node = ScratchNode.start(dir, port, storagePort)) {
        try (CqlSession session = ScratchNode.session(port)) {
          if (round == 1) {
            createTables(session);
          }
          for (int i = 0; i < n; i++) {
            RiskAssessment first = first("order" + Ids.letters(i));
            RiskAssessment before = round == 1 ? RiskAssessment.empty(first.orderId()) : first;
            RiskAssessment after = round == 1 ? first : second(first, i % 5 == 0);
            Map<String, Object> columns = AssessmentWrite.columns(after);
            List<Object> values = new ArrayList<>(List.of(after.orderId()));
            values.addAll(columns.values());
            session.execute("INSERT INTO fraud_before.fraud_assessments (order_id, "
                + String.join(", ", columns.keySet()) + ") VALUES ("
                + String.join(", ", Collections.nCopies(values.size(), "?")) + ")", values.toArray());
            AssessmentWrite w = AssessmentWrite.of("fraud_after", before, after).orElseThrow();
            session.execute(w.cql(), w.values());
          }
          for (int k = 0; k < KEYSPACES.size(); k++) {
            mutations[k] += session.execute("SELECT count FROM system_views.local_write_latency"
                + " WHERE keyspace_name = ? AND table_name = 'fraud_assessments'", KEYSPACES.get(k))
                .one().getLong("count");
          }
        }
      } // stopped: SIGTERM, which drains (flushes every table) before the node exits
    }
    for (int k = 0; k < KEYSPACES.size(); k++) {
      System.out.printf("%s.fraud_assessments: %d mutations for %d orders written twice (%.2f per"
          + " order)%n", KEYSPACES.get(k), mutations[k], n, mutations[k] / (double) n);
      OutboxTombstones.main(new String[] {"tables", dir.toString(), KEYSPACES.get(k),
          "fraud_assessments"});
    }
  }

  private static void createTables(CqlSession session) {
    for (String ks : KEYSPACES) {
      session.execute(SimpleStatement.newInstance("CREATE KEYSPACE IF NOT EXISTS " + ks
          + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}")
          .setTimeout(Duration.ofSeconds(30)));
      for (String ddl : Schema.statements("read-side.cql", ks)) {
        if (ddl.contains(ks + ".fraud_assessments ") || ddl.contains(ks + ".fraud_assessments(")) {
          session.execute(SimpleStatement.newInstance(ddl).setTimeout(Duration.ofSeconds(30)));
        }
      }
    }
  }

  /** After an order's first payment: its customer, one gateway and card, the gateway's risk. */
  private static RiskAssessment first(String orderId) {
    return new RiskAssessment(orderId, "customer" + orderId, orderId + "@example.com", 0,
        RiskStatus.CLEAR, List.of(), new PaymentEvent.Risk(PaymentEvent.RiskLevel.NORMAL, 12,
            "normal"), Set.of("stripe"), Set.of("fp-" + orderId), null, T0, null, null, null);
  }

  /** After its second payment: later; when {@code flagged}, a second source and a rule fired. */
  private static RiskAssessment second(RiskAssessment a, boolean flagged) {
    Instant at = T0.plusSeconds(30);
    if (!flagged) {
      return new RiskAssessment(a.orderId(), a.customerId(), a.email(), a.score(), a.status(),
          a.reasons(), a.gatewayRisk(), a.gateways(), a.cards(), a.flaggedAt(), at, a.caseId(),
          a.verdict(), a.verdictAt());
    }
    return new RiskAssessment(a.orderId(), a.customerId(), a.email(), 40, RiskStatus.REVIEW,
        List.of(FIRED), a.gatewayRisk(), Set.of("stripe", "adyen"),
        Set.of("fp-" + a.orderId(), "fp2-" + a.orderId()), at, at, null, null, null);
  }

  private AssessmentTombstones() {}
}
