package payledger.order;

/** The normalized kinds of gateway payment events; every gateway adapter maps onto these. */
public enum PaymentEventType {
  /** Funds reserved on the customer's method; moves no money yet. */
  AUTHORIZED,
  /** A successful capture or charge: money received. */
  SUCCEEDED,
  /** An attempt that did not take money. */
  FAILED,
  /** Money returned to the customer (full or partial). */
  REFUNDED,
  /** The customer's bank pulled the money back. */
  CHARGEBACK,
  /** A chargeback decided in the merchant's favour: the money is reinstated. */
  CHARGEBACK_REVERSED,
  /**
   * A gateway fact kept for the record that moves no money (a dispute update or closure, a chargeback
   * notice, a cancelled authorisation, a failed refund); {@code failureReason} carries the gateway's
   * status word. Disputes (issue 5) and discrepancies read these later.
   */
  NOTICE
}
