package payledger.fraud;

/**
 * The fraud and anomaly rules evaluated on every payment event ({@link FraudRules}). The names are
 * stored (assessments, rule outcomes) and are metric labels: never rename one.
 */
public enum FraudRule {
  /** Many small authorisations or failures on one customer, card or email within minutes. */
  CARD_TESTING,
  /** Many failed payments on one customer or card within the hour. */
  FAILURE_VELOCITY,
  /** Many distinct cards used by one customer within a day. */
  MANY_CARDS,
  /** A customer who gets back a large share of what they pay, again and again. */
  REFUND_ABUSE,
  /** A payment from a customer or card that already charged back. */
  CHARGEBACK_HISTORY,
  /** An amount far above what the customer usually pays. */
  AMOUNT_SPIKE,
  /** A currency the customer, with an established history, never paid in. */
  UNUSUAL_CURRENCY,
  /** A payment method the customer, with an established history, never used. */
  UNUSUAL_METHOD,
  /** One order paid from several gateways or several cards. */
  MULTI_SOURCE_ORDER,
  /** Repeated payments without an order from one customer, card or email. */
  UNLINKED_PATTERN
}
