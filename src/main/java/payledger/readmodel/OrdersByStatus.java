package payledger.readmodel;

import java.time.Instant;
import java.util.Comparator;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSession;
import org.apache.pekko.stream.javadsl.Source;

/**
 * The orders listed under a status in a range of time ({@link ReadModelRows#ORDERS_BY_STATUS}), as
 * a stream in the list's order, {@code (at, order_id)}: hour after hour, the {@link Shards} of each
 * hour read as they page in and merged. What the payment grace's scan reads
 * ({@code payledger.sla.CassandraUnpaidOrders}).
 */
public final class OrdersByStatus {

  public record Listed(String orderId, Instant at) {}

  private static final Comparator<Listed> ORDER =
      Comparator.comparing(Listed::at).thenComparing(Listed::orderId);

  private final CassandraSession session;
  private final String keyspace;

  public OrdersByStatus(CassandraSession session, String keyspace) {
    this.session = session;
    this.keyspace = keyspace;
  }

  /** The orders listed under {@code status} with a time in {@code (after, upTo]}, in order. */
  public Source<Listed, NotUsed> listed(String status, Instant after, Instant upTo) {
    return Source.from(Days.hours(after, upTo)).flatMapConcat(hour -> {
      Source<Listed, NotUsed> merged = shard(status, hour, 0, after, upTo);
      for (int shard = 1; shard < Shards.COUNT; shard++) {
        merged = merged.mergeSorted(shard(status, hour, shard, after, upTo), ORDER);
      }
      return merged;
    });
  }

  private Source<Listed, NotUsed> shard(String status, String hour, int shard, Instant after,
      Instant upTo) {
    return session.select("SELECT at, order_id FROM " + keyspace + "." + ReadModelRows.ORDERS_BY_STATUS
                + " WHERE status = ? AND hour = ? AND shard = ? AND at > ? AND at <= ?",
            status, hour, shard, after, upTo)
        .map(row -> new Listed(row.getString("order_id"), row.getInstant("at")));
  }
}
