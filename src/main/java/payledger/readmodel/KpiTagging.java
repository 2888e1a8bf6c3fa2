package payledger.readmodel;

import java.util.function.Predicate;
import payledger.dispute.Dispute;
import payledger.order.OrderLedger;
import payledger.vendor.VendorLedger;

/**
 * Pure: which projection instance, by its tag, keeps the tally of a KPI fact. The order projection
 * writes the facts of orders, their payments and discrepancies (item ids {@code orderId} or
 * {@code orderId/...}); the dispute projection those of cases (item id the case's); the vendor
 * projection those of payout periods (item id {@code vendorId/currency/day}).
 */
final class KpiTagging {

  private KpiTagging() {}

  static Predicate<KpiFact> ofOrderTag(String tag) {
    return f -> f.kind() != KpiFact.Kind.CASE && f.kind() != KpiFact.Kind.PAYOUT_PERIOD
        && OrderLedger.tagFor(orderId(f.itemId())).equals(tag);
  }

  static Predicate<KpiFact> ofDisputeTag(String tag) {
    return f -> f.kind() == KpiFact.Kind.CASE && Dispute.tagFor(f.itemId()).equals(tag);
  }

  static Predicate<KpiFact> ofVendorTag(String tag) {
    return f -> f.kind() == KpiFact.Kind.PAYOUT_PERIOD && VendorLedger.tagFor(vendorId(f.itemId())).equals(tag);
  }

  /** A payout period's item id is {@code vendorId/currency/day}: the vendor is all before the last two. */
  static String vendorId(String itemId) {
    int last = itemId.lastIndexOf('/');
    int before = last < 0 ? -1 : itemId.lastIndexOf('/', last - 1);
    return before < 0 ? itemId : itemId.substring(0, before);
  }

  static String orderId(String itemId) {
    int slash = itemId.indexOf('/');
    return slash < 0 ? itemId : itemId.substring(0, slash);
  }
}
