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
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSession;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSessionRegistry;
import payledger.cassandra.ReadSideSchema;
import payledger.dispute.Dispute;
import payledger.dispute.DisputeSettings;
import payledger.dispute.ShardedLedgerPort;
import payledger.http.ApiRoutes;
import payledger.http.HttpServer;
import payledger.http.HttpSettings;
import payledger.order.OrderLedger;
import payledger.order.ReconciliationSettings;
import payledger.sla.CassandraDeadlineRepository;
import payledger.sla.Deadlines;
import payledger.time.ServiceClock;

/** One payledger node: an actor system in the cluster, the sharded entities and the HTTP API. */
public final class Service implements AutoCloseable {

  private final ActorSystem<Void> system;
  private final ServerBinding binding;

  private Service(ActorSystem<Void> system, ServerBinding binding) {
    this.system = system;
    this.binding = binding;
  }

  /**
   * Starts a node and returns once its API is bound. {@code time} is the base of the service clock,
   * which an admin can advance when the test clock is on.
   */
  public static Service start(Config config, Clock time) {
    ServiceClock clock = ServiceClock.of(time, config.getBoolean("payledger.test-clock.enabled"));
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "payledger", config);
    try {
      if (config.getStringList("pekko.cluster.seed-nodes").isEmpty()) {
        Cluster cluster = Cluster.get(system);
        cluster.manager().tell(Join.create(cluster.selfMember().address()));
      }
      OrderLedger.init(
          system,
          clock,
          new OrderLedger.Settings(
              config.getInt("payledger.order.snapshot-every"), ReconciliationSettings.from(config)));
      HttpSettings http = HttpSettings.from(config);
      ReconciliationSettings rules = ReconciliationSettings.from(config);
      DisputeSettings disputes = DisputeSettings.from(config);
      Dispute.init(system, clock, disputes,
          new ShardedLedgerPort(ClusterSharding.get(system), http.askTimeout()));
      if (config.getBoolean("payledger.read-side.enabled")) {
        startReadSide(system, config, clock, rules, disputes, http);
      }
      ServerBinding binding =
          HttpServer.start(system, ApiRoutes.create(system, http, clock), http)
              .toCompletableFuture()
              .get(30, TimeUnit.SECONDS);
      return new Service(system, binding);
    } catch (Exception e) {
      system.terminate();
      throw new IllegalStateException("payledger failed to start: " + e.getMessage(), e);
    }
  }

  /** Projections and the deadline scheduler; in dev the read-side tables are created first. */
  private static void startReadSide(ActorSystem<Void> system, Config config, ServiceClock clock,
      ReconciliationSettings rules, DisputeSettings disputes, HttpSettings http) throws Exception {
    String keyspace = config.getString("pekko.persistence.cassandra.journal.keyspace");
    CassandraSession session =
        CassandraSessionRegistry.get(system).sessionFor("pekko.persistence.cassandra");
    if (config.getBoolean("pekko.persistence.cassandra.journal.tables-autocreate")) {
      ReadSideSchema.create(system, session, keyspace).toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
    Deadlines.init(system, clock, new CassandraDeadlineRepository(session, keyspace), rules,
        disputes, http.askTimeout(), config);
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
