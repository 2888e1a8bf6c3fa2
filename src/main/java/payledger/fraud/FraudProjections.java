package payledger.fraud;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.projection.cassandra.javadsl.CassandraProjection;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSessionRegistry;
import payledger.dispute.CaseOpening;
import payledger.dispute.Dispute;
import payledger.dispute.DisputeClient;
import payledger.dispute.DisputeEvent;
import payledger.order.OrderClient;
import payledger.order.OrderEvent;
import payledger.order.OrderLedger;
import payledger.projection.TagProjections;

/**
 * Fraud and anomaly monitoring on the read side: {@code fraud-risk}, a projection of its own over
 * the order tags (its own offsets, never on the write path) that assesses every payment, and
 * {@code fraud-feedback} over the dispute tags, which records the verdicts of FRAUD cases. Both are
 * at-least-once Cassandra projections, one instance per tag, grouped like the read models.
 */
public final class FraudProjections {

  public static final String RISK = "fraud-risk";
  public static final String FEEDBACK = "fraud-feedback";

  private FraudProjections() {}

  /** Starts both projections on this node's share of the tags. */
  public static void init(ActorSystem<?> system, FraudSettings settings, Duration askTimeout,
      int groupSize, Duration groupWithin) {
    RiskStore store = store(system, settings);
    ClusterSharding sharding = ClusterSharding.get(system);
    DisputeClient disputes = new DisputeClient(sharding, askTimeout);
    FraudCases cases = new FraudCases(
        new CaseOpening(disputes, new OrderClient(sharding, askTimeout)), disputes);
    RiskAssessor assessor = new RiskAssessor(settings);
    TagProjections.<OrderEvent>init(system, RISK, OrderLedger.TAGS, (id, source) ->
        CassandraProjection.groupedWithin(id, source,
                () -> new RiskProjectionHandler(store, assessor, cases, RISK))
            .withGroup(groupSize, groupWithin));
    TagProjections.<DisputeEvent>init(system, FEEDBACK, Dispute.TAGS, (id, source) ->
        CassandraProjection.groupedWithin(id, source, () -> new FeedbackHandler(store, FEEDBACK))
            .withGroup(groupSize, groupWithin));
  }

  /**
   * The fraud tables, opened on first use: a node that never reads them (in-memory tests) never
   * opens a session for them. The API's risk reads (the order view, the review queue) share one.
   */
  public static Supplier<RiskStore> lazyStore(ActorSystem<?> system, FraudSettings settings) {
    AtomicReference<RiskStore> made = new AtomicReference<>();
    return () -> made.updateAndGet(existing -> existing != null ? existing : store(system, settings));
  }

  /** The fraud tables on the journal's session and keyspace. */
  public static RiskStore store(ActorSystem<?> system, FraudSettings settings) {
    return new CassandraRiskStore(
        CassandraSessionRegistry.get(system).sessionFor("pekko.persistence.cassandra"),
        system.settings().config().getString("pekko.persistence.cassandra.journal.keyspace"),
        settings.historyTtl());
  }
}
