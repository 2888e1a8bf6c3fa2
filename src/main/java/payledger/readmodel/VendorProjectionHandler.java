package payledger.readmodel;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.LongStream;
import org.apache.pekko.Done;
import payledger.vendor.PayoutSettings;
import payledger.vendor.VendorEvent;
import payledger.vendor.VendorState;

/**
 * Folds a vendor's events into its ledger state ({@link VendorState#apply}, the entity's own event
 * handler) and writes the KPI facts of its payout periods that changed ({@link KpiFacts#of(VendorState,
 * PayoutSettings)}), then the fold. As for orders, the tag's KPI tallies ({@link KpiTallies}) take in
 * what the fold changed before the facts and the fold are written, so a crash between the two
 * leaves the vendor pending in the tallies, never counted twice.
 */
public final class VendorProjectionHandler extends FoldingHandler<VendorEvent, VendorState> {

  private final VendorViews views;
  private final KpiTallies tallies;
  private final PayoutSettings settings;

  /** @param tag the vendor tag this instance projects: it keeps that tag's KPI tallies */
  public VendorProjectionHandler(VendorViews views, KpiStore kpis, PayoutSettings settings,
      String projection, String tag) {
    super(projection);
    this.views = views;
    this.settings = settings;
    this.tallies = new KpiTallies(kpis, tag, KpiTagging.ofVendorTag(tag));
  }

  @Override
  public CompletionStage<Done> start() {
    tallies.reset();
    return super.start();
  }

  @Override
  protected String idOf(VendorEvent event) {
    return event.vendorId();
  }

  @Override
  protected CompletionStage<Optional<ReadModelStore.Stored<VendorState>>> load(String id) {
    return views.vendorView(id);
  }

  @Override
  protected VendorState empty(String id) {
    return VendorState.empty(id);
  }

  @Override
  protected VendorState apply(VendorState state, VendorEvent event) {
    return state.apply(event);
  }

  /** The events are taken to be the ones just below {@code seqNr} (as for orders). */
  @Override
  protected CompletionStage<Done> write(VendorState before, List<VendorEvent> events, VendorState after,
      long seqNr) {
    long from = seqNr - events.size();
    return writeStep(new Step<>(after.vendorId(), before, from, events,
        LongStream.rangeClosed(from + 1, seqNr).boxed().toList(), after, seqNr));
  }

  /** One vendor after the other: each step's tallies, then its facts and fold. */
  @Override
  protected CompletionStage<Done> writeGroup(List<Step<VendorEvent, VendorState>> steps) {
    CompletionStage<Done> chain = CompletableFuture.completedFuture(Done.getInstance());
    for (Step<VendorEvent, VendorState> s : steps) {
      chain = chain.thenCompose(d -> writeStep(s));
    }
    return chain;
  }

  private CompletionStage<Done> writeStep(Step<VendorEvent, VendorState> s) {
    List<KpiFact> after = KpiFacts.of(s.after(), settings);
    List<KpiFact> changed = KpiFacts.changed(KpiFacts.of(s.before(), settings), after);
    return tallies.update(held -> CompletableFuture.completedFuture(tally(s, after, held)))
        .thenCompose(done -> views.applyVendor(s.after(), changed, s.seqNr()))
        .whenComplete((done, failure) -> {
          if (failure == null) {
            tallies.written(Map.of(s.id(), s.seqNr()));
          } else {
            tallies.reset();
          }
        });
  }

  /** What the vendor's facts changed beyond what the tallies hold already. */
  private KpiTallies.Group tally(Step<VendorEvent, VendorState> s, List<KpiFact> after, KpiTallies.Tallied held) {
    long tallied = held.upTo(s.id(), s.fromSeqNr());
    if (tallied >= s.seqNr()) {
      return new KpiTallies.Group(Map.of(), Map.of());
    }
    VendorState from = s.before();
    for (int i = 0; i < s.events().size() && s.seqNrs().get(i) <= tallied; i++) {
      from = from.apply(s.events().get(i));
    }
    Map<KpiSummary.Key, KpiSummary.Change> delta = KpiSummary.delta(KpiFacts.of(from, settings), after);
    return delta.isEmpty() ? new KpiTallies.Group(Map.of(), Map.of())
        : new KpiTallies.Group(Map.of(s.id(), s.seqNr()), delta);
  }
}
