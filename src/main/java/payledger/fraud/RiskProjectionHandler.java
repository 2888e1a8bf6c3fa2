package payledger.fraud;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.javadsl.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import payledger.metrics.LedgerMetrics;
import payledger.order.OrderEvent;
import payledger.order.PaymentEvent;

/**
 * The fraud-risk projection's handler over the order tags: every payment event through the rules
 * ({@link RiskAssessor}) against its customer's, card's and email's short histories, into its
 * order's assessment; a rule that newly fires on an order raises a metric and an alert line, and
 * an order past the case score gets its FRAUD case ({@link FraudCases}).
 *
 * <p>A group's events are taken one after the other (a customer's payments of one group see each
 * other), each with one round of reads (the order's assessment, then up to three histories at
 * once) and one round of writes (the payment into up to three histories and the assessment, and
 * when flagged its queue and rule rows). At-least-once: the histories and rows are upserts keyed by
 * event and order, the rules ignore the event itself and anything after it in a history, a reason
 * is kept once per order, and the case id is derived from the order.
 */
final class RiskProjectionHandler extends Handler<List<EventEnvelope<OrderEvent>>> {

  private static final Logger alerts = LoggerFactory.getLogger("payledger.alerts");

  private final RiskStore store;
  private final RiskAssessor assessor;
  private final FraudCases cases;
  private final String projection;

  RiskProjectionHandler(RiskStore store, RiskAssessor assessor, FraudCases cases, String projection) {
    this.store = store;
    this.assessor = assessor;
    this.cases = cases;
    this.projection = projection;
  }

  @Override
  public CompletionStage<Done> process(List<EventEnvelope<OrderEvent>> envelopes) {
    Map<String, RiskAssessment> touched = new HashMap<>();
    CompletionStage<Done> chain = CompletableFuture.completedFuture(Done.getInstance());
    for (EventEnvelope<OrderEvent> envelope : envelopes) {
      OrderEvent event = envelope.event();
      if (event instanceof OrderEvent.OrderRegistered || event instanceof OrderEvent.PaymentRecorded) {
        chain = chain.thenCompose(done -> handle(event, touched))
            .thenApply(done -> {
              LedgerMetrics.projectionLag(projection, envelope.timestamp());
              return done;
            });
      }
    }
    return chain;
  }

  private CompletionStage<Done> handle(OrderEvent event, Map<String, RiskAssessment> touched) {
    return load(event.orderId(), touched).thenCompose(before ->
        event instanceof OrderEvent.OrderRegistered r
            ? save(before, before.registered(r.invoice().customerId(), r.invoice().customerEmail()), touched)
            : payment(before, ((OrderEvent.PaymentRecorded) event).payment(), touched));
  }

  private CompletionStage<Done> payment(RiskAssessment before, PaymentEvent event,
      Map<String, RiskAssessment> touched) {
    boolean held = event.orderId() == null;
    PaymentFact fact = PaymentFact.of(event, held ? null : before.orderId());
    RiskAssessor.Subjects subjects = RiskAssessor.subjects(event, before);
    int limit = assessor.settings().historyLimit();
    CompletableFuture<List<PaymentFact>> customer = read(subjects.customer(), limit);
    CompletableFuture<List<PaymentFact>> card = read(subjects.card(), limit);
    CompletableFuture<List<PaymentFact>> email = read(subjects.email(), limit);
    return CompletableFuture.allOf(customer, card, email).thenCompose(v -> {
      RiskAssessor.Step step = assessor.assess(before, fact, event.risk(), customer.join(),
          card.join(), email.join());
      RiskAssessment after = step.after();
      alert(before, after);
      CompletionStage<Done> remembered = store.remember(subjects.all(), fact);
      CompletionStage<Done> saved = save(before, after, touched);
      CompletionStage<Done> written = remembered.thenCombine(saved, (a, b) -> Done.getInstance());
      return after.caseDue() ? written.thenCompose(d -> openCase(after, held, touched)) : written;
    });
  }

  private CompletionStage<Done> openCase(RiskAssessment a, boolean held,
      Map<String, RiskAssessment> touched) {
    return cases.open(a, held).thenCompose(caseId -> {
      alerts.warn("fraud_case order={} case={} customer={} score={} rules={}", a.orderId(), caseId,
          a.customerId(), a.score(), a.reasons().stream().map(r -> r.rule().name()).toList());
      return store.caseOpened(caseId, a.orderId())
          .thenCompose(d -> save(a, a.withCase(caseId), touched));
    });
  }

  /** A metric and an alert line for each rule that fired on the order for the first time. */
  private static void alert(RiskAssessment before, RiskAssessment after) {
    for (Reason r : after.reasons()) {
      if (before.reasons().stream().noneMatch(b -> b.rule() == r.rule())) {
        LedgerMetrics.fraudRuleFired(r.rule().name());
        alerts.warn("fraud_rule rule={} order={} customer={} weight={} score={} status={} detail=\"{}\"",
            r.rule(), after.orderId(), after.customerId(), r.weight(), after.score(),
            after.status(), r.detail());
      }
    }
  }

  private CompletionStage<RiskAssessment> load(String orderId, Map<String, RiskAssessment> touched) {
    RiskAssessment known = touched.get(orderId);
    return known != null ? CompletableFuture.completedFuture(known)
        : store.assessment(orderId).thenApply(found -> found.orElseGet(() -> RiskAssessment.empty(orderId)));
  }

  private CompletionStage<Done> save(RiskAssessment before, RiskAssessment after,
      Map<String, RiskAssessment> touched) {
    touched.put(after.orderId(), after);
    return after.equals(before) ? CompletableFuture.completedFuture(Done.getInstance())
        : store.save(before, after);
  }

  private CompletableFuture<List<PaymentFact>> read(String subject, int limit) {
    return subject == null ? CompletableFuture.completedFuture(List.of())
        : store.history(subject, limit).toCompletableFuture();
  }
}
