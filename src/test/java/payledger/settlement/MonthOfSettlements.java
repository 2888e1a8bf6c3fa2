package payledger.settlement;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import payledger.money.Money;
import payledger.order.PaymentEventType;
import payledger.settlement.SettlementFiles.Faults;
import payledger.settlement.SettlementFiles.Settled;

/**
 * A month of a gateway's business, generated from a seed: the ledger's payments, refunds and
 * chargebacks, the settlement lines that settle them in daily payout batches (a tenth of the
 * payments charged in USD and settled in EUR at a rate, with its rounding), and faults of every
 * kind injected on chosen items, each remembered as the finding it must raise.
 */
final class MonthOfSettlements {

  /** A finding the data set must raise: its type and the payment id or batch it is about. */
  record Expected(FindingType type, String key) {}

  record DataSet(List<LedgerPayment> ledger, List<Settled> lines, Faults faults, Set<Expected> expected,
      Instant asOf) {}

  static final Instant START = Instant.parse("2026-10-01T00:00:00Z");
  static final BigDecimal RATE = new BigDecimal("0.9137");

  static DataSet generate(String layout, long seed, int payments, int faultsPerKind) {
    Random random = new Random(seed);
    String gateway = layout.equals("generic") ? "acmepay" : layout;
    List<LedgerPayment> ledger = new ArrayList<>();
    List<Settled> lines = new ArrayList<>();
    Set<Expected> expected = new HashSet<>();
    Map<String, Long> payoutOff = new HashMap<>();
    Set<Integer> missing = pick(random, payments, faultsPerKind, Set.of());
    Set<Integer> wrongAmount = pick(random, payments, faultsPerKind, missing);
    Set<Integer> highFee = pick(random, payments, faultsPerKind, union(missing, wrongAmount));
    int lineNo = 0;
    for (int i = 0; i < payments; i++) {
      // Missing ones are journaled in the first 20 days, so they are past the 7 days at month end.
      int day = missing.contains(i) ? random.nextInt(20) : random.nextInt(28);
      Instant at = START.plus(Duration.ofDays(day)).plusSeconds(random.nextInt(86_400));
      String batch = batch(layout, day);
      String paymentId = paymentId(layout, i);
      String method = random.nextInt(3) == 0 ? "ideal" : "card";
      boolean converted = i % 10 == 3;
      Money charged = new Money(500 + random.nextInt(50_000), converted ? "USD" : "EUR");
      ledger.add(new LedgerPayment(gateway, paymentId, gateway + ":e" + i, "order-" + i,
          PaymentEventType.SUCCEEDED, charged, method, at));
      if (missing.contains(i)) {
        expected.add(new Expected(FindingType.SETTLEMENT_MISSING, paymentId));
        continue;
      }
      long settledGross = converted
          ? BigDecimal.valueOf(charged.value()).multiply(RATE).setScale(0, RoundingMode.HALF_EVEN).longValueExact()
          : charged.value();
      long fee = highFee.contains(i) ? settledGross / 10 + 100 : settledGross * 2 / 100 + 20;
      Money stated = charged;
      if (wrongAmount.contains(i)) {
        stated = new Money(charged.value() + 100 + random.nextInt(900), charged.currency());
        settledGross = converted ? BigDecimal.valueOf(stated.value()).multiply(RATE)
            .setScale(0, RoundingMode.HALF_EVEN).longValueExact() : stated.value();
        expected.add(new Expected(FindingType.SETTLEMENT_AMOUNT_MISMATCH, paymentId));
      }
      if (highFee.contains(i)) {
        expected.add(new Expected(FindingType.FEE_ANOMALY, paymentId));
      }
      lines.add(new Settled(batch, SettlementKind.PAYMENT, paymentId, "order-" + i, method,
          at.plusSeconds(3_600), stated, new Money(fee, "EUR"), new Money(settledGross - fee, "EUR"),
          converted ? RATE : null, "l" + lineNo++));
      if (i % 20 == 7 && !converted) {
        Money refund = new Money(charged.value() / 2, "EUR");
        ledger.add(new LedgerPayment(gateway, paymentId, gateway + ":r" + i, "order-" + i,
            PaymentEventType.REFUNDED, refund, method, at.plusSeconds(7_200)));
        lines.add(new Settled(batch, SettlementKind.REFUND, paymentId, "order-" + i, method,
            at.plusSeconds(7_300), new Money(-refund.value(), "EUR"), Money.zero("EUR"),
            new Money(-refund.value(), "EUR"), null, "l" + lineNo++));
      }
      if (i % 100 == 11 && !converted) {
        ledger.add(new LedgerPayment(gateway, paymentId, gateway + ":c" + i, "order-" + i,
            PaymentEventType.CHARGEBACK, charged, method, at.plusSeconds(9_000)));
        lines.add(new Settled(batch, SettlementKind.CHARGEBACK, paymentId, "order-" + i, method,
            at.plusSeconds(9_100), new Money(-charged.value(), "EUR"), new Money(1_500, "EUR"),
            new Money(-charged.value() - 1_500, "EUR"), null, "l" + lineNo++));
      }
    }
    for (int u = 0; u < faultsPerKind; u++) {
      int day = random.nextInt(28);
      String paymentId = paymentId(layout, 1_000_000 + u);
      long gross = 1_000 + random.nextInt(9_000);
      lines.add(new Settled(batch(layout, day), SettlementKind.PAYMENT, paymentId, "order-x" + u, "card",
          START.plus(Duration.ofDays(day)).plusSeconds(43_200), new Money(gross, "EUR"),
          new Money(gross * 2 / 100, "EUR"), new Money(gross - gross * 2 / 100, "EUR"), null, "u" + u));
      expected.add(new Expected(FindingType.UNKNOWN_SETTLEMENT, paymentId));
    }
    lines.sort(java.util.Comparator.comparing(Settled::batch).thenComparing(Settled::at));
    List<String> batches = lines.stream().map(Settled::batch).distinct().toList();
    for (int p = 0; p < Math.min(faultsPerKind, batches.size()); p++) {
      String batch = batches.get(random.nextInt(batches.size()));
      if (payoutOff.putIfAbsent(batch, 1L + random.nextInt(500)) == null) {
        expected.add(new Expected(FindingType.PAYOUT_TOTAL_MISMATCH, batch));
      }
    }
    return new DataSet(ledger, lines, new Faults(Set.of(), payoutOff), expected,
        START.plus(Duration.ofDays(31)));
  }

  static String batch(String layout, int day) {
    return switch (layout) {
      case "stripe" -> String.format("po_2026100%02d", day + 1);
      case "adyen" -> "PayledgerEU:" + (1000 + day);
      default -> "B" + (day + 1);
    };
  }

  static String paymentId(String layout, int i) {
    return switch (layout) {
      case "stripe" -> "pi_" + (3_000_000 + i);
      case "adyen" -> String.valueOf(8_816_000_000_000_000L + i);
      default -> "pay-" + i;
    };
  }

  private static Set<Integer> pick(Random random, int n, int count, Set<Integer> taken) {
    Set<Integer> picked = new HashSet<>();
    while (picked.size() < count) {
      int i = random.nextInt(n);
      if (i % 10 != 3 || picked.size() % 2 == 0) {
        if (!taken.contains(i)) {
          picked.add(i);
        }
      }
    }
    return picked;
  }

  private static Set<Integer> union(Set<Integer> a, Set<Integer> b) {
    Set<Integer> u = new HashSet<>(a);
    u.addAll(b);
    return u;
  }
}
