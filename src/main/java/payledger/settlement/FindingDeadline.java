package payledger.settlement;

/**
 * The SLA moments of a settlement finding: its resolution deadline ({@code resolve-within}, 48 h)
 * and the pre-breach warning at {@code warn-at} of that window. Each passes at most once; the
 * breach escalates the finding.
 */
public enum FindingDeadline {
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
