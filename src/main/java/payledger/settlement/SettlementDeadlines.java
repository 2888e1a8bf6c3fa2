package payledger.settlement;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.projection.cassandra.javadsl.CassandraProjection;
import payledger.projection.TagProjections;
import payledger.sla.Deadline;
import payledger.sla.DeadlineProjectionHandler;
import payledger.sla.DeadlineScheduler;
import payledger.sla.DeadlineRepository;

/**
 * The settlement findings' wake-ups on the service's one deadline mechanism ({@code sla/}): the
 * {@code deadlines-settlement-batches} projection (one instance per batch tag) writes both
 * moments of each raised finding ({@link FindingSla#wakeUps}) to the deadlines table; the
 * deadline scheduler delivers them to the batch through {@link SettlementBatchClient#deadlineReached}
 * (registered under {@link SettlementBatch#ENTITY_KEY} in {@code Service}). A wake-up for a
 * finding resolved meanwhile finds nothing due: the batch journals nothing.
 */
public final class SettlementDeadlines {

  private SettlementDeadlines() {}

  /** The scheduler's delivery of the batches' wake-ups, by entity type name. */
  public static Map<String, DeadlineScheduler.WakeUp> wakeUps(ActorSystem<?> system, Duration askTimeout) {
    SettlementBatchClient batches = new SettlementBatchClient(ClusterSharding.get(system), askTimeout);
    return Map.of(SettlementBatch.ENTITY_KEY.name(), d -> batches.deadlineReached(d.entityId()));
  }

  /** Starts the projection that writes the findings' wake-ups to the deadlines table. */
  public static void init(ActorSystem<?> system, DeadlineRepository repository, Clock clock,
      Duration lead, double warnAt) {
    TagProjections.<BatchEvent>init(system, "deadlines-settlement-batches", SettlementBatch.TAGS,
        (id, source) -> CassandraProjection.atLeastOnce(id, source,
            () -> new DeadlineProjectionHandler<BatchEvent>(repository, clock, lead, e ->
                e instanceof BatchEvent.FindingRaised raised
                    ? FindingSla.wakeUps(raised.finding(), warnAt).stream()
                        .map(at -> new Deadline(SettlementBatch.ENTITY_KEY.name(), e.batchKey(), at)).toList()
                    : java.util.List.of())));
  }
}
