package payledger.settlement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import payledger.money.Money;
import payledger.order.PaymentEventType;

class MatchingTest {

  private static final Instant NOW = Instant.parse("2026-11-10T09:00:00Z");
  private final Matching matching = new Matching(SettlementSettingsFixture.FEES, SettlementSettingsFixture.DEADLINES);

  private static SettlementLine line(SettlementKind kind, String ref, Money gross, long fee, long net,
      BigDecimal rate) {
    return new SettlementLine(7, "adyen", "Acc:1", "M" + ref, kind, List.of(ref), "order-1", "card", NOW,
        gross, new Money(fee, "EUR"), new Money(net, "EUR"), rate);
  }

  private static LedgerPayment ledger(PaymentEventType type, String ref, Money amount) {
    return new LedgerPayment("adyen", ref, "adyen:" + type + ref, "order-1", type, amount, "card",
        NOW.minus(Duration.ofDays(2)));
  }

  @Test
  void aPaymentSettledAtItsAmountMatchesWithItsFeeAndNet() {
    Matching.Result r = matching.match("i", line(SettlementKind.PAYMENT, "p1", new Money(10_000, "EUR"), 290, 9_710, null),
        List.of(ledger(PaymentEventType.SUCCEEDED, "p1", new Money(10_000, "EUR"))), NOW);
    assertTrue(r.match().matched());
    assertEquals(List.of(), r.findings());
    assertEquals("order-1", r.match().orderId());
    assertNull(r.match().rounding());
  }

  @Test
  void anotherGrossIsAnAmountMismatchWithDeadlines() {
    Matching.Result r = matching.match("i", line(SettlementKind.PAYMENT, "p1", new Money(10_500, "EUR"), 290, 10_210, null),
        List.of(ledger(PaymentEventType.SUCCEEDED, "p1", new Money(10_000, "EUR"))), NOW);
    assertFalse(r.match().matched());
    Finding f = r.findings().get(0);
    assertEquals(FindingType.SETTLEMENT_AMOUNT_MISMATCH, f.type());
    assertEquals(new Money(10_000, "EUR"), f.expected());
    assertEquals(new Money(10_500, "EUR"), f.actual());
    assertEquals(NOW.plus(Duration.ofHours(24)), f.noticeBy());
    assertEquals(NOW.plus(Duration.ofHours(48)), f.resolveBy());
    assertEquals(7, f.line());
  }

  @Test
  void aLineWithoutItsLedgerEventIsUnknown() {
    Matching.Result r = matching.match("i", line(SettlementKind.REFUND, "p1", new Money(-500, "EUR"), 0, -500, null),
        List.of(ledger(PaymentEventType.SUCCEEDED, "p1", new Money(10_000, "EUR"))), NOW);
    assertEquals(FindingType.UNKNOWN_SETTLEMENT, r.findings().get(0).type());
    assertNull(r.match().ledger());
  }

  @Test
  void aRefundMatchesTheRefundOfItsAmount() {
    Matching.Result r = matching.match("i", line(SettlementKind.REFUND, "p1", new Money(-500, "EUR"), 0, -500, null),
        List.of(ledger(PaymentEventType.REFUNDED, "p1", new Money(300, "EUR")),
            ledger(PaymentEventType.REFUNDED, "p1", new Money(500, "EUR"))), NOW);
    assertTrue(r.match().matched());
    assertEquals(new Money(500, "EUR"), r.match().ledger().amount());
  }

  @Test
  void aFeeAboveTheExpectationIsAnAnomaly() {
    // adyen: 3.0 % + 25 → 325 on 10,000.
    Matching.Result ok = matching.match("i", line(SettlementKind.PAYMENT, "p1", new Money(10_000, "EUR"), 325, 9_675, null),
        List.of(ledger(PaymentEventType.SUCCEEDED, "p1", new Money(10_000, "EUR"))), NOW);
    assertEquals(List.of(), ok.findings());
    Matching.Result high = matching.match("i", line(SettlementKind.PAYMENT, "p1", new Money(10_000, "EUR"), 326, 9_674, null),
        List.of(ledger(PaymentEventType.SUCCEEDED, "p1", new Money(10_000, "EUR"))), NOW);
    assertEquals(FindingType.FEE_ANOMALY, high.findings().get(0).type());
    assertTrue(high.match().matched(), "the amount matched; the fee is the problem");
  }

  @Test
  void aConvertedLineMatchesThroughTheRateAndRecordsTheRounding() {
    // 12.35 USD at 0.9137 is 11.284195 EUR: settled as 11.28 (rounding −0.00) or 11.29 (+0.01).
    Matching.Result r = matching.match("i", line(SettlementKind.PAYMENT, "p1", new Money(1_235, "USD"), 20, 1_109,
        new BigDecimal("0.9137")), List.of(ledger(PaymentEventType.SUCCEEDED, "p1", new Money(1_235, "USD"))), NOW);
    assertTrue(r.match().matched());
    assertEquals(List.of(), r.findings());
    assertEquals(new Money(1, "EUR"), r.match().rounding());
    Matching.Result off = matching.match("i", line(SettlementKind.PAYMENT, "p1", new Money(1_235, "USD"), 20, 1_100,
        new BigDecimal("0.9137")), List.of(ledger(PaymentEventType.SUCCEEDED, "p1", new Money(1_235, "USD"))), NOW);
    assertEquals(FindingType.SETTLEMENT_AMOUNT_MISMATCH, off.findings().get(0).type());
  }

  @Test
  void aLedgerAmountInTheSettlementCurrencyIsComparedWithTheSettledGross() {
    Matching.Result r = matching.match("i", line(SettlementKind.PAYMENT, "p1", new Money(1_235, "USD"), 20, 1_109,
        new BigDecimal("0.9137")), List.of(ledger(PaymentEventType.SUCCEEDED, "p1", new Money(1_129, "EUR"))), NOW);
    assertTrue(r.match().matched());
  }

  @Test
  void aPayoutBalancesWhenItsLinesSumToIt() {
    SettlementLine payout = new SettlementLine(9, "adyen", "Acc:1", null, SettlementKind.PAYOUT, List.of(), null,
        null, NOW, new Money(-9_000, "EUR"), Money.zero("EUR"), new Money(-9_000, "EUR"), null);
    assertTrue(matching.payout("i", "adyen", "Acc:1", new Money(9_000, "EUR"), payout, NOW).isEmpty());
    Finding f = matching.payout("i", "adyen", "Acc:1", new Money(9_010, "EUR"), payout, NOW).orElseThrow();
    assertEquals(FindingType.PAYOUT_TOTAL_MISMATCH, f.type());
    assertEquals(new Money(9_000, "EUR"), f.actual());
    assertTrue(matching.payout("i", "adyen", "Acc:1", null, payout, NOW).isPresent(), "several currencies");
  }

  @Test
  void aMissingSettlementIsKeyedByTheLedgerEvent() {
    LedgerPayment p = ledger(PaymentEventType.SUCCEEDED, "p9", new Money(100, "EUR"));
    Finding f = matching.missing(p, 7, NOW);
    assertEquals(FindingType.SETTLEMENT_MISSING, f.type());
    assertEquals("SETTLEMENT_MISSING:" + p.eventKey(), f.findingId());
    assertEquals(matching.missing(p, 7, NOW.plusSeconds(60)).findingId(), f.findingId(), "found again: the same");
  }
}
