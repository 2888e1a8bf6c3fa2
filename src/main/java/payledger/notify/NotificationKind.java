package payledger.notify;

/** What a customer (or vendor) notification is about; each kind has one template per locale. */
public enum NotificationKind {
  PAYMENT_CONFIRMED,
  /** With retry instructions. */
  PAYMENT_FAILED,
  /** A partial payment, or a payment on hold (authorized, not captured yet). */
  PAYMENT_UPDATE,
  /** A discrepancy on the order, with the time it is expected to be resolved by. */
  DISCREPANCY_NOTICE,
  /**
   * For the marketplace's support queue, not the customer: a discrepancy's SLA moment passed (a
   * warning or a breach). Sent on the webhook channel only.
   */
  DISCREPANCY_SLA,
  DISPUTE_ACKNOWLEDGED,
  DISPUTE_UPDATE,
  DISPUTE_RESOLVED,
  RECEIPT,
  /** A signed, expiring link into the customer portal, asked for with the customer's email. */
  PORTAL_ACCESS,
  /** To a vendor: a payout of theirs was short, excess, missing or failed ({@link VendorNoticePlan}). */
  VENDOR_PAYOUT_ISSUE,
  /** To a vendor: that payout discrepancy is still open at its notice deadline. */
  VENDOR_PAYOUT_REMINDER,
  /** To a vendor: its own case (source VENDOR) was acknowledged ({@link VendorCasePlan}). */
  VENDOR_CASE_ACKNOWLEDGED,
  /** To a vendor: its own case was resolved, with the outcome in words. */
  VENDOR_CASE_RESOLVED,
  /** To a vendor: a signed, expiring link into the vendor portal, asked for with its vendor id. */
  VENDOR_PORTAL_ACCESS;

  /** The template's file name: {@code templates/{locale}/{name}.mustache}. */
  String template() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
