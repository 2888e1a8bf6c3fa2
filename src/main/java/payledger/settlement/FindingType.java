package payledger.settlement;

/** What a settlement reconciliation finds wrong. */
public enum FindingType {
  /** A payment the ledger journaled that no settlement line covered within the configured days. */
  SETTLEMENT_MISSING,
  /** A line whose gross (or currency) is not the ledger's amount for that payment. */
  SETTLEMENT_AMOUNT_MISMATCH,
  /** A payment, refund or chargeback line the ledger has no event for. */
  UNKNOWN_SETTLEMENT,
  /** A fee above the configured expectation for the gateway and method. */
  FEE_ANOMALY,
  /** A payout batch whose lines do not sum to the payout. */
  PAYOUT_TOTAL_MISMATCH
}
