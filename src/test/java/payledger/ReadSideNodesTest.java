package payledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.function.Consumer;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.junit.jupiter.api.Test;

/** With payledger.read-side.role set, the background singletons run only where that role is. */
class ReadSideNodesTest {

  @Test
  void aSingletonStartsOnANodeWithTheReadSideRole() {
    onNode("[\"read-side\"]", "read-side",
        started -> started.expectMessage(Duration.ofSeconds(15), "started"));
  }

  @Test
  void anIngestionOnlyNodeKeepsAProxyAndRunsNoSingleton() {
    onNode("[\"ingestion\"]", "read-side", started -> started.expectNoMessage(Duration.ofSeconds(3)));
  }

  @Test
  void withoutARoleEveryNodeMayRunThem() {
    onNode("[]", "", started -> started.expectMessage(Duration.ofSeconds(15), "started"));
  }

  private static void onNode(String roles, String readSideRole, Consumer<TestProbe<String>> check) {
    ActorTestKit kit = ActorTestKit.create(config(roles, readSideRole));
    try {
      check.accept(startedProbe(kit));
    } finally {
      kit.shutdownTestKit();
    }
  }

  /** Joins the one-node cluster, waits until it is Up, then starts a singleton that reports in. */
  private static TestProbe<String> startedProbe(ActorTestKit kit) {
    Cluster cluster = Cluster.get(kit.system());
    cluster.manager().tell(Join.create(cluster.selfMember().address()));
    TestProbe<String> started = kit.createTestProbe();
    started.awaitAssert(Duration.ofSeconds(15),
        () -> {
          assertEquals(MemberStatus.up(), cluster.selfMember().status());
          return null;
        });
    ReadSideNodes.singleton(kit.system(), Behaviors.setup(ctx -> {
      started.ref().tell("started");
      return Behaviors.empty();
    }), "probe");
    return started;
  }

  private static Config config(String roles, String readSideRole) {
    return ConfigFactory.parseString("""
        pekko.actor.provider = cluster
        pekko.remote.artery.canonical.hostname = "127.0.0.1"
        pekko.remote.artery.canonical.port = 0
        pekko.cluster.roles = %s
        pekko.cluster.jmx.multi-mbeans-in-same-jvm = on
        payledger.read-side.role = "%s"
        """.formatted(roles, readSideRole)).withFallback(ConfigFactory.defaultReference());
  }
}
