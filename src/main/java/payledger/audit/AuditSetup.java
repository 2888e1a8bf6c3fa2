package payledger.audit;

import com.typesafe.config.Config;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSessionRegistry;
import payledger.dispute.DisputeEvent;
import payledger.dispute.DisputeSettings;
import payledger.dispute.DisputeSla;
import payledger.order.OrderState;
import payledger.order.ReconciliationSettings;
import payledger.order.WakeUp;

/**
 * The audit of a running service node: which comparisons verification makes, and which it cannot
 * make yet. A read model joins by adding its {@link EntityCheck} here and leaving
 * {@link #NOT_COMPARED}.
 */
public final class AuditSetup {

  /** Read models verification does not compare with the journal yet. */
  static final List<String> NOT_COMPARED = List.of(
      "KPI daily summaries and notifications: not compared (derived from facts and the outbox)");

  private AuditSetup() {}

  /** Empty when the journal is not Cassandra (the in-memory journal of some tests). */
  public static Optional<Audit> forService(ActorSystem<?> system, AuditSettings settings,
      Clock clock, ReconciliationSettings rules, DisputeSettings disputes, Duration askTimeout) {
    if (!settings.journalOnCassandra()) {
      return Optional.empty();
    }
    List<EntityCheck> checks = new ArrayList<>();
    checks.add(new LiveStateCheck(ClusterSharding.get(system), askTimeout));
    List<String> notCompared = new ArrayList<>(NOT_COMPARED);
    if (settings.readSideOn()) {
      checks.add(deadlines(system, settings, clock, rules, disputes));
    } else {
      notCompared.add("deadlines table: the read side is off on this node");
    }
    return Optional.of(Audit.create(system, settings, checks, notCompared));
  }

  /**
   * For the command-line tool, outside the cluster: no live entity to compare with. Its
   * configuration is read here, the tool having no service to read it.
   */
  public static Audit offline(ActorSystem<?> system, Config config) {
    AuditSettings settings = AuditSettings.from(config);
    List<String> notCompared = new ArrayList<>(NOT_COMPARED);
    notCompared.add("live entity state: the tool runs outside the cluster (use --url)");
    return Audit.create(system, settings, List.of(deadlines(system, settings, Clock.systemUTC(),
        ReconciliationSettings.from(config), DisputeSettings.from(config))), notCompared);
  }

  private static DeadlineCheck deadlines(ActorSystem<?> system, AuditSettings settings,
      Clock clock, ReconciliationSettings rules, DisputeSettings disputes) {
    Map<String, Function<VerifiedEntity<?, ?>, List<Instant>>> wakeUps = Map.of(
        AuditedEntity.ORDERS.entityType(),
        v -> WakeUp.row((OrderState) v.state(), rules).stream().toList(),
        AuditedEntity.DISPUTES.entityType(),
        DeadlineCheck.perEvent(e -> DisputeSla.wakeUps((DisputeEvent) e, disputes)));
    return new DeadlineCheck(
        CassandraSessionRegistry.get(system).sessionFor("pekko.persistence.cassandra"),
        settings.keyspace(), clock, settings.projectionLag(), wakeUps);
  }
}
