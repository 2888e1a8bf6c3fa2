package payledger.fraud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import payledger.order.PaymentEventType;

/** Each rule with a case that must fire and one that must not, at the thresholds of fraud.conf. */
class FraudRulesTest {

  static final FraudSettings SETTINGS = FraudSettings.from(ConfigFactory.load());
  static final FraudRules RULES = new FraudRules(SETTINGS);
  static final Instant T = Instant.parse("2026-11-10T12:00:00Z");
  int seq;

  PaymentFact fact(Instant at, PaymentEventType type, long amount) {
    return fact(at, type, amount, "EUR", "card", "stripe", "fp_a", "o-" + (++seq));
  }

  PaymentFact fact(Instant at, PaymentEventType type, long amount, String currency, String method,
      String gateway, String card, String order) {
    return new PaymentFact(gateway + ":e" + (++seq), at, order, type, amount, currency, method,
        gateway, card);
  }

  Set<FraudRule> fired(PaymentFact p, List<PaymentFact> customer) {
    return fired(p, customer, List.of(), Set.of(p.gateway()), Set.of());
  }

  Set<FraudRule> fired(PaymentFact p, List<PaymentFact> customer, List<PaymentFact> card,
      Set<String> gateways, Set<String> cards) {
    return Set.copyOf(RULES.evaluate(new RiskContext(p, customer, card, List.of(), gateways, cards))
        .stream().map(Reason::rule).toList());
  }

  List<PaymentFact> series(int n, Duration every, PaymentEventType type, long amount) {
    List<PaymentFact> h = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      h.add(fact(T.minus(every.multipliedBy(i)), type, amount));
    }
    return h;
  }

  @Test
  void fiveSmallFailuresWithinMinutesAreCardTesting() {
    PaymentFact p = fact(T, PaymentEventType.FAILED, 100);
    assertTrue(fired(p, series(4, Duration.ofSeconds(30), PaymentEventType.FAILED, 100)).contains(FraudRule.CARD_TESTING));
    assertFalse(fired(p, series(3, Duration.ofSeconds(30), PaymentEventType.FAILED, 100)).contains(FraudRule.CARD_TESTING));
    // The same tries spread over hours are not a burst.
    assertFalse(fired(p, series(4, Duration.ofMinutes(20), PaymentEventType.FAILED, 100)).contains(FraudRule.CARD_TESTING));
    // A real basket declined five times is not a test of pocket change.
    assertFalse(fired(fact(T, PaymentEventType.FAILED, 5_000), series(4, Duration.ofSeconds(30),
        PaymentEventType.FAILED, 5_000)).contains(FraudRule.CARD_TESTING));
  }

  @Test
  void fourFailuresWithinTheHourAreFailureVelocityButARetryIsNot() {
    PaymentFact p = fact(T, PaymentEventType.FAILED, 5_000);
    assertTrue(fired(p, series(3, Duration.ofMinutes(10), PaymentEventType.FAILED, 5_000)).contains(FraudRule.FAILURE_VELOCITY));
    PaymentFact retried = fact(T, PaymentEventType.SUCCEEDED, 5_000);
    assertEquals(Set.of(), fired(retried, series(2, Duration.ofMinutes(2), PaymentEventType.FAILED, 5_000)));
  }

  @Test
  void fourCardsInADayAreManyCards() {
    List<PaymentFact> h = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      h.add(fact(T.minus(Duration.ofHours(i)), PaymentEventType.SUCCEEDED, 4_000, "EUR", "card", "stripe", "fp_" + i, "o" + i));
    }
    PaymentFact p = fact(T, PaymentEventType.SUCCEEDED, 4_000, "EUR", "card", "stripe", "fp_new", "o9");
    assertTrue(fired(p, h).contains(FraudRule.MANY_CARDS));
    assertFalse(fired(p, h.subList(0, 2)).contains(FraudRule.MANY_CARDS));
  }

  @Test
  void refundingMostOfWhatWasPaidThreeTimesIsRefundAbuse() {
    List<PaymentFact> h = new ArrayList<>(series(3, Duration.ofDays(3), PaymentEventType.SUCCEEDED, 5_000));
    h.add(fact(T.minus(Duration.ofDays(2)), PaymentEventType.REFUNDED, 5_000));
    h.add(fact(T.minus(Duration.ofDays(1)), PaymentEventType.REFUNDED, 5_000));
    assertTrue(fired(fact(T, PaymentEventType.REFUNDED, 4_000), h).contains(FraudRule.REFUND_ABUSE));
    // The third return of a small part of a bigger spend is a customer who returns things.
    List<PaymentFact> returns = new ArrayList<>(h.subList(0, 3));
    returns.add(fact(T.minus(Duration.ofDays(2)), PaymentEventType.REFUNDED, 1_000));
    returns.add(fact(T.minus(Duration.ofDays(1)), PaymentEventType.REFUNDED, 1_000));
    assertFalse(fired(fact(T, PaymentEventType.REFUNDED, 200), returns).contains(FraudRule.REFUND_ABUSE));
  }

  @Test
  void aPaymentAfterAChargebackOnTheCardIsChargebackHistory() {
    PaymentFact p = fact(T, PaymentEventType.SUCCEEDED, 5_000);
    List<PaymentFact> card = List.of(fact(T.minus(Duration.ofDays(20)), PaymentEventType.CHARGEBACK, 5_000));
    assertTrue(fired(p, List.of(), card, Set.of("stripe"), Set.of()).contains(FraudRule.CHARGEBACK_HISTORY));
    List<PaymentFact> reversed = List.of(card.get(0),
        fact(T.minus(Duration.ofDays(5)), PaymentEventType.CHARGEBACK_REVERSED, 5_000));
    assertFalse(fired(p, List.of(), reversed, Set.of("stripe"), Set.of()).contains(FraudRule.CHARGEBACK_HISTORY));
  }

  @Test
  void anAmountFarAboveTheHistoryIsASpikeUnlessTheCustomerSpentBigBefore() {
    List<PaymentFact> h = new ArrayList<>(series(5, Duration.ofDays(2), PaymentEventType.SUCCEEDED, 3_000));
    PaymentFact big = fact(T, PaymentEventType.SUCCEEDED, 40_000);
    assertTrue(fired(big, h).contains(FraudRule.AMOUNT_SPIKE));
    h.add(fact(T.minus(Duration.ofDays(11)), PaymentEventType.SUCCEEDED, 25_000));
    assertFalse(fired(big, h).contains(FraudRule.AMOUNT_SPIKE), "a loyal customer's big order");
    assertFalse(fired(big, h.subList(0, 2)).contains(FraudRule.AMOUNT_SPIKE), "too little history");
  }

  @Test
  void aCurrencyOrMethodNeverUsedInAnEstablishedHistoryIsUnusual() {
    List<PaymentFact> h = series(5, Duration.ofDays(2), PaymentEventType.SUCCEEDED, 3_000);
    PaymentFact usd = fact(T, PaymentEventType.SUCCEEDED, 3_000, "USD", "card", "stripe", "fp_a", "o");
    PaymentFact voucher = fact(T, PaymentEventType.SUCCEEDED, 3_000, "EUR", "voucher", "stripe", null, "o");
    assertTrue(fired(usd, h).contains(FraudRule.UNUSUAL_CURRENCY));
    assertTrue(fired(voucher, h).contains(FraudRule.UNUSUAL_METHOD));
    assertEquals(Set.of(), fired(usd, h.subList(0, 4)));
    assertEquals(Set.of(), fired(voucher, h.subList(0, 4)));
  }

  @Test
  void anOrderPaidThroughTwoGatewaysOrThreeCardsIsMultiSource() {
    PaymentFact p = fact(T, PaymentEventType.SUCCEEDED, 3_000);
    assertTrue(fired(p, List.of(), List.of(), Set.of("stripe", "adyen"), Set.of("fp_a")).contains(FraudRule.MULTI_SOURCE_ORDER));
    assertTrue(fired(p, List.of(), List.of(), Set.of("stripe"), Set.of("a", "b", "c")).contains(FraudRule.MULTI_SOURCE_ORDER));
    // A retry with a second card after a decline.
    assertFalse(fired(p, List.of(), List.of(), Set.of("stripe"), Set.of("a", "b")).contains(FraudRule.MULTI_SOURCE_ORDER));
  }

  @Test
  void theThirdPaymentWithoutAnOrderInADayIsAnUnlinkedPattern() {
    PaymentFact held = fact(T, PaymentEventType.SUCCEEDED, 3_000, "EUR", "card", "stripe", "fp_a", null);
    List<PaymentFact> two = List.of(
        fact(T.minus(Duration.ofHours(2)), PaymentEventType.SUCCEEDED, 3_000, "EUR", "card", "stripe", "fp_a", null),
        fact(T.minus(Duration.ofHours(1)), PaymentEventType.SUCCEEDED, 3_000, "EUR", "card", "stripe", "fp_a", null));
    assertTrue(fired(held, List.of(), two, Set.of(), Set.of()).contains(FraudRule.UNLINKED_PATTERN));
    assertFalse(fired(held, List.of(), two.subList(0, 1), Set.of(), Set.of()).contains(FraudRule.UNLINKED_PATTERN));
  }

  @Test
  void laterEventsAndTheEventItselfInAHistoryAreIgnored() {
    PaymentFact p = fact(T, PaymentEventType.FAILED, 100);
    List<PaymentFact> later = series(6, Duration.ofSeconds(-30), PaymentEventType.FAILED, 100);
    List<PaymentFact> withSelf = new ArrayList<>(series(3, Duration.ofSeconds(30), PaymentEventType.FAILED, 100));
    withSelf.add(p);
    assertEquals(Set.of(), fired(p, later));
    assertFalse(fired(p, withSelf).contains(FraudRule.CARD_TESTING));
  }

  @Test
  void anOrdersScoreAddsTheRulesOnceAndItsStatusNeverGoesDown() {
    RiskAssessment a = RiskAssessment.empty("o1");
    Reason spike = new Reason(FraudRule.AMOUNT_SPIKE, SETTINGS.weight(FraudRule.AMOUNT_SPIKE), "x");
    Reason cards = new Reason(FraudRule.MANY_CARDS, SETTINGS.weight(FraudRule.MANY_CARDS), "y");
    RiskAssessment once = a.with(List.of(spike), null, T, SETTINGS);
    assertEquals(RiskStatus.REVIEW, once.status());
    assertEquals(T, once.flaggedAt());
    assertEquals(once.score(), once.with(List.of(spike), null, T.plusSeconds(1), SETTINGS).score());
    RiskAssessment both = once.with(List.of(cards), null, T.plusSeconds(2), SETTINGS);
    assertEquals(RiskStatus.CASE, both.status());
    assertTrue(both.caseDue());
    assertEquals(T, both.flaggedAt());
  }
}
