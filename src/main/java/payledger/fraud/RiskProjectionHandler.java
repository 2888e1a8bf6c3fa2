package payledger.fraud;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * <p>A group costs three rounds of Cassandra requests, however many events it holds: the orders'
 * assessments at once, then the histories of every subject the group's payments name at once,
 * then every write at once (each payment into its histories, each changed assessment once with
 * its net change). In between, the events are taken one after the other in memory: a customer's
 * payments of one group see each other, as the histories kept in memory take each payment as the
 * table orders it (newest first, to the history limit). A subject the first two rounds could not
 * foresee (a payment naming a customer only its order's earlier payment gave) is read when met.
 * At-least-once: the histories and rows are upserts keyed by event and order, the rules ignore
 * the event itself and anything after it in a history, a reason is kept once per order, and the
 * case id is derived from the order; cases are opened after the group's writes.
 */
final class RiskProjectionHandler extends Handler<List<EventEnvelope<OrderEvent>>> {

  private static final Logger alerts = LoggerFactory.getLogger("payledger.alerts");
  private static final Comparator<PaymentFact> NEWEST_FIRST =
      Comparator.comparing(PaymentFact::at).reversed().thenComparing(PaymentFact::key);

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
    List<EventEnvelope<OrderEvent>> relevant = envelopes.stream()
        .filter(e -> e.event() instanceof OrderEvent.OrderRegistered
            || e.event() instanceof OrderEvent.PaymentRecorded)
        .toList();
    if (relevant.isEmpty()) {
      return CompletableFuture.completedFuture(Done.getInstance());
    }
    Group group = new Group();
    return group.loadAssessments(relevant)
        .thenCompose(v -> group.loadHistories(relevant))
        .thenCompose(v -> {
          CompletionStage<Done> chain = CompletableFuture.completedFuture(Done.getInstance());
          for (EventEnvelope<OrderEvent> envelope : relevant) {
            chain = chain.thenCompose(d -> group.handle(envelope.event()));
          }
          return chain;
        })
        .thenCompose(d -> group.write())
        .thenCompose(d -> group.openCases())
        .thenApply(d -> {
          relevant.forEach(e -> LedgerMetrics.projectionLag(projection, e.timestamp()));
          return Done.getInstance();
        });
  }

  /** One group's assessments and histories in memory, and what it will write. */
  private final class Group {
    private final Map<String, RiskAssessment> first = new HashMap<>();
    private final Map<String, RiskAssessment> current = new HashMap<>();
    private final Map<String, List<PaymentFact>> histories = new HashMap<>();
    private final List<PaymentFact> facts = new ArrayList<>();
    private final List<List<String>> factSubjects = new ArrayList<>();
    private final Map<String, Boolean> held = new HashMap<>();

    CompletionStage<Void> loadAssessments(List<EventEnvelope<OrderEvent>> events) {
      List<CompletableFuture<Void>> reads = new ArrayList<>();
      for (String orderId : new LinkedHashSet<>(events.stream().map(e -> e.event().orderId()).toList())) {
        reads.add(store.assessment(orderId).toCompletableFuture().thenAccept(found -> {
          RiskAssessment a = found.orElseGet(() -> RiskAssessment.empty(orderId));
          synchronized (this) {
            first.put(orderId, a);
            current.put(orderId, a);
          }
        }));
      }
      return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new));
    }

    /** The subjects the payments will name, foreseen from the registrations before them. */
    CompletionStage<Void> loadHistories(List<EventEnvelope<OrderEvent>> events) {
      Map<String, RiskAssessment> foreseen = new HashMap<>(current);
      Set<String> subjects = new LinkedHashSet<>();
      for (EventEnvelope<OrderEvent> envelope : events) {
        OrderEvent event = envelope.event();
        if (event instanceof OrderEvent.OrderRegistered r) {
          foreseen.compute(event.orderId(), (id, a) ->
              a.registered(r.invoice().customerId(), r.invoice().customerEmail()));
        } else if (event instanceof OrderEvent.PaymentRecorded p) {
          subjects.addAll(RiskAssessor.subjects(p.payment(), foreseen.get(event.orderId())).all());
        }
      }
      List<CompletableFuture<List<PaymentFact>>> reads =
          subjects.stream().map(this::history).toList();
      return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new));
    }

    CompletionStage<Done> handle(OrderEvent event) {
      RiskAssessment before = current.get(event.orderId());
      if (event instanceof OrderEvent.OrderRegistered r) {
        current.put(event.orderId(),
            before.registered(r.invoice().customerId(), r.invoice().customerEmail()));
        return CompletableFuture.completedFuture(Done.getInstance());
      }
      PaymentEvent payment = ((OrderEvent.PaymentRecorded) event).payment();
      boolean heldPayment = payment.orderId() == null;
      PaymentFact fact = PaymentFact.of(payment, heldPayment ? null : before.orderId());
      RiskAssessor.Subjects subjects = RiskAssessor.subjects(payment, before);
      CompletableFuture<List<PaymentFact>> customer = history(subjects.customer());
      CompletableFuture<List<PaymentFact>> card = history(subjects.card());
      CompletableFuture<List<PaymentFact>> email = history(subjects.email());
      return CompletableFuture.allOf(customer, card, email).thenApply(v -> {
        RiskAssessment after = assessor.assess(before, fact, payment.risk(), List.copyOf(customer.join()),
            List.copyOf(card.join()), List.copyOf(email.join())).after();
        alert(before, after);
        current.put(event.orderId(), after);
        held.put(event.orderId(), heldPayment);
        for (String subject : subjects.all()) {
          take(histories.get(subject), fact);
        }
        facts.add(fact);
        factSubjects.add(subjects.all());
        return Done.getInstance();
      });
    }

    /** Every payment into its histories and every changed assessment, at once. */
    CompletionStage<Done> write() {
      List<CompletableFuture<Done>> writes = new ArrayList<>();
      for (int i = 0; i < facts.size(); i++) {
        writes.add(store.remember(factSubjects.get(i), facts.get(i)).toCompletableFuture());
      }
      for (Map.Entry<String, RiskAssessment> e : current.entrySet()) {
        RiskAssessment before = first.get(e.getKey());
        if (!e.getValue().equals(before)) {
          writes.add(store.save(before, e.getValue()).toCompletableFuture());
        }
      }
      return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new))
          .thenApply(v -> Done.getInstance());
    }

    /** The group's orders past the case score, one after the other. */
    CompletionStage<Done> openCases() {
      CompletionStage<Done> chain = CompletableFuture.completedFuture(Done.getInstance());
      for (RiskAssessment a : current.values()) {
        if (a.caseDue()) {
          boolean heldPayment = held.getOrDefault(a.orderId(), false);
          chain = chain.thenCompose(d -> openCase(a, heldPayment));
        }
      }
      return chain;
    }

    private synchronized CompletableFuture<List<PaymentFact>> history(String subject) {
      if (subject == null) {
        return CompletableFuture.completedFuture(List.of());
      }
      List<PaymentFact> known = histories.get(subject);
      if (known != null) {
        return CompletableFuture.completedFuture(known);
      }
      return store.history(subject, assessor.settings().historyLimit()).toCompletableFuture()
          .thenApply(read -> {
            synchronized (this) {
              return histories.computeIfAbsent(subject, s -> new ArrayList<>(read));
            }
          });
    }

    /** The payment into a history as the table keeps it: once, newest first, to the limit. */
    private void take(List<PaymentFact> history, PaymentFact fact) {
      if (history.stream().anyMatch(f -> f.key().equals(fact.key()) && f.at().equals(fact.at()))) {
        return;
      }
      int at = 0;
      while (at < history.size() && NEWEST_FIRST.compare(history.get(at), fact) < 0) {
        at++;
      }
      history.add(at, fact);
      while (history.size() > assessor.settings().historyLimit()) {
        history.remove(history.size() - 1);
      }
    }
  }

  private CompletionStage<Done> openCase(RiskAssessment a, boolean held) {
    return cases.open(a, held).thenCompose(caseId -> {
      alerts.warn("fraud_case order={} case={} customer={} score={} rules={}", a.orderId(), caseId,
          a.customerId(), a.score(), a.reasons().stream().map(r -> r.rule().name()).toList());
      return store.caseOpened(caseId, a.orderId())
          .thenCompose(d -> store.save(a, a.withCase(caseId)));
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
}
