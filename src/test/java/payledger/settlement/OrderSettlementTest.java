package payledger.settlement;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import payledger.money.Money;

/** An order's net revenue after fees: a payment, its partial refund and a converted payment. */
class OrderSettlementTest {

  private static OrderSettlement.Line line(String kind, Money gross, long fee, long net, String currency) {
    return new OrderSettlement.Line("stl-a", 2, "adyen", "Shop:1", kind, "psp", "visa", gross,
        new Money(fee, currency), new Money(net, currency), true, Instant.parse("2026-12-01T10:00:00Z"));
  }

  @Test
  void netRevenueIsTheSettledGrossLessFeesPerSettlementCurrency() {
    OrderSettlement s = OrderSettlement.of("order-a", List.of(
        line("PAYMENT", new Money(10_000, "EUR"), 290, 9_710, "EUR"),
        line("REFUND", new Money(-2_500, "EUR"), 0, -2_500, "EUR"),
        line("PAYMENT", new Money(5_000, "USD"), 137, 4_432, "EUR"))); // 5,000 USD at 0.9137 = 4,569 EUR

    assertEquals(new OrderSettlement.Totals(10_000 - 2_500 + 4_569, 290 + 137, 9_710 - 2_500 + 4_432),
        s.totals().get("EUR"));
    assertEquals(Map.of("EUR", 7_500L, "USD", 5_000L), s.charged());
  }
}
