package payledger.readmodel;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.javadsl.Handler;
import payledger.metrics.LedgerMetrics;
import payledger.order.OrderEvent;
import payledger.order.OrderState;

/**
 * Folds each order event into the order's state and writes what changed
 * ({@link OrderReadModel#changes}). At-least-once: an event at or below the stored fold's sequence
 * number was applied already and is skipped; one above it is applied, and every write is an
 * idempotent upsert, so a failure half-way is repaired by the redelivery.
 */
public final class OrderProjectionHandler extends Handler<EventEnvelope<OrderEvent>> {

  private final ReadModelStore store;
  private final String projection;
  private final Folds<OrderState> folds = new Folds<>(10_000);

  public OrderProjectionHandler(ReadModelStore store, String projection) {
    this.store = store;
    this.projection = projection;
  }

  /** A (re)started projection may follow a rebuild: trust only what is in Cassandra. */
  @Override
  public CompletionStage<Done> start() {
    folds.clear();
    return CompletableFuture.completedFuture(Done.getInstance());
  }

  @Override
  public CompletionStage<Done> process(EventEnvelope<OrderEvent> envelope) {
    OrderEvent event = envelope.event();
    String id = event.orderId();
    return fold(id).thenCompose(fold -> {
      if (envelope.sequenceNr() <= fold.seqNr()) {
        return CompletableFuture.completedFuture(Done.getInstance());
      }
      OrderReadModel.Changes changes = OrderReadModel.changes(fold.state(), event);
      return store.applyOrder(changes, envelope.sequenceNr()).thenApply(done -> {
        folds.put(id, new ReadModelStore.Stored<>(envelope.sequenceNr(), changes.after()));
        LedgerMetrics.projectionLag(projection, envelope.timestamp());
        return done;
      });
    }).whenComplete((done, failure) -> {
      if (failure != null) {
        folds.clear(); // the restarted stream redelivers; re-read what was really written
      }
    });
  }

  private CompletionStage<ReadModelStore.Stored<OrderState>> fold(String id) {
    ReadModelStore.Stored<OrderState> cached = folds.get(id);
    if (cached != null) {
      return CompletableFuture.completedFuture(cached);
    }
    return store.orderView(id).thenApply(stored ->
        stored.orElseGet(() -> new ReadModelStore.Stored<>(0L, OrderState.empty(id))));
  }
}
