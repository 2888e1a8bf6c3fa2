package payledger.sla;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.projection.cassandra.javadsl.CassandraProjection;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSession;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSessionRegistry;
import payledger.dispute.Dispute;
import payledger.dispute.DisputeClient;
import payledger.dispute.DisputeEvent;
import payledger.dispute.DisputeSettings;
import payledger.dispute.DisputeSla;
import payledger.order.OrderClient;
import payledger.order.OrderLedger;
import payledger.order.ReconciliationSettings;
import payledger.projection.ReadSideNodes;
import payledger.projection.TagProjections;
import payledger.readmodel.OrderFollower;
import payledger.vendor.PayoutMatching;
import payledger.vendor.PayoutSettings;
import payledger.vendor.VendorClient;
import payledger.vendor.VendorEvent;
import payledger.vendor.VendorLedger;

/**
 * The one durable deadline mechanism of the service: the wake-ups entities ask for are written to
 * the deadlines table by a projection — the order projection's pass for orders
 * ({@link OrderDeadlines}), one instance per case tag (under ShardedDaemonProcess) for cases — and
 * a cluster singleton {@link DeadlineScheduler} delivers them. The payment grace of orders awaiting
 * payment has no rows: a second singleton, {@link PaymentGraceScan}, finds those orders in the
 * order list by status and wakes them with the same command.
 */
public final class Deadlines {

  private Deadlines() {}

  /**
   * Starts the case deadlines projection and the scheduler, and returns what writes the orders'
   * wake-ups on the order projection's pass.
   *
   * @param others the wake-ups of other entity types by their type name (settlement batches),
   *     whose rows their own packages' projections write
   */
  public static OrderFollower init(ActorSystem<?> system, Clock clock, DeadlineRepository repository,
      ReconciliationSettings rules, DisputeSettings disputes, Duration askTimeout,
      DeadlineSettings settings, Map<String, DeadlineScheduler.WakeUp> others) {
    Duration lead = settings.lead();
    project(system, "deadlines-disputes", Dispute.TAGS, repository, clock, lead,
        (DisputeEvent e) -> DisputeSla.wakeUps(e, disputes).stream()
            .map(at -> new Deadline(Dispute.ENTITY_KEY.name(), e.disputeId(), at)).toList());
    PayoutSettings payouts = PayoutSettings.from(system.settings().config());
    project(system, "deadlines-vendors", VendorLedger.TAGS, repository, clock, lead,
        (VendorEvent e) -> PayoutMatching.wakeUps(e, payouts).stream()
            .map(at -> new Deadline(VendorLedger.ENTITY_KEY.name(), e.vendorId(), at)).toList());

    ClusterSharding sharding = ClusterSharding.get(system);
    DisputeClient cases = new DisputeClient(sharding, askTimeout);
    OrderClient orders = new OrderClient(sharding, askTimeout);
    VendorClient vendors = new VendorClient(sharding, askTimeout);
    DeadlineScheduler.WakeUp wakeUp = d -> d.entityType().equals(Dispute.ENTITY_KEY.name())
        ? cases.deadlineReached(d.entityId())
        : d.entityType().equals(OrderLedger.ENTITY_KEY.name())
            ? orders.deadlineReached(d.entityId())
            : d.entityType().equals(VendorLedger.ENTITY_KEY.name())
                ? vendors.deadlineReached(d.entityId())
            : others.containsKey(d.entityType()) ? others.get(d.entityType()).deliver(d)
            : CompletableFuture.failedFuture(new IllegalArgumentException("unknown " + d.entityType()));
    ReadSideNodes.singleton(system,
        DeadlineScheduler.create(repository, clock, wakeUp, settings.scheduler()),
        "deadline-scheduler");
    CassandraSession session =
        CassandraSessionRegistry.get(system).sessionFor("pekko.persistence.cassandra");
    String keyspace =
        system.settings().config().getString("pekko.persistence.cassandra.journal.keyspace");
    ReadSideNodes.singleton(system, PaymentGraceScan.create(
            new CassandraUnpaidOrders(session, keyspace), new OrderProjectionProgress(system),
            clock, Clock.systemUTC(), wakeUp, new PaymentGraceScan.Settings(
                settings.paymentGraceInterval(), rules.paymentGrace(), lead,
                settings.scheduler().parallelism(), settings.scheduler().start())),
        "deadline-payment-grace");
    return new OrderDeadlines(repository, rules, clock, lead);
  }

  private static <E> void project(ActorSystem<?> system, String name, List<String> tags,
      DeadlineRepository repository, Clock clock, Duration lead, Function<E, List<Deadline>> wakeUps) {
    TagProjections.<E>init(system, name, tags, (id, source) -> CassandraProjection.atLeastOnce(
        id, source, () -> new DeadlineProjectionHandler<>(repository, clock, lead, wakeUps)));
  }

}
