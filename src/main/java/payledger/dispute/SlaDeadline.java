package payledger.dispute;

/** The moments of a case's SLA. Each passes at most once; the overdue ones escalate the case. */
public enum SlaDeadline {
  ACK_WARNING(false),
  ACK_OVERDUE(true),
  RESOLUTION_WARNING(false),
  RESOLUTION_OVERDUE(true),
  EVIDENCE_DUE_SOON(false);

  private final boolean breach;

  SlaDeadline(boolean breach) {
    this.breach = breach;
  }

  /** A missed target (rather than a warning): escalates the case and raises an alert. */
  public boolean isBreach() {
    return breach;
  }
}
