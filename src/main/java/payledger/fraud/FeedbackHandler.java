package payledger.fraud;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.javadsl.Handler;
import payledger.dispute.DisputeCategory;
import payledger.dispute.DisputeEvent;
import payledger.metrics.LedgerMetrics;

/**
 * The fraud-feedback projection's handler over the dispute tags: a FRAUD case about an order
 * (opened by the rules or by support) is remembered by id, and its resolution's {@link Verdict}
 * goes onto the order's assessment, its review-queue row and the outcome rows of the rules that
 * flagged it. Idempotent: the same verdict written again changes nothing. The lag of the events it
 * acts on goes to {@code payledger_projection_lag_seconds}, like the other projections'.
 */
final class FeedbackHandler extends Handler<List<EventEnvelope<DisputeEvent>>> {

  private final RiskStore store;
  private final String projection;

  FeedbackHandler(RiskStore store, String projection) {
    this.store = store;
    this.projection = projection;
  }

  @Override
  public CompletionStage<Done> process(List<EventEnvelope<DisputeEvent>> envelopes) {
    CompletionStage<Done> chain = CompletableFuture.completedFuture(Done.getInstance());
    for (EventEnvelope<DisputeEvent> envelope : envelopes) {
      DisputeEvent event = envelope.event();
      if (event instanceof DisputeEvent.Opened o && o.details().category() == DisputeCategory.FRAUD
          && o.details().orderId() != null) {
        chain = chain.thenCompose(d -> store.caseOpened(o.disputeId(), o.details().orderId()))
            .thenApply(d -> lag(envelope));
      } else if (event instanceof DisputeEvent.Resolved r) {
        chain = chain.thenCompose(d -> Verdict.of(r.resolution())
            .map(verdict -> resolved(r, verdict))
            .orElseGet(() -> CompletableFuture.completedFuture(Done.getInstance())))
            .thenApply(d -> lag(envelope));
      }
    }
    return chain;
  }

  private Done lag(EventEnvelope<DisputeEvent> envelope) {
    LedgerMetrics.projectionLag(projection, envelope.timestamp());
    return Done.getInstance();
  }

  private CompletionStage<Done> resolved(DisputeEvent.Resolved r, Verdict verdict) {
    return store.caseOrder(r.disputeId()).thenCompose(order -> order.isEmpty()
        ? CompletableFuture.completedFuture(Done.getInstance())
        : store.assessment(order.get()).thenCompose(found -> {
          if (found.isEmpty() || found.get().flaggedAt() == null) {
            return CompletableFuture.completedFuture(Done.getInstance());
          }
          RiskAssessment before = found.get();
          return store.save(before, before.withVerdict(verdict, r.at()));
        }));
  }
}
