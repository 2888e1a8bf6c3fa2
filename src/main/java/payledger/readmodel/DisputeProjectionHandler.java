package payledger.readmodel;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import payledger.dispute.DisputeCase;
import payledger.dispute.DisputeEvent;

/**
 * As {@link OrderProjectionHandler}, for cases. Each write also reads the case's order's payment
 * method and gateway, so a case first seen before its order's payment is attributed correctly by
 * its next event; hence a write per event, not per group (cases are few next to payments).
 */
public final class DisputeProjectionHandler extends FoldingHandler<DisputeEvent, DisputeCase> {

  private final ReadModelStore store;

  public DisputeProjectionHandler(ReadModelStore store, String projection) {
    super(projection);
    this.store = store;
  }

  @Override
  protected boolean writeEachEvent() {
    return true;
  }

  @Override
  protected String idOf(DisputeEvent event) {
    return event.disputeId();
  }

  @Override
  protected CompletionStage<Optional<ReadModelStore.Stored<DisputeCase>>> load(String id) {
    return store.disputeView(id);
  }

  @Override
  protected DisputeCase empty(String id) {
    return DisputeCase.empty(id);
  }

  @Override
  protected DisputeCase apply(DisputeCase state, DisputeEvent event) {
    return state.apply(event);
  }

  @Override
  protected CompletionStage<Done> write(DisputeCase before, List<DisputeEvent> events,
      DisputeCase after, long seqNr) {
    String orderId = after.isOpened() ? after.details().orderId() : null;
    return store.orderDims(orderId).thenCompose(dims -> store.applyDispute(
        DisputeReadModel.between(before, after, dims.method(), dims.gateway()), seqNr));
  }
}
