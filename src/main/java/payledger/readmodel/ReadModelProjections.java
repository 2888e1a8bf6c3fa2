package payledger.readmodel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.projection.ProjectionId;
import org.apache.pekko.projection.cassandra.javadsl.CassandraProjection;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.javadsl.Handler;
import payledger.dispute.Dispute;
import payledger.order.OrderLedger;
import payledger.projection.TagProjections;
import payledger.vendor.PayoutSettings;
import payledger.vendor.VendorLedger;

/**
 * The read-model projections: {@code readmodel-orders}, {@code readmodel-disputes} and
 * {@code readmodel-vendors} (the KPI facts of vendors' payout periods, where the store keeps vendor
 * folds: {@link VendorViews}), one
 * at-least-once Cassandra projection per tag under ShardedDaemonProcess (offsets in the service
 * keyspace). The order projection is the one pass over the order tags: its {@link OrderFollower}s
 * (notifications, deadlines) ride on it. Each instance keeps its tag's KPI tallies
 * ({@link KpiTallies}).
 */
public final class ReadModelProjections {

  public static final String ORDERS = "readmodel-orders";
  public static final String DISPUTES = "readmodel-disputes";
  public static final String VENDORS = "readmodel-vendors";

  private ReadModelProjections() {}

  /** Events are handed to the handlers in groups of up to {@code size}, or what came within {@code within}. */
  public record Grouping(int size, Duration within) {}

  public static void init(ActorSystem<?> system, ReadModelStore store, KpiStore kpis,
      Grouping grouping, List<OrderFollower> followers) {
    project(system, ORDERS, OrderLedger.TAGS,
        tag -> new OrderProjectionHandler(store, kpis, ORDERS, tag, followers), grouping);
    project(system, DISPUTES, Dispute.TAGS,
        tag -> new DisputeProjectionHandler(store, kpis, DISPUTES, tag), grouping);
    if (store instanceof VendorViews views) {
      PayoutSettings payouts = PayoutSettings.from(system.settings().config());
      project(system, VENDORS, VendorLedger.TAGS,
          tag -> new VendorProjectionHandler(views, kpis, payouts, VENDORS, tag), grouping);
    }
  }

  /** Every tag whose read-model projection keeps KPI tallies. */
  public static List<String> tags() {
    List<String> tags = new ArrayList<>(OrderLedger.TAGS);
    tags.addAll(Dispute.TAGS);
    tags.addAll(VendorLedger.TAGS);
    return tags;
  }

  /** Every projection instance of the read models, by tag. */
  public static List<ProjectionId> ids() {
    List<ProjectionId> ids = new ArrayList<>();
    OrderLedger.TAGS.forEach(tag -> ids.add(ProjectionId.of(ORDERS, tag)));
    Dispute.TAGS.forEach(tag -> ids.add(ProjectionId.of(DISPUTES, tag)));
    VendorLedger.TAGS.forEach(tag -> ids.add(ProjectionId.of(VENDORS, tag)));
    return ids;
  }

  private static <E> void project(ActorSystem<?> system, String name, List<String> tags,
      Function<String, Handler<List<EventEnvelope<E>>>> handler, Grouping grouping) {
    TagProjections.<E>init(system, name, tags,
        (id, source) -> CassandraProjection.groupedWithin(id, source, () -> handler.apply(id.key()))
            .withGroup(grouping.size(), grouping.within()));
  }

}
