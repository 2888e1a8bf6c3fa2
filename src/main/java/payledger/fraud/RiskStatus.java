package payledger.fraud;

/** Where an order stands on risk: its score against the two thresholds. It never goes down. */
public enum RiskStatus {
  CLEAR,
  /** In the review queue. */
  REVIEW,
  /** A FRAUD case was opened for it. */
  CASE
}
