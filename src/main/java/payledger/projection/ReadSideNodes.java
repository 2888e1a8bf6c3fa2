package payledger.projection;

import java.time.Duration;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.ShardedDaemonProcessSettings;
import org.apache.pekko.cluster.typed.ClusterSingleton;
import org.apache.pekko.cluster.typed.ClusterSingletonSettings;
import org.apache.pekko.cluster.typed.SingletonActor;

/**
 * Where the background work runs: the projections (one instance per tag) and the singletons (the
 * deadline scheduler, the notification delivery worker). On every node unless
 * {@code payledger.read-side.role} names a cluster role: then only on the nodes that have it, so
 * ingestion nodes spend their CPU on the write path and read-side nodes catch up behind them.
 * Every node still calls the inits (a node without the role keeps proxies only).
 */
public final class ReadSideNodes {

  private ReadSideNodes() {}

  public static ShardedDaemonProcessSettings daemons(ActorSystem<?> system) {
    ShardedDaemonProcessSettings settings = ShardedDaemonProcessSettings.create(system);
    String role = role(system);
    return role.isEmpty() ? settings : settings.withRole(role);
  }

  /** Starts (or proxies) a cluster singleton, restarted with backoff when it fails. */
  public static <M> void singleton(ActorSystem<?> system, Behavior<M> behavior, String name) {
    ClusterSingletonSettings settings = ClusterSingletonSettings.create(system);
    String role = role(system);
    ClusterSingleton.get(system).init(SingletonActor.of(
            Behaviors.supervise(behavior).onFailure(
                SupervisorStrategy.restartWithBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30), 0.2)),
            name)
        .withSettings(role.isEmpty() ? settings : settings.withRole(role)));
  }

  private static String role(ActorSystem<?> system) {
    return system.settings().config().getString("payledger.read-side.role");
  }
}
