package payledger.settlement;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import payledger.money.Money;

/**
 * The settlement KPIs by day: payments settled and matched, ledger lines matched by gateway and
 * method, fees by gateway, method and currency (a batch's fee lines apart); a period sums its days
 * over every import.
 */
class SettlementKpisTest {

  static final Instant DAY1 = Instant.parse("2026-11-02T09:00:00Z");
  static final Instant DAY2 = Instant.parse("2026-11-03T23:59:00Z");

  private static SettlementLine line(SettlementKind kind, Instant at, long gross, long fee) {
    return new SettlementLine(2, "adyen", "Shop:7", "m", kind, List.of("psp"), "order-a", "visa", at,
        new Money(gross, "EUR"), new Money(fee, "EUR"), new Money(gross - fee, "EUR"), null);
  }

  private static LineMatch match(SettlementLine l, boolean matched) {
    return new LineMatch(l, null, matched, null);
  }

  @Test
  void aPeriodSumsItsDaysOfEveryImport() {
    SettlementKpis first = new SettlementKpis();
    first.matched(match(line(SettlementKind.PAYMENT, DAY1, 10_000, 300), true));
    first.matched(match(line(SettlementKind.PAYMENT, DAY1, 5_000, 150), false));
    first.matched(match(line(SettlementKind.REFUND, DAY2, -2_000, 0), true));
    first.other(new SettlementLine(9, "adyen", "Shop:7", "f", SettlementKind.FEE, List.of(), null, null, DAY2,
        new Money(-25, "EUR"), new Money(0, "EUR"), new Money(-25, "EUR"), null));
    first.other(line(SettlementKind.PAYOUT, DAY2, -12_825, 0));
    SettlementKpis second = new SettlementKpis();
    second.matched(match(line(SettlementKind.PAYMENT, DAY2, 1_000, 30), true));

    List<SettlementKpis.Row> rows = new java.util.ArrayList<>(first.rows());
    rows.addAll(second.rows());
    SettlementKpis.Summary s = SettlementKpis.summarize(LocalDate.parse("2026-11-02"),
        LocalDate.parse("2026-11-03"), rows);

    assertEquals(new RunTally.Share(3, 2), s.paymentsSettled());
    assertEquals(66.6, s.paymentsSettled().percent());
    assertEquals(new RunTally.Share(4, 3), s.ledgerLines());
    assertEquals(Map.of("adyen", new RunTally.Share(4, 3)), s.byGateway());
    assertEquals(Map.of("adyen/visa", new RunTally.Share(4, 3)), s.byMethod());
    assertEquals(Map.of("adyen/visa/EUR", 480L, "adyen/(fees)/EUR", 25L), s.fees());

    SettlementKpis.Summary day1 = SettlementKpis.summarize(LocalDate.parse("2026-11-02"),
        LocalDate.parse("2026-11-02"), rows.stream().filter(r -> r.day().equals("2026-11-02")).toList());
    assertEquals(new RunTally.Share(2, 1), day1.paymentsSettled());
    assertEquals(List.of("2026-11-02", "2026-11-03"),
        SettlementKpis.days(LocalDate.parse("2026-11-02"), LocalDate.parse("2026-11-03")));
  }
}
