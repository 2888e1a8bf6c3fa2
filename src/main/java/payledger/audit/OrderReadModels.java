package payledger.audit;

import static payledger.readmodel.ReadModelRows.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import payledger.audit.EntityCheck.Difference;
import payledger.order.Discrepancy;
import payledger.order.OrderState;
import payledger.readmodel.DiscrepancyRow;
import payledger.readmodel.KpiFact;
import payledger.readmodel.KpiFacts;
import payledger.readmodel.OrderRow;
import payledger.readmodel.ReadModelRows;
import payledger.readmodel.ReadModelStore;

/**
 * An order's read models against its replayed state: the fold and the method and gateway kept
 * beside it, its row in each order list (and under no other status), each discrepancy in the open
 * queue or, once resolved, in the resolved list and no longer open, and its KPI facts (the order,
 * each payment, each discrepancy).
 */
final class OrderReadModels {

  private final ReadModelStore store;
  private final ReadModelRows rows;

  OrderReadModels(ReadModelStore store, ReadModelRows rows) {
    this.store = store;
    this.rows = rows;
  }

  CompletionStage<List<Difference>> compare(OrderState replayed, OrderState fold) {
    String id = replayed.orderId();
    List<CompletionStage<List<Difference>>> parts = new ArrayList<>();
    parts.add(CompletableFuture.completedFuture(new Differences()
        .row(ReadModelCheck.ORDER_VIEW, replayed, fold, Set.of("lastHash")).list()));
    OrderRow row = OrderRow.of(replayed);
    ReadModelStore.Dims dims = row == null ? ReadModelStore.Dims.NONE
        : new ReadModelStore.Dims(row.method(), row.gateway());
    parts.add(store.orderDims(id).thenApply(kept ->
        new Differences().row(ReadModelCheck.ORDER_VIEW, dims, kept).list()));
    if (row != null) {
      parts.add(rows.orders(row).thenApply(kept -> {
        Differences d = new Differences()
            .row(ORDERS_BY_HOUR, row, first(kept.get(ORDERS_BY_HOUR)));
        List<OrderRow> byStatus = kept.get(ORDERS_BY_STATUS);
        d.row(ORDERS_BY_STATUS, row, byStatus.stream()
            .filter(r -> r.status().equals(row.status())).findFirst().orElse(null));
        byStatus.stream().filter(r -> !r.status().equals(row.status())).forEach(stale ->
            d.add(new Difference(ORDERS_BY_STATUS, "status", row.status() + " only",
                "also listed under " + stale.status())));
        if (row.customerId() != null) {
          d.row(ORDERS_BY_CUSTOMER, row, first(kept.get(ORDERS_BY_CUSTOMER)));
        }
        return d.list();
      }));
    }
    for (Discrepancy discrepancy : replayed.discrepancies()) {
      DiscrepancyRow expected = DiscrepancyRow.of(replayed, discrepancy);
      if (expected.isOpen()) {
        parts.add(rows.openDiscrepancy(expected).thenApply(kept ->
            new Differences().row(OPEN_DISCREPANCIES, expected, kept.orElse(null)).list()));
      } else {
        parts.add(rows.resolvedDiscrepancy(expected).thenApply(kept ->
            new Differences().row(RESOLVED_DISCREPANCIES, expected, kept.orElse(null)).list()));
        parts.add(rows.openDiscrepancy(expected).thenApply(kept -> kept.isEmpty() ? List.of()
            : List.of(new Difference(OPEN_DISCREPANCIES, Difference.ROW,
                "absent (resolved " + Differences.show(expected.resolvedAt()) + ")",
                "present: " + expected.key() + " still in the open queue"))));
      }
    }
    for (KpiFact fact : KpiFacts.of(replayed)) {
      parts.add(rows.fact(fact).thenApply(kept ->
          new Differences().row(KPI_FACTS, fact, kept.orElse(null)).list()));
    }
    return ReadModelCheck.all(parts);
  }

  private static <T> T first(List<T> rows) {
    return rows == null || rows.isEmpty() ? null : rows.get(0);
  }
}
