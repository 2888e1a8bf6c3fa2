package payledger.cluster;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import payledger.testing.ApiClient;
import payledger.cassandra.LocalCassandra;
import payledger.testing.NodeProcess;
import payledger.testing.OwnCassandra;
import payledger.testing.Orders;
import payledger.testing.PaymentLoad;
import payledger.testing.ResilienceReport;
import payledger.testing.ThreeNodeCluster;
import payledger.testing.Ids;

/**
 * A rolling restart of all three nodes under load, as a deployment does it: take the node out of
 * the load balancer, SIGTERM it (it leaves the cluster and hands its shards over), start it again,
 * wait for /ready, put it back.
 */
class RollingRestartResilienceIT {

  @Test
  @Timeout(420)
  void restartingEveryNodeInTurnLosesNoAcknowledgedEvent() {
    String run = Ids.unique("rolling");
    try (LocalCassandra cassandra = OwnCassandra.start();
        ThreeNodeCluster cluster = new ThreeNodeCluster("payledger_resilience",
            "127.0.0.1:" + cassandra.port(), ResilienceReport.DIR.resolve(run)).start()) {
      List<String> orders =
          Orders.register(new ApiClient(cluster.node(1).ports().http()), run, 30);
      List<String> restarts = new ArrayList<>();
      try (PaymentLoad load = new PaymentLoad(orders, cluster::routed, 30, run).start()) {
        sleep(5_000);
        long rollStart = load.now();
        for (int number : List.of(3, 2, 1)) {
          NodeProcess node = cluster.node(number);
          long began = load.now();
          cluster.unroute(node);
          sleep(1_000); // in-flight requests finish before the node stops
          node.terminate(Duration.ofSeconds(60));
          long stopped = load.now();
          node.start().awaitReady(Duration.ofSeconds(120));
          cluster.route(node);
          restarts.add(String.format("%s stopped in %.1f s, ready again %.1f s later",
              node.name(), (stopped - began) / 1000.0, (load.now() - stopped) / 1000.0));
          sleep(3_000);
        }
        long rollEnd = load.now();
        sleep(5_000);
        load.stop();

        PaymentLoad.Verification verified = load.verify(cluster.node(1).ports().http());
        ResilienceReport.line("rolling-restart", String.format(
            "%d acknowledged, %d lost, %d duplicated; %s; during the restarts (%.0f s): %s;"
                + " whole run: %s",
            verified.acknowledged(), verified.lost().size(), verified.duplicated().size(),
            String.join("; ", restarts), (rollEnd - rollStart) / 1000.0,
            load.window(rollStart, rollEnd), load.total()));

        assertTrue(verified.acknowledged() > 0);
        assertEquals(List.of(), verified.lost(), "acknowledged events lost");
        assertEquals(List.of(), verified.duplicated(), "events recorded twice");
        assertFalse(load.total().byStatus().containsKey(500), "no 500 ever");
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
