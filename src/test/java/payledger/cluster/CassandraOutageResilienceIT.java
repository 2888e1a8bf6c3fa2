package payledger.cluster;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import payledger.testing.ApiClient;
import payledger.testing.NodeProcess;
import payledger.testing.Orders;
import payledger.testing.OwnCassandra;
import payledger.testing.PaymentLoad;
import payledger.testing.ResilienceReport;
import payledger.testing.Ids;

/**
 * Cassandra stopped for 20 s under load, on the resilience tests' own Cassandra node (own data
 * directory and ports) so that stopping it never touches the shared node on 9042.
 */
class CassandraOutageResilienceIT {

  private static final Duration OUTAGE = Duration.ofSeconds(20);
  private static final long RECOVERY_TARGET_MILLIS = 30_000;
  /** pekko.http.server.request-timeout (10 s) plus scheduling slack on a busy box. */
  private static final long NO_HANG_MILLIS = 11_500;

  @Test
  @Timeout(420)
  void duringAnOutageTheLedgerAnswers503ProblemsAndRecoversByItselfLosingNothingAcknowledged() {
    String run = Ids.unique("outage");
    NodeProcess node = new NodeProcess("single", 0, NodeProcess.Ports.free(),
        Map.of("PAYLEDGER_KEYSPACE", "payledger_outage",
            "CASSANDRA_CONTACT_POINT", OwnCassandra.contactPoint()),
        ResilienceReport.DIR.resolve(run));
    try (node) {
      node.start().awaitReady(Duration.ofSeconds(180)); // a cold start, as ThreeNodeCluster.READY
      int port = node.ports().http();
      List<String> orders = Orders.register(new ApiClient(port), run, 10);
      try (PaymentLoad load = new PaymentLoad(orders, () -> List.of(port), 20, run).start()) {
        sleep(5_000);
        long stoppedAt = load.now();
        OwnCassandra.stop();
        sleep(OUTAGE.toMillis() / 2);
        boolean readyDuringOutage = node.ready();
        int aliveDuringOutage = node.status("/alive");
        sleep(OUTAGE.toMillis() / 2);
        OwnCassandra.startAgain();
        long backAt = load.now();
        sleep(RECOVERY_TARGET_MILLIS + 5_000);
        load.stop();

        long lastFailure = load.outcomes().stream().filter(o -> !o.acknowledged())
            .mapToLong(PaymentLoad.Outcome::atMillis).max().orElse(backAt);
        long recoveryMillis = Math.max(0, lastFailure - backAt);
        PaymentLoad.Verification verified = load.verify(port);
        ResilienceReport.line("cassandra-outage", String.format(
            "%d acknowledged, %d lost, %d duplicated; Cassandra down %.1f s; last failed request"
                + " %.1f s after its return; /ready during the outage %s, /alive %d; during the"
                + " outage: %s; after the return: %s; whole run: %s",
            verified.acknowledged(), verified.lost().size(), verified.duplicated().size(),
            (backAt - stoppedAt) / 1000.0, recoveryMillis / 1000.0,
            readyDuringOutage ? "200" : "not 200", aliveDuringOutage,
            load.window(stoppedAt, backAt), load.window(backAt, Long.MAX_VALUE), load.total()));

        assertEquals(List.of(), verified.lost(), "acknowledged events lost");
        assertEquals(List.of(), verified.duplicated(), "events recorded twice");
        for (PaymentLoad.Outcome o : load.outcomes()) {
          assertTrue(o.acknowledged() || (o.status() == 503 && o.problemJson()),
              "only 2xx or 503 problem+json, got " + o);
          assertTrue(o.latencyMillis() < NO_HANG_MILLIS, "no hang: " + o);
        }
        assertTrue(load.window(stoppedAt, backAt).acknowledged()
            < load.window(stoppedAt, backAt).sent(), "the outage was felt");
        assertFalse(readyDuringOutage, "not ready while Cassandra is down");
        assertEquals(200, aliveDuringOutage, "alive while Cassandra is down");
        assertTrue(recoveryMillis <= RECOVERY_TARGET_MILLIS,
            "recovered within 30 s of Cassandra's return, took " + recoveryMillis + " ms");
        assertTrue(node.ready(), "ready again");
      }
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
