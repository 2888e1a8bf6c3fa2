package payledger.readmodel;

import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import payledger.order.OrderEvent;
import payledger.order.OrderState;

/** Folds order events into the order's state and writes what changed ({@link OrderReadModel}). */
public final class OrderProjectionHandler extends FoldingHandler<OrderEvent, OrderState> {

  private final ReadModelStore store;

  public OrderProjectionHandler(ReadModelStore store, String projection) {
    super(projection);
    this.store = store;
  }

  @Override
  protected String idOf(OrderEvent event) {
    return event.orderId();
  }

  @Override
  protected CompletionStage<Optional<ReadModelStore.Stored<OrderState>>> load(String id) {
    return store.orderView(id);
  }

  @Override
  protected OrderState empty(String id) {
    return OrderState.empty(id);
  }

  @Override
  protected OrderState apply(OrderState state, OrderEvent event) {
    return state.apply(event);
  }

  @Override
  protected CompletionStage<Done> write(OrderState before, OrderState after, long seqNr) {
    return store.applyOrder(OrderReadModel.between(before, after), seqNr);
  }
}
