package payledger.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.StreamSupport;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.sharding.typed.javadsl.ShardedDaemonProcess;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.junit.jupiter.api.Test;

/**
 * With payledger.read-side.role set, the background work (singletons, projection daemons) runs only
 * on the nodes that have that role.
 */
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

  @Test
  void inAMixedClusterTheSingletonAndEveryDaemonRunOnTheReadSideNode() {
    // The ingestion node is the oldest: without the role, the singleton would start there.
    ActorTestKit ingestion = ActorTestKit.create("mixed", config("[\"ingestion\"]", "read-side"));
    ActorTestKit readSide = ActorTestKit.create("mixed", config("[\"read-side\"]", "read-side"));
    try {
      Cluster first = Cluster.get(ingestion.system());
      first.manager().tell(Join.create(first.selfMember().address()));
      Cluster.get(readSide.system()).manager().tell(Join.create(first.selfMember().address()));
      TestProbe<String> where = ingestion.createTestProbe();
      where.awaitAssert(Duration.ofSeconds(20), () -> {
        assertEquals(2, StreamSupport.stream(first.state().getMembers().spliterator(), false)
            .filter(m -> m.status().equals(MemberStatus.up())).count());
        return null;
      });
      for (ActorTestKit node : List.of(ingestion, readSide)) { // every node calls the inits
        ActorSystem<?> system = node.system();
        ReadSideNodes.singleton(system, Behaviors.setup(ctx -> {
          where.ref().tell("singleton@" + system.address());
          return Behaviors.empty();
        }), "probe");
        ShardedDaemonProcess.get(system).init(String.class, "probe-daemons", 4, i -> Behaviors.setup(ctx -> {
          where.ref().tell("daemon-" + i + "@" + system.address());
          return Behaviors.empty();
        }), ReadSideNodes.daemons(system), Optional.empty());
      }
      List<String> started = where.receiveSeveralMessages(5, Duration.ofSeconds(20));
      String readSideAddress = readSide.system().address().toString();
      assertTrue(started.stream().allMatch(s -> s.endsWith("@" + readSideAddress)), started.toString());
      assertEquals(1, started.stream().filter(s -> s.startsWith("singleton@")).count(), started.toString());
      where.expectNoMessage(Duration.ofSeconds(2));
    } finally {
      readSide.shutdownTestKit();
      ingestion.shutdownTestKit();
    }
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
