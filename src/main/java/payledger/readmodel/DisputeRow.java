package payledger.readmodel;

import java.time.Instant;
import payledger.dispute.DisputeCase;

/** One case as the dispute lists show it. */
public record DisputeRow(
    String disputeId,
    String state,
    String priority,
    String category,
    String kind,
    String orderId,
    String customerId,
    int escalation,
    Instant openedAt,
    Instant acknowledgeBy,
    Instant acknowledgedAt,
    Instant resolveBy,
    Instant resolvedAt) {

  /** The row of a case, or null before it is opened. */
  public static DisputeRow of(DisputeCase c) {
    if (!c.isOpened()) {
      return null;
    }
    var category = c.details().category();
    return new DisputeRow(c.disputeId(), c.state().name(), category.priority().name(),
        category.name(), category.kind().name(), c.details().orderId(), c.details().customerId(),
        c.escalation(), c.openedAt(), c.acknowledgeBy(), c.acknowledgedAt(), c.resolveBy(),
        c.resolvedAt());
  }

  /** Active cases live in the working-set partition; resolved and closed ones by month. */
  public boolean isActive() {
    return resolvedAt == null;
  }

  /** Overdue at {@code now}: not acknowledged by its acknowledgement deadline, or not resolved by its resolution deadline. */
  public boolean overdueAt(Instant now) {
    return (acknowledgedAt == null && acknowledgeBy != null && now.isAfter(acknowledgeBy))
        || (resolvedAt == null && resolveBy != null && now.isAfter(resolveBy));
  }
}
