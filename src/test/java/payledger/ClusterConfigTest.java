package payledger;

import static org.junit.jupiter.api.Assertions.*;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** cluster-config/node-N.conf as the launcher loads them: three distinct nodes of one cluster. */
class ClusterConfigTest {

  private static final Path HOME = Path.of(System.getProperty("user.dir"));

  private static Config node(int n) {
    return Main.nodeConfig(Main.nodeFile(HOME, n));
  }

  @Test
  void theThreeNodesListenOnDistinctValidPorts() {
    Set<Integer> ports = new HashSet<>();
    for (int n = 1; n <= 3; n++) {
      Config c = node(n);
      for (String path : List.of("pekko.remote.artery.canonical.port", "payledger.http.port",
          "pekko.management.http.port")) {
        int port = c.getInt(path);
        assertTrue(port > 1024 && port < 65536, path + " of node " + n + ": " + port);
        assertTrue(ports.add(port), path + " of node " + n + " collides: " + port);
      }
    }
    assertFalse(ports.contains(8080) || ports.contains(25520) || ports.contains(8558),
        "no node collides with the embedded default");
  }

  @Test
  void everyNodeSeedsFromTheThreeRemotingAddresses() {
    List<String> expected = IntStream.rangeClosed(1, 3)
        .mapToObj(n -> "pekko://payledger@127.0.0.1:" + node(n).getInt(
            "pekko.remote.artery.canonical.port"))
        .toList();
    for (int n = 1; n <= 3; n++) {
      assertEquals(expected, node(n).getStringList("pekko.cluster.seed-nodes"));
    }
  }

  @Test
  void realNodesRunTheSplitBrainResolverAndExitWhenDowned() {
    Config c = node(2);
    assertEquals("org.apache.pekko.cluster.sbr.SplitBrainResolverProvider",
        c.getString("pekko.cluster.downing-provider-class"));
    assertEquals("keep-majority", c.getString("pekko.cluster.split-brain-resolver.active-strategy"));
    assertTrue(c.getBoolean("pekko.coordinated-shutdown.exit-jvm"));
    assertTrue(c.getBoolean("pekko.cluster.run-coordinated-shutdown-when-down"));
    assertEquals(List.of("OrderLedger"), c.getStringList("pekko.cluster.sharding.healthcheck.names"));
  }
}
