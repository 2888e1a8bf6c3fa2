package payledger;

import com.typesafe.config.Config;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSession;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSessionRegistry;
import payledger.audit.AuditSettings;
import payledger.audit.AuditSetup;
import payledger.cassandra.Schema;
import payledger.dispute.Dispute;
import payledger.dispute.DisputeSettings;
import payledger.dispute.ShardedLedgerPort;
import payledger.fraud.FraudProjections;
import payledger.fraud.FraudSettings;
import payledger.gateway.GatewayCounters;
import payledger.gateway.GatewaySettings;
import org.apache.pekko.management.javadsl.PekkoManagement;
import payledger.http.ApiRoutes;
import payledger.http.Auth;
import payledger.http.HttpServer;
import payledger.http.HttpSettings;
import payledger.notify.CassandraNotificationRepository;
import payledger.notify.EmbeddedSmtp;
import payledger.notify.Contact;
import payledger.notify.Messages;
import payledger.notify.NotificationSettings;
import payledger.notify.NotificationRepository;
import payledger.notify.Notifications;
import payledger.notify.SmsSink;
import payledger.order.OrderLedger;
import payledger.order.ReconciliationSettings;
import payledger.readmodel.OrderFollower;
import payledger.readmodel.ReadModelProjections;
import payledger.readmodel.ReadModelStore;
import payledger.readmodel.ReadSide;
import payledger.settlement.CassandraSettlementStore;
import payledger.settlement.SettlementBatch;
import payledger.settlement.SettlementDeadlines;
import payledger.settlement.SettlementProjection;
import payledger.settlement.SettlementSettings;
import payledger.sla.CassandraDeadlineRepository;
import payledger.sla.DeadlineSettings;
import payledger.sla.Deadlines;
import payledger.time.ServiceClock;
import payledger.vendor.VendorLedger;
import payledger.vendor.CassandraVendorCaseList;
import payledger.vendor.VendorCaseProjection;
import payledger.vendor.VendorShares;
import payledger.web.CustomerEmails;

/**
 * One payledger node: an actor system in the cluster, the sharded entities, the HTTP API and the
 * management endpoints (health checks).
 */
public final class Service implements AutoCloseable {

  private final ActorSystem<Void> system;
  private final ServerBinding binding;
  private final GatewayCounters gatewayCounters;

  private Service(ActorSystem<Void> system, ServerBinding binding, GatewayCounters gatewayCounters) {
    this.system = system;
    this.binding = binding;
    this.gatewayCounters = gatewayCounters;
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
      if (config.getBoolean("payledger.cassandra.create-schema")) {
        createSchema(system, config);
      }
      // /alive and /ready (cluster membership, sharding, Cassandra) on the management port.
      PekkoManagement.get(system).start().toCompletableFuture().get(30, TimeUnit.SECONDS);
      ReconciliationSettings rules = ReconciliationSettings.from(config);
      OrderLedger.init(system, clock,
          new OrderLedger.Settings(config.getInt("payledger.order.snapshot-every"), rules));
      HttpSettings http = HttpSettings.from(config);
      DisputeSettings disputes = DisputeSettings.from(config);
      Dispute.init(system, clock, disputes,
          new ShardedLedgerPort(ClusterSharding.get(system), http.askTimeout()));
      VendorLedger.init(system, clock);
      SettlementBatch.init(system, clock, SettlementSettings.from(config).warnAt());
      NotificationSettings notify = NotificationSettings.from(config);
      startSmtpSink(system, notify);
      Messages messages = Notifications.messages(notify, clock);
      NotificationRepository notifications = null;
      if (config.getBoolean("payledger.read-side.enabled")) {
        notifications = new CassandraNotificationRepository(session(system), keyspace(config));
        startReadSide(system, config, clock, rules, disputes, http, notify, notifications, messages);
      }
      GatewayCounters counters = new GatewayCounters();
      Route routes = ApiRoutes.create(
          system, http, Auth.from(config), GatewaySettings.from(config), counters, clock,
          new Notifications.Api(messages, Notifications.links(notify, clock), notifications),
          AuditSetup.forService(system, AuditSettings.from(config), clock, rules, disputes,
              http.askTimeout()));
      ServerBinding binding =
          HttpServer.start(system, routes, http).toCompletableFuture().get(30, TimeUnit.SECONDS);
      return new Service(system, binding, counters);
    } catch (Exception e) {
      system.terminate();
      throw new IllegalStateException("payledger failed to start: " + e.getMessage(), e);
    }
  }

  /**
   * The projections, the deadline scheduler and the notification worker. The order projection is
   * the one pass over the order tags: the read models, the orders' wake-ups and notifications.
   */
  private static void startReadSide(ActorSystem<Void> system, Config config, ServiceClock clock,
      ReconciliationSettings rules, DisputeSettings disputes, HttpSettings http,
      NotificationSettings notify, NotificationRepository notifications, Messages messages) {
    ReadSide readSide = ReadSide.of(system);
    CassandraDeadlineRepository wakeUps = new CassandraDeadlineRepository(session(system), keyspace(config));
    OrderFollower deadlines = Deadlines.init(system, clock, wakeUps, rules, disputes,
        http.askTimeout(), DeadlineSettings.from(config), SettlementDeadlines.wakeUps(system, http.askTimeout()));
    SettlementDeadlines.init(system, wakeUps, clock, DeadlineSettings.from(config).lead(),
        SettlementSettings.from(config).warnAt());
    OrderFollower customers = Notifications.init(system, clock, notifications, messages,
        rules.paymentGrace(), http.askTimeout(), notify, orderId -> readSide.store().orderView(orderId)
            .thenApply(view -> view.map(ReadModelStore.Stored::state)
                .filter(order -> order.facts().invoice() != null)
                .map(order -> Contact.of(order.facts().invoice(), orderId))));
    ReadModelProjections.init(system, readSide.store(), readSide.kpis(),
        new ReadModelProjections.Grouping(config.getInt("payledger.read-side.group-size"),
            config.getDuration("payledger.read-side.group-within")),
        List.of(deadlines, customers, new CustomerEmails(readSide.session(), readSide.keyspace())));
    SettlementProjection.init(system, new CassandraSettlementStore(session(system), keyspace(config)));
    FraudProjections.init(system, FraudSettings.from(config), http.askTimeout(),
        config.getInt("payledger.read-side.group-size"), config.getDuration("payledger.read-side.group-within"));
    VendorShares.init(system, http.askTimeout());
    VendorCaseProjection.init(system, new CassandraVendorCaseList(session(system), keyspace(config)));
  }

  /** The embedded default's local SMTP sink, when configured: stops with the node. */
  private static void startSmtpSink(ActorSystem<Void> system, NotificationSettings notify) {
    if (notify.embeddedSmtp() != null) {
      EmbeddedSmtp sink = EmbeddedSmtp.start(notify.email().host(), notify.email().port(),
          notify.embeddedSmtp().imapPort());
      if (sink != null) {
        system.getWhenTerminated().thenRun(sink::close);
      }
    }
    SmsSink.startEmbedded(system, notify);
  }

  /** In dev and tests: the whole schema, before any entity or projection touches it. */
  private static void createSchema(ActorSystem<Void> system, Config config) throws Exception {
    int replication = config.getInt("pekko.persistence.cassandra.journal.replication-factor");
    Schema.create(session(system), keyspace(config), replication)
        .toCompletableFuture().get(180, TimeUnit.SECONDS);
  }

  private static CassandraSession session(ActorSystem<Void> system) {
    return CassandraSessionRegistry.get(system).sessionFor("pekko.persistence.cassandra");
  }

  private static String keyspace(Config config) {
    return config.getString("pekko.persistence.cassandra.journal.keyspace");
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
