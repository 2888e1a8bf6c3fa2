package payledger.order;

/** Where an order stands against its invoice. */
public enum OrderStatus {
  /** Payments arrived but the order management system has not registered the order yet. */
  UNLINKED,
  /** Registered; nothing paid yet. */
  AWAITING_PAYMENT,
  /** Some money received, less than due. */
  PARTIALLY_PAID,
  /** Net paid equals due, in the invoice currency, by the expected method. */
  RECONCILED,
  /** More received than due. */
  OVERPAID,
  /**
   * Something no amount can settle: money in another currency, an unexpected payment method, or
   * more refunded and charged back than was ever paid.
   */
  DISCREPANCY
}
