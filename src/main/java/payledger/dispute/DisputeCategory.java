package payledger.dispute;

/**
 * What a case is about. The category decides the priority, and whether it is a gateway
 * <em>dispute</em> (a chargeback: 95 % resolved within 48 h) or a customer <em>payment issue</em>
 * (99 % within 48 h).
 */
public enum DisputeCategory {
  FAILED_TRANSACTION(Priority.MEDIUM),
  INCORRECT_CHARGE(Priority.MEDIUM),
  DOUBLE_CHARGE(Priority.HIGH),
  REFUND_ISSUE(Priority.MEDIUM),
  MISSING_PAYMENT(Priority.HIGH),
  PARTIAL_PAYMENT(Priority.MEDIUM),
  OVERPAYMENT(Priority.MEDIUM),
  CHARGEBACK(Priority.HIGH),
  FRAUD(Priority.HIGH),
  OTHER(Priority.LOW),
  /** A vendor's payout did not come (a vendor case). */
  PAYOUT_MISSING(Priority.HIGH),
  /** A vendor's payout came with the wrong amount, or failed (a vendor case). */
  PAYOUT_INCORRECT(Priority.HIGH);

  public enum Priority {
    HIGH,
    MEDIUM,
    LOW
  }

  public enum Kind {
    DISPUTE,
    PAYMENT_ISSUE
  }

  private final Priority priority;

  DisputeCategory(Priority priority) {
    this.priority = priority;
  }

  public Priority priority() {
    return priority;
  }

  /** The categories of vendor cases (about payouts), and only of those. */
  public static java.util.Set<DisputeCategory> forVendors() {
    return java.util.EnumSet.of(PAYOUT_MISSING, PAYOUT_INCORRECT);
  }

  public Kind kind() {
    return this == CHARGEBACK || this == FRAUD ? Kind.DISPUTE : Kind.PAYMENT_ISSUE;
  }
}
