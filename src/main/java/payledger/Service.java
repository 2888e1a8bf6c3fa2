package payledger;

import com.typesafe.config.Config;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.management.javadsl.PekkoManagement;
import payledger.http.ApiRoutes;
import payledger.http.HttpServer;
import payledger.http.HttpSettings;
import payledger.order.OrderLedger;
import payledger.order.ReconciliationSettings;

/**
 * One payledger node: an actor system in the cluster, the sharded entities, the HTTP API and the
 * management endpoints (health checks).
 */
public final class Service implements AutoCloseable {

  private final ActorSystem<Void> system;
  private final ServerBinding binding;

  private Service(ActorSystem<Void> system, ServerBinding binding) {
    this.system = system;
    this.binding = binding;
  }

  /** Starts a node and returns once its API is bound. */
  public static Service start(Config config, Clock clock) {
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "payledger", config);
    try {
      if (config.getStringList("pekko.cluster.seed-nodes").isEmpty()) {
        Cluster cluster = Cluster.get(system);
        cluster.manager().tell(Join.create(cluster.selfMember().address()));
      }
      // /alive and /ready (cluster membership, sharding, Cassandra) on the management port.
      PekkoManagement.get(system).start().toCompletableFuture().get(30, TimeUnit.SECONDS);
      OrderLedger.init(
          system,
          clock,
          new OrderLedger.Settings(
              config.getInt("payledger.order.snapshot-every"), ReconciliationSettings.from(config)));
      HttpSettings http = HttpSettings.from(config);
      ServerBinding binding =
          HttpServer.start(system, ApiRoutes.create(system, http), http)
              .toCompletableFuture()
              .get(30, TimeUnit.SECONDS);
      return new Service(system, binding);
    } catch (Exception e) {
      system.terminate();
      throw new IllegalStateException("payledger failed to start: " + e.getMessage(), e);
    }
  }

  public ActorSystem<Void> system() {
    return system;
  }

  public int httpPort() {
    return binding.localAddress().getPort();
  }

  /** Leaves the cluster and stops in order (HTTP unbinds first), then waits for termination. */
  @Override
  public void close() {
    CoordinatedShutdown.get(system).run(CoordinatedShutdown.unknownReason());
    system.getWhenTerminated().toCompletableFuture().orTimeout(60, TimeUnit.SECONDS).join();
  }

  /** Blocks until the node has stopped (SIGTERM runs CoordinatedShutdown through Pekko's hook). */
  public void awaitTermination() {
    system.getWhenTerminated().toCompletableFuture().join();
  }
}
