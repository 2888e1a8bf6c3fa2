package payledger.readmodel;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import payledger.order.OrderEvent;
import payledger.order.OrderState;

/**
 * Pure: what one order event (or several) changes in the read models. The projection folds events into the
 * order's state (the entity's own {@link OrderState#apply}) and writes only the rows whose values
 * differ, so redelivering an event, or replaying the journal, writes the same values again.
 */
public final class OrderReadModel {

  /**
   * @param rowBefore null when the order was not listed yet; {@code rowAfter} null when still not
   * @param discrepancies the discrepancy rows that are new or changed
   * @param facts the KPI facts that are new or changed
   */
  public record Changes(
      OrderState after,
      OrderRow rowBefore,
      OrderRow rowAfter,
      List<DiscrepancyRow> discrepancies,
      List<KpiFact> facts) {

    public boolean rowChanged() {
      return !Objects.equals(rowBefore, rowAfter);
    }
  }

  private OrderReadModel() {}

  public static Changes changes(OrderState before, OrderEvent event) {
    return between(before, before.apply(event));
  }

  /** What changed from {@code before} to {@code after}, one event or several apart. */
  public static Changes between(OrderState before, OrderState after) {
    Map<String, DiscrepancyRow> old = before.discrepancies().stream()
        .map(d -> DiscrepancyRow.of(before, d))
        .collect(Collectors.toMap(DiscrepancyRow::key, Function.identity()));
    List<DiscrepancyRow> discrepancies = after.discrepancies().stream()
        .map(d -> DiscrepancyRow.of(after, d))
        .filter(row -> !row.equals(old.get(row.key())))
        .toList();
    return new Changes(after, OrderRow.of(before), OrderRow.of(after), discrepancies,
        KpiFacts.changed(KpiFacts.of(before), KpiFacts.of(after)));
  }
}
