package payledger.settlement;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSession;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSessionRegistry;

/**
 * A node's settlement pieces on the journal's Cassandra session: the store, the importer, the
 * reconciliation run, which raises its findings in their payout batches, and the background jobs
 * that stage and reconcile accepted uploads.
 */
public record Settlements(SettlementSettings settings, SettlementStore store, SettlementImport importer,
    SettlementReconciliation reconciliation, ImportJobs jobs) {

  /** Made on first use: nodes without a read side (in-memory tests) never open a session for it. */
  public static Supplier<Settlements> lazy(ActorSystem<?> system, Clock clock, Duration askTimeout) {
    AtomicReference<Settlements> made = new AtomicReference<>();
    return () -> made.updateAndGet(existing -> existing != null ? existing : of(system, clock, askTimeout));
  }

  public static Settlements of(ActorSystem<?> system, Clock clock, Duration askTimeout) {
    SettlementSettings settings = SettlementSettings.from(system.settings().config());
    CassandraSession session =
        CassandraSessionRegistry.get(system).sessionFor("pekko.persistence.cassandra");
    SettlementStore store = new CassandraSettlementStore(session, settings.keyspace());
    SettlementBatchClient batches = new SettlementBatchClient(ClusterSharding.get(system), askTimeout);
    SettlementImport importer = new SettlementImport(store, clock, settings.writesInFlight());
    SettlementReconciliation reconciliation = new SettlementReconciliation(store, batches, settings, clock, system);
    ImportJobs jobs = new ImportJobs(importer, store, reconciliation, settings.spoolDir(),
        system.dispatchers().lookup(DispatcherSelector.blocking()),
        () -> system.getWhenTerminated().toCompletableFuture().isDone()
            || CoordinatedShutdown.get(system).getShutdownReason().isPresent());
    return new Settlements(settings, store, importer, reconciliation, jobs);
  }
}
