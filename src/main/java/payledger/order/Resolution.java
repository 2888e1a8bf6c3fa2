package payledger.order;

/** How a discrepancy was closed. Every value but {@link #AUTO_MATCHED} is a manual action. */
public enum Resolution {
  /** Later events (a missing payment, a refund of a duplicate, the order itself) fixed it. */
  AUTO_MATCHED,
  /** The excess was (or will be) returned to the customer. */
  REFUNDED,
  /** The invoice was changed to match what was paid. */
  INVOICE_ADJUSTED,
  /** The customer was asked to pay again / the charge was retried. */
  PAYMENT_RETRIED,
  /** The shortfall is accepted as a loss. */
  WRITTEN_OFF,
  /** The situation is correct as it is (e.g. another method was fine after all). */
  ACCEPTED
}
