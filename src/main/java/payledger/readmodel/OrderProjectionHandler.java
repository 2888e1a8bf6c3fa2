package payledger.readmodel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.LongStream;
import org.apache.pekko.Done;
import payledger.order.OrderEvent;
import payledger.order.OrderState;

/**
 * Folds order events into the order's state and writes what changed ({@link OrderReadModel}) for
 * the whole group at once, after its {@link OrderFollower}s have done their part of the same pass
 * and the tag's KPI tallies have taken in what the group's folds changed ({@link KpiTallies}).
 */
public final class OrderProjectionHandler extends FoldingHandler<OrderEvent, OrderState> {

  private final ReadModelStore store;
  private final KpiTallies tallies;
  private final List<OrderFollower> followers;

  /** @param tag the order tag this instance projects: it keeps that tag's KPI tallies */
  public OrderProjectionHandler(ReadModelStore store, KpiStore kpis, String projection, String tag,
      List<OrderFollower> followers) {
    super(projection);
    this.store = store;
    this.tallies = new KpiTallies(kpis, tag, KpiTagging.ofOrderTag(tag));
    this.followers = List.copyOf(followers);
  }

  @Override
  public CompletionStage<Done> start() {
    tallies.reset();
    return super.start();
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

  /** The events are taken to be the ones just below {@code seqNr}. */
  @Override
  protected CompletionStage<Done> write(OrderState before, List<OrderEvent> events,
      OrderState after, long seqNr) {
    long from = seqNr - events.size();
    return writeGroup(List.of(new Step<>(after.orderId(), before, from, events,
        LongStream.rangeClosed(from + 1, seqNr).boxed().toList(), after, seqNr)));
  }

  /**
   * The followers' part and the KPI tallies' batch for the group, then the group's rows and
   * folds: the tallies are written before the folds, so a crash between the two leaves the items
   * pending in the tallies, never counted twice.
   */
  @Override
  protected CompletionStage<Done> writeGroup(List<Step<OrderEvent, OrderState>> steps) {
    List<OrderFollower.Change> changes = steps.stream()
        .map(s -> new OrderFollower.Change(s.before(), s.events(), s.after())).toList();
    CompletableFuture<?>[] followed = followers.stream()
        .map(f -> f.follow(changes).toCompletableFuture())
        .toArray(CompletableFuture[]::new);
    CompletableFuture<Done> tallied = tallies.update(held -> CompletableFuture.completedFuture(tally(steps, held)))
        .toCompletableFuture();
    List<ReadModelStore.OrderWrite> writes = steps.stream()
        .map(s -> new ReadModelStore.OrderWrite(OrderReadModel.between(s.before(), s.after()), s.seqNr()))
        .toList();
    Map<String, Long> folds = new LinkedHashMap<>();
    steps.forEach(s -> folds.put(s.id(), s.seqNr()));
    return CompletableFuture.allOf(followed).thenCombine(tallied, (a, b) -> Done.getInstance())
        .thenCompose(done -> store.applyOrders(writes))
        .whenComplete((done, failure) -> {
          if (failure == null) {
            tallies.written(folds);
          } else {
            tallies.reset();
          }
        });
  }

  /** Adds to the tallies what each order's facts changed beyond what they hold already. */
  private static KpiTallies.Group tally(List<Step<OrderEvent, OrderState>> steps, KpiTallies.Tallied held) {
    Map<String, Long> items = new LinkedHashMap<>();
    Map<KpiSummary.Key, KpiSummary.Change> changes = new LinkedHashMap<>();
    for (Step<OrderEvent, OrderState> s : steps) {
      long tallied = held.upTo(s.id(), s.fromSeqNr());
      if (tallied >= s.seqNr()) {
        continue;
      }
      OrderState from = s.before();
      for (int i = 0; i < s.events().size() && s.seqNrs().get(i) <= tallied; i++) {
        from = from.apply(s.events().get(i));
      }
      Map<KpiSummary.Key, KpiSummary.Change> delta = KpiSummary.delta(KpiFacts.of(from), KpiFacts.of(s.after()));
      if (!delta.isEmpty()) {
        items.put(s.id(), s.seqNr());
        delta.forEach((key, change) -> changes.merge(key, change, KpiSummary::merge));
      }
    }
    return new KpiTallies.Group(items, changes);
  }
}
