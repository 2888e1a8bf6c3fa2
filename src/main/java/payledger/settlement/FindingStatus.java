package payledger.settlement;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Where one finding of a batch stands: the finding, the SLA moments that passed (in order), its
 * escalation level (0-{@link FindingSla#MAX_ESCALATION}) and, once resolved, who resolved it, why
 * and when.
 */
public record FindingStatus(Finding finding, List<FindingDeadline> passed, int escalation,
    String resolvedBy, String reason, Instant resolvedAt) {

  public FindingStatus {
    passed = List.copyOf(passed);
  }

  static FindingStatus raised(Finding finding) {
    return new FindingStatus(finding, List.of(), 0, null, null, null);
  }

  public boolean isOpen() {
    return resolvedAt == null;
  }

  FindingStatus passed(FindingDeadline deadline, int level) {
    List<FindingDeadline> all = new ArrayList<>(passed);
    all.add(deadline);
    return new FindingStatus(finding, all, level, resolvedBy, reason, resolvedAt);
  }

  FindingStatus resolved(String by, String why, Instant at) {
    return new FindingStatus(finding, passed, escalation, by, why, at);
  }
}
