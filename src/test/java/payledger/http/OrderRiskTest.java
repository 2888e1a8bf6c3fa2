package payledger.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import payledger.fraud.FraudRule;
import payledger.fraud.FraudSettings;
import payledger.fraud.Reason;
import payledger.fraud.RiskAssessment;
import payledger.fraud.RiskStore;
import payledger.fraud.Verdict;
import payledger.order.PaymentEvent;
import payledger.order.PaymentEvent.RiskLevel;
import payledger.testing.MemoryRiskStore;

/**
 * The risk in an order's view: the assessment's score, status, reasons and links, the gateways'
 * most severe assessment beside it, and an answer (never a failure, never a wait past the ask
 * timeout) when the fraud tables cannot be read.
 */
class OrderRiskTest {

  static final FraudSettings SETTINGS = FraudSettings.from(ConfigFactory.load());
  static final Instant T = Instant.parse("2026-11-10T12:00:00Z");
  static final PaymentEvent.Risk ELEVATED = new PaymentEvent.Risk(RiskLevel.ELEVATED, 65, "elevated");
  static final PaymentEvent.Risk NORMAL = new PaymentEvent.Risk(RiskLevel.NORMAL, 12, "normal");

  static RiskAssessment flagged() {
    return RiskAssessment.empty("ord").registered("cus", "c@example.com")
        .with(List.of(new Reason(FraudRule.MANY_CARDS, 40, "4 cards in 24 h"),
            new Reason(FraudRule.UNUSUAL_METHOD, 15, "first sepa")), NORMAL, T, SETTINGS);
  }

  @Test
  void aFlaggedOrderShowsItsScoreReasonsAndReviewQueueWithTheGatewaysRiskBeside() {
    OrderRisk.View v = OrderRisk.view("ord", new OrderRisk.Lookup(Optional.of(flagged()), true),
        List.of(NORMAL, ELEVATED, NORMAL));
    assertEquals(OrderRisk.Status.REVIEW, v.status());
    assertEquals(55, v.score());
    assertEquals(List.of(FraudRule.MANY_CARDS, FraudRule.UNUSUAL_METHOD),
        v.reasons().stream().map(RiskRoutes.ReasonView::rule).toList());
    // The most severe of the order's payments, not only the one the projection saw last.
    assertEquals(ELEVATED, v.gatewayRisk());
    assertEquals(T, v.flaggedAt());
    assertEquals("/v1/orders/ord/risk", v.links().assessment());
    assertEquals("/v1/risk/reviews?status=REVIEW", v.links().reviews());
    assertNull(v.verdict());
  }

  @Test
  void aResolvedCaseShowsItsVerdictAndTheQueueOfThatVerdict() {
    RiskAssessment decided = flagged().withCase("FRD-1").withVerdict(Verdict.NOT_FRAUD, T);
    OrderRisk.View v = OrderRisk.view("ord", new OrderRisk.Lookup(Optional.of(decided), true), List.of());
    assertEquals("NOT_FRAUD", v.verdict());
    assertEquals("FRD-1", v.caseId());
    assertEquals("/v1/risk/reviews?status=NOT_FRAUD", v.links().reviews());
  }

  @Test
  void aClearOrderIsInNoQueue() {
    RiskAssessment clear = RiskAssessment.empty("ord").with(List.of(), null, T, SETTINGS);
    OrderRisk.View v = OrderRisk.view("ord", new OrderRisk.Lookup(Optional.of(clear), true), List.of());
    assertEquals(OrderRisk.Status.CLEAR, v.status());
    assertEquals(0, v.score());
    assertNull(v.links().reviews());
    assertNull(v.gatewayRisk());
  }

  @Test
  void anOrderNoPaymentOfWhichWasAssessedSaysSoAndStillShowsTheGatewaysRisk() {
    OrderRisk.View v = OrderRisk.view("ord", new OrderRisk.Lookup(Optional.empty(), true), List.of(ELEVATED));
    assertEquals(OrderRisk.Status.NOT_ASSESSED, v.status());
    assertNull(v.score());
    assertEquals(ELEVATED, v.gatewayRisk());
    // Registered, its customer kept for the rules, but no payment assessed yet.
    RiskAssessment registered = RiskAssessment.empty("ord").registered("cus", "c@example.com");
    assertEquals(OrderRisk.Status.NOT_ASSESSED, OrderRisk.view("ord",
        new OrderRisk.Lookup(Optional.of(registered), true), List.of()).status());
  }

  @Test
  void aFailedReadIsUnavailableNotAFailure() throws Exception {
    OrderRisk risk = new OrderRisk(() -> store(CompletableFuture.failedFuture(
        new IllegalStateException("no node"))), Duration.ofSeconds(1));
    assertEquals(OrderRisk.Lookup.UNAVAILABLE, risk.lookup("ord").toCompletableFuture().get(1, TimeUnit.SECONDS));
    OrderRisk unopened = new OrderRisk(() -> {
      throw new IllegalStateException("no session");
    }, Duration.ofSeconds(1));
    assertEquals(OrderRisk.Lookup.UNAVAILABLE, unopened.lookup("ord").toCompletableFuture().get(1, TimeUnit.SECONDS));
    assertEquals(OrderRisk.Status.UNAVAILABLE,
        OrderRisk.view("ord", OrderRisk.Lookup.UNAVAILABLE, List.of()).status());
  }

  @Test
  void aReadThatDoesNotAnswerInTimeIsUnavailableAfterTheTimeout() throws Exception {
    OrderRisk risk = new OrderRisk(() -> store(new CompletableFuture<>()), Duration.ofMillis(50));
    assertEquals(OrderRisk.Lookup.UNAVAILABLE, risk.lookup("ord").toCompletableFuture().get(2, TimeUnit.SECONDS));
  }

  @Test
  void aFoundAssessmentIsAvailable() throws Exception {
    OrderRisk risk = new OrderRisk(() -> store(CompletableFuture.completedFuture(Optional.of(flagged()))),
        Duration.ofSeconds(1));
    OrderRisk.Lookup found = risk.lookup("ord").toCompletableFuture().get(1, TimeUnit.SECONDS);
    assertEquals(true, found.available());
    assertEquals(55, found.assessment().orElseThrow().score());
  }

  /** A store whose assessment reads answer with the given answer. */
  private static RiskStore store(CompletableFuture<Optional<RiskAssessment>> answer) {
    return new MemoryRiskStore() {
      @Override
      public CompletionStage<Optional<RiskAssessment>> assessment(String orderId) {
        return answer;
      }
    };
  }
}
