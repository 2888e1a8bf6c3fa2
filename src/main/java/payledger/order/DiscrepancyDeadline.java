package payledger.order;

/**
 * The SLA moments of a discrepancy: the customer notice (24 h) and the resolution (48 h), each with
 * a pre-breach warning. Each passes at most once; the overdue ones escalate the discrepancy.
 */
public enum DiscrepancyDeadline {
  NOTICE_WARNING(false),
  /** No notice about the discrepancy reached the customer in time: reach them some other way. */
  NOTICE_OVERDUE(true),
  RESOLUTION_WARNING(false),
  RESOLUTION_OVERDUE(true);

  private final boolean breach;

  DiscrepancyDeadline(boolean breach) {
    this.breach = breach;
  }

  /** A missed target (rather than a warning): escalates the discrepancy and raises an alert. */
  public boolean isBreach() {
    return breach;
  }

  /**
   * Its name among the SLA moments of the service ({@code payledger_sla_deadlines_passed_total}),
   * apart from the cases' moments of the same name.
   */
  public String metricName() {
    return "DISCREPANCY_" + name();
  }
}
