package payledger.readmodel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import payledger.money.Money;
import payledger.order.Invoice;
import payledger.order.OrderEvent;
import payledger.order.OrderState;
import payledger.order.PaymentEvent;
import payledger.order.PaymentEventType;

/**
 * The KPI tallies' CPU next to the former aggregator's, without Cassandra (a test-scope main:
 * {@code load-tests/test-main.sh payledger.readmodel.KpiTallyBenchmark [orders]}): the tallies'
 * work per order (its facts before and after each fold, their change, added to the kept rows)
 * against the aggregator's summary of a whole hour of facts, which it recomputed every pass
 * ({@code kpi-interval}, 2 s) while the hour was current. Prints nanoseconds per order and per fact.
 */
public final class KpiTallyBenchmark {

  private static final Instant T = Instant.parse("2026-11-22T10:00:00Z");

  public static void main(String[] args) {
    int orders = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    Invoice invoice = new Invoice("c1", "c@example.com", "EUR",
        List.of(new Invoice.LineItem("SKU", "Mug", 1, 1000)), 0, List.of(), List.of(), null);
    List<OrderState[]> folds = new ArrayList<>();
    List<KpiFact> facts = new ArrayList<>();
    for (int i = 0; i < orders; i++) {
      String id = "bench-" + i;
      Instant at = T.plusMillis(36L * i % 3_600_000);
      OrderState registered = OrderState.empty(id).apply(new OrderEvent.OrderRegistered(id, invoice, at));
      OrderState paid = registered.apply(new OrderEvent.PaymentRecorded(id, new PaymentEvent("ev-" + id,
          i % 2 == 0 ? "adyen" : "stripe", PaymentEventType.SUCCEEDED, id, "psp-" + id,
          new Money(1000, "EUR"), i % 3 == 0 ? "paypal" : "card", at, "c1", null), at.plusSeconds(1)));
      folds.add(new OrderState[] {OrderState.empty(id), registered, paid});
      facts.addAll(KpiFacts.of(paid));
    }
    for (int round = 0; round < 5; round++) { // the last round is printed: the JIT has settled
      long t0 = System.nanoTime();
      Map<KpiSummary.Key, Tally> kept = new java.util.HashMap<>();
      for (OrderState[] f : folds) {
        for (int step = 1; step < f.length; step++) {
          KpiSummary.delta(KpiFacts.of(f[step - 1]), KpiFacts.of(f[step])).forEach((key, change) ->
              kept.put(key, change.applyTo(kept.getOrDefault(key, new Tally()))));
        }
      }
      long tallies = System.nanoTime() - t0;
      long t1 = System.nanoTime();
      Map<ReadModelStore.Dims, Tally> summary = KpiSummary.of(facts);
      long aggregate = System.nanoTime() - t1;
      if (round == 4) {
        System.out.printf("tallies: %d orders (2 folds each) in %.1f ms: %.1f µs per order%n", orders,
            tallies / 1e6, tallies / 1e3 / orders);
        System.out.printf("aggregator: one summary of %d facts in %.1f ms: %.2f µs per fact re-read "
            + "(%d rows)%n", facts.size(), aggregate / 1e6, aggregate / 1e3 / facts.size(), summary.size());
      }
    }
  }
}
