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
import org.apache.pekko.http.javadsl.server.Route;
import payledger.gateway.GatewayCounters;
import payledger.gateway.GatewaySettings;
import payledger.http.ApiRoutes;
import payledger.http.Auth;
import payledger.http.HttpServer;
import payledger.http.HttpSettings;
import payledger.order.OrderLedger;

/** One payledger node: an actor system in the cluster, the sharded entities and the HTTP API. */
public final class Service implements AutoCloseable {

  private final ActorSystem<Void> system;
  private final ServerBinding binding;
  private final GatewayCounters gatewayCounters;

  private Service(ActorSystem<Void> system, ServerBinding binding, GatewayCounters gatewayCounters) {
    this.system = system;
    this.binding = binding;
    this.gatewayCounters = gatewayCounters;
  }

  /** Starts a node and returns once its API is bound. */
  public static Service start(Config config, Clock clock) {
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "payledger", config);
    try {
      if (config.getStringList("pekko.cluster.seed-nodes").isEmpty()) {
        Cluster cluster = Cluster.get(system);
        cluster.manager().tell(Join.create(cluster.selfMember().address()));
      }
      OrderLedger.init(
          system, clock, new OrderLedger.Settings(config.getInt("payledger.order.snapshot-every")));
      HttpSettings http = HttpSettings.from(config);
      GatewayCounters counters = new GatewayCounters();
      Route routes = ApiRoutes.create(
          system, http, Auth.from(config), GatewaySettings.from(config), counters, clock);
      ServerBinding binding =
          HttpServer.start(system, routes, http).toCompletableFuture().get(30, TimeUnit.SECONDS);
      return new Service(system, binding, counters);
    } catch (Exception e) {
      system.terminate();
      throw new IllegalStateException("payledger failed to start: " + e.getMessage(), e);
    }
  }

  public ActorSystem<Void> system() {
    return system;
  }

  /** Gateway messages acknowledged but not recorded, until GET /metrics exports them. */
  public GatewayCounters gatewayCounters() {
    return gatewayCounters;
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
