package payledger.readmodel;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import payledger.order.OrderEvent;
import payledger.order.OrderState;

/**
 * Folds order events into the order's state and writes what changed ({@link OrderReadModel}) for
 * the whole group at once, after its {@link OrderFollower}s have done their part of the same pass.
 */
public final class OrderProjectionHandler extends FoldingHandler<OrderEvent, OrderState> {

  private final ReadModelStore store;
  private final List<OrderFollower> followers;

  public OrderProjectionHandler(ReadModelStore store, String projection, List<OrderFollower> followers) {
    super(projection);
    this.store = store;
    this.followers = List.copyOf(followers);
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
  protected CompletionStage<Done> write(OrderState before, List<OrderEvent> events,
      OrderState after, long seqNr) {
    return writeGroup(List.of(new Step<>(after.orderId(), before, 0L, events, after, seqNr)));
  }

  /** The followers' part for the group, then the group's rows and folds. */
  @Override
  protected CompletionStage<Done> writeGroup(List<Step<OrderEvent, OrderState>> steps) {
    List<OrderFollower.Change> changes = steps.stream()
        .map(s -> new OrderFollower.Change(s.before(), s.events(), s.after())).toList();
    CompletableFuture<?>[] followed = followers.stream()
        .map(f -> f.follow(changes).toCompletableFuture())
        .toArray(CompletableFuture[]::new);
    List<ReadModelStore.OrderWrite> writes = steps.stream()
        .map(s -> new ReadModelStore.OrderWrite(OrderReadModel.between(s.before(), s.after()), s.seqNr()))
        .toList();
    return CompletableFuture.allOf(followed).thenCompose(done -> store.applyOrders(writes));
  }
}
