package payledger.sla;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSession;
import org.apache.pekko.stream.javadsl.Source;
import payledger.order.OrderStatus;
import payledger.readmodel.OrdersByStatus;

/**
 * {@link UnpaidOrders} on the order projection's list by status and hour of registration (a time
 * range of each hour's AWAITING_PAYMENT shards, paged and merged: {@link OrdersByStatus}) and one row of the scheduler's table,
 * {@code deadline_scheduler}, named {@value #NAME}: the registration time scanned up to.
 */
public final class CassandraUnpaidOrders implements UnpaidOrders {

  static final String NAME = "payment-grace";

  private final CassandraSession session;
  private final String keyspace;

  public CassandraUnpaidOrders(CassandraSession session, String keyspace) {
    this.session = session;
    this.keyspace = keyspace;
  }

  @Override
  public Source<Unpaid, NotUsed> registered(Instant after, Instant upTo) {
    return new OrdersByStatus(session, keyspace).listed(OrderStatus.AWAITING_PAYMENT.name(), after, upTo)
        .map(order -> new Unpaid(order.orderId(), order.at()));
  }

  @Override
  public CompletionStage<Optional<Instant>> scanned() {
    return session.selectOne(
            "SELECT watermark FROM " + keyspace + ".deadline_scheduler WHERE name = ?", NAME)
        .thenApply(row -> row.map(r -> r.getInstant("watermark")));
  }

  @Override
  public CompletionStage<Done> saveScanned(Instant upTo) {
    return session.executeWrite(
        "INSERT INTO " + keyspace + ".deadline_scheduler (name, watermark) VALUES (?, ?)",
        NAME, upTo);
  }
}
