package payledger.settlement;

/**
 * The SLA moments of a settlement finding, the same four as a discrepancy's: its notice deadline
 * ({@code notice-within}, 24 h: finance has looked at it) and its resolution deadline
 * ({@code resolve-within}, 48 h), each with a pre-breach warning at {@code warn-at} of its window.
 * Each passes at most once; the breaches escalate the finding. Journaled by name: never rename one.
 */
public enum FindingDeadline {
  NOTICE_WARNING(false),
  /** Nobody acted on the finding within its notice window. */
  NOTICE_OVERDUE(true),
  RESOLUTION_WARNING(false),
  RESOLUTION_OVERDUE(true);

  private final boolean breach;

  FindingDeadline(boolean breach) {
    this.breach = breach;
  }

  /** A missed target (rather than a warning): escalates the finding and raises an alert. */
  public boolean isBreach() {
    return breach;
  }

  /**
   * Its name among the SLA moments of the service ({@code payledger_sla_deadlines_passed_total}),
   * apart from the cases' and the discrepancies' moments of the same name.
   */
  public String metricName() {
    return "SETTLEMENT_" + name();
  }
}
