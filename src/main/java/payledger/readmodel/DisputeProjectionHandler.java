package payledger.readmodel;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.javadsl.Handler;
import payledger.dispute.DisputeCase;
import payledger.dispute.DisputeEvent;
import payledger.metrics.LedgerMetrics;

/**
 * As {@link OrderProjectionHandler}, for cases. Each event also reads the case's order's payment
 * method and gateway, so a case first seen before its order's payment is attributed correctly by
 * its next event.
 */
public final class DisputeProjectionHandler extends Handler<EventEnvelope<DisputeEvent>> {

  private final ReadModelStore store;
  private final String projection;
  private final Folds<DisputeCase> folds = new Folds<>(10_000);

  public DisputeProjectionHandler(ReadModelStore store, String projection) {
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
  public CompletionStage<Done> process(EventEnvelope<DisputeEvent> envelope) {
    DisputeEvent event = envelope.event();
    String id = event.disputeId();
    return fold(id).thenCompose(fold -> {
      if (envelope.sequenceNr() <= fold.seqNr()) {
        return CompletableFuture.completedFuture(Done.getInstance());
      }
      DisputeCase after = fold.state().apply(event);
      String orderId = after.isOpened() ? after.details().orderId() : null;
      return store.orderDims(orderId).thenCompose(dims -> {
        DisputeReadModel.Changes changes =
            DisputeReadModel.changes(fold.state(), event, dims.method(), dims.gateway());
        return store.applyDispute(changes, envelope.sequenceNr()).thenApply(done -> {
          folds.put(id, new ReadModelStore.Stored<>(envelope.sequenceNr(), changes.after()));
          LedgerMetrics.projectionLag(projection, envelope.timestamp());
          return done;
        });
      });
    }).whenComplete((done, failure) -> {
      if (failure != null) {
        folds.clear();
      }
    });
  }

  private CompletionStage<ReadModelStore.Stored<DisputeCase>> fold(String id) {
    ReadModelStore.Stored<DisputeCase> cached = folds.get(id);
    if (cached != null) {
      return CompletableFuture.completedFuture(cached);
    }
    return store.disputeView(id).thenApply(stored ->
        stored.orElseGet(() -> new ReadModelStore.Stored<>(0L, DisputeCase.empty(id))));
  }
}
