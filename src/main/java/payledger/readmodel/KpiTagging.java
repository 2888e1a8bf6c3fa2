package payledger.readmodel;

import java.util.function.Predicate;
import payledger.dispute.Dispute;
import payledger.order.OrderLedger;

/**
 * Pure: which projection instance, by its tag, keeps the tally of a KPI fact. The order projection
 * writes the facts of orders, their payments and discrepancies (item ids {@code orderId} or
 * {@code orderId/...}); the dispute projection those of cases (item id the case's).
 */
final class KpiTagging {

  private KpiTagging() {}

  static Predicate<KpiFact> ofOrderTag(String tag) {
    return f -> f.kind() != KpiFact.Kind.CASE && OrderLedger.tagFor(orderId(f.itemId())).equals(tag);
  }

  static Predicate<KpiFact> ofDisputeTag(String tag) {
    return f -> f.kind() == KpiFact.Kind.CASE && Dispute.tagFor(f.itemId()).equals(tag);
  }

  static String orderId(String itemId) {
    int slash = itemId.indexOf('/');
    return slash < 0 ? itemId : itemId.substring(0, slash);
  }
}
