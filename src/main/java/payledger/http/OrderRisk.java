package payledger.http;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import payledger.fraud.RiskAssessment;
import payledger.fraud.RiskStore;
import payledger.order.PaymentEvent;

/**
 * The fraud risk shown in an order's view: a query-time read of the assessment the fraud-risk
 * projection wrote (one single-partition read, made beside the ask to the order, never on the
 * write path), with the gateways' own assessment beside it. The order is answered whatever the
 * risk read does: when the fraud tables do not answer within the ask timeout, the view says its
 * risk is {@code UNAVAILABLE} rather than failing or waiting for the request timeout.
 */
final class OrderRisk {

  private static final Logger log = LoggerFactory.getLogger(OrderRisk.class);

  /** What the fraud tables answered for an order: its assessment or none, or nothing in time. */
  record Lookup(Optional<RiskAssessment> assessment, boolean available) {
    static final Lookup UNAVAILABLE = new Lookup(Optional.empty(), false);
  }

  /** Where an order stands in its view: an assessment's status, or why there is none. */
  enum Status { NOT_ASSESSED, CLEAR, REVIEW, CASE, UNAVAILABLE }

  /**
   * The order view's {@code risk}.
   *
   * @param score absent unless assessed
   * @param verdict CONFIRMED or NOT_FRAUD once the order's FRAUD case was resolved so
   * @param gatewayRisk the most severe assessment any of the order's payments carried
   * @param assessment the full assessment; {@code reviews}, the review queue the order is in
   */
  record View(Status status, Integer score, String verdict, List<RiskRoutes.ReasonView> reasons,
      PaymentEvent.Risk gatewayRisk, String caseId, Instant flaggedAt, Instant assessedAt,
      Links links) {}

  record Links(String assessment, String reviews) {}

  private final Supplier<RiskStore> store;
  private final Duration timeout;

  OrderRisk(Supplier<RiskStore> store, Duration timeout) {
    this.store = store;
    this.timeout = timeout;
  }

  /**
   * The risk reads of a node with a read side; none on a node without one (in-memory tests), where
   * nothing assesses orders and the view leaves the risk out.
   */
  static Optional<OrderRisk> of(ActorSystem<?> system, Supplier<RiskStore> store, Duration timeout) {
    return system.settings().config().getBoolean("payledger.read-side.enabled")
        ? Optional.of(new OrderRisk(store, timeout)) : Optional.empty();
  }

  /** The order's assessment; never fails: a failed or late read is {@link Lookup#UNAVAILABLE}. */
  CompletionStage<Lookup> lookup(String orderId) {
    try {
      return store.get().assessment(orderId).toCompletableFuture()
          .thenApply(found -> new Lookup(found, true))
          .completeOnTimeout(Lookup.UNAVAILABLE, timeout.toMillis(), TimeUnit.MILLISECONDS)
          .exceptionally(failure -> {
            log.warn("Risk assessment of an order could not be read: {}", failure.toString());
            return Lookup.UNAVAILABLE;
          });
    } catch (RuntimeException failure) {
      log.warn("Risk store could not be opened: {}", failure.toString());
      return CompletableFuture.completedFuture(Lookup.UNAVAILABLE);
    }
  }

  /** The view of what was looked up, beside the gateways' assessments of the order's payments. */
  static View view(String orderId, Lookup lookup, List<PaymentEvent.Risk> gatewayRisks) {
    PaymentEvent.Risk gateway = null;
    for (PaymentEvent.Risk r : gatewayRisks) {
      gateway = RiskAssessment.moreSevere(gateway, r);
    }
    String full = "/v1/orders/" + orderId + "/risk";
    // The projection keeps a registered order's customer before any payment: not assessed yet.
    Optional<RiskAssessment> assessed = lookup.assessment().filter(a -> a.updatedAt() != null);
    if (assessed.isEmpty()) {
      return new View(lookup.available() ? Status.NOT_ASSESSED : Status.UNAVAILABLE, null, null,
          List.of(), gateway, null, null, null, new Links(full, null));
    }
    RiskAssessment a = assessed.get();
    String queue = a.flaggedAt() == null ? null : "/v1/risk/reviews?status=" + a.queue();
    return new View(Status.valueOf(a.status().name()), a.score(),
        a.verdict() == null ? null : a.verdict().name(),
        a.reasons().stream()
            .map(r -> new RiskRoutes.ReasonView(r.rule(), r.weight(), r.detail())).toList(),
        gateway, a.caseId(), a.flaggedAt(), a.updatedAt(), new Links(full, queue));
  }
}
