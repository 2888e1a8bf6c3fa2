package payledger.settlement;

/** What one settlement line is, in every gateway's layout. */
public enum SettlementKind {
  /** A captured payment settled to the merchant (Stripe charge, Adyen Settled). */
  PAYMENT,
  /** Money returned to the customer (Stripe refund, Adyen Refunded). */
  REFUND,
  /** A chargeback debited (Stripe dispute, Adyen Chargeback / SecondChargeback). */
  CHARGEBACK,
  /** A chargeback won back (Stripe dispute_reversal, Adyen ChargebackReversed). */
  CHARGEBACK_REVERSAL,
  /** A fee not tied to one payment (Stripe fee, Adyen Fee, InvoiceDeduction). */
  FEE,
  /** The payout itself: its net is the negative of what reaches the bank (Adyen MerchantPayout). */
  PAYOUT,
  /** Anything else the gateway moves (adjustments, transfers, balance corrections). */
  OTHER;

  /** Lines the ledger has an event for: matched to a payment, refund or chargeback. */
  public boolean matchesLedger() {
    return this == PAYMENT || this == REFUND || this == CHARGEBACK || this == CHARGEBACK_REVERSAL;
  }
}
