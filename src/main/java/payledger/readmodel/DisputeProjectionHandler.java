package payledger.readmodel;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import payledger.dispute.DisputeCase;
import payledger.dispute.DisputeEvent;

/**
 * As {@link OrderProjectionHandler}, for cases. Each write also reads the case's order's payment
 * method and gateway, so a case first seen before its order's payment is attributed correctly by
 * its next event; hence a write per event, not per group (cases are few next to payments).
 *
 * <p>The tag's KPI tallies ({@link KpiTallies}) take in the change from the case's stored fact (as
 * last counted, with the attribution it then had) to its fact now, before the fact is rewritten.
 */
public final class DisputeProjectionHandler extends FoldingHandler<DisputeEvent, DisputeCase> {

  private final ReadModelStore store;
  private final KpiStore kpis;
  private final KpiTallies tallies;

  /** @param tag the dispute tag this instance projects: it keeps that tag's KPI tallies */
  public DisputeProjectionHandler(ReadModelStore store, KpiStore kpis, String projection, String tag) {
    super(projection);
    this.store = store;
    this.kpis = kpis;
    this.tallies = new KpiTallies(kpis, tag, KpiTagging.ofDisputeTag(tag));
  }

  @Override
  public CompletionStage<Done> start() {
    tallies.reset();
    return super.start();
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
    return store.orderDims(orderId)
        .thenCompose(dims -> {
          DisputeReadModel.Changes changes = DisputeReadModel.between(before, after, dims.method(), dims.gateway());
          return tallies.update(held -> tally(after.disputeId(), changes.facts(), seqNr, held))
              .thenCompose(done -> store.applyDispute(changes, seqNr));
        })
        .whenComplete((done, failure) -> {
          if (failure == null) {
            tallies.written(Map.of(after.disputeId(), seqNr));
          } else {
            tallies.reset();
          }
        });
  }

  /** The change from the case's stored fact to its fact now, unless the tallies hold it already. */
  private CompletionStage<KpiTallies.Group> tally(String disputeId, List<KpiFact> facts, long seqNr,
      KpiTallies.Tallied held) {
    if (facts.isEmpty() || held.upTo(disputeId, 0L) >= seqNr) {
      return CompletableFuture.completedFuture(new KpiTallies.Group(Map.of(), Map.of()));
    }
    KpiFact now = facts.get(0);
    return kpis.fact(now.day(), now.shard(), now.kind(), now.itemId()).thenApply(stored ->
        new KpiTallies.Group(Map.of(disputeId, seqNr), KpiSummary.delta(stored.map(List::of).orElse(List.of()), facts)));
  }
}
