package payledger.readmodel;

import java.time.Instant;
import payledger.dispute.CaseDetails;
import payledger.dispute.DisputeCase;

/**
 * One case as the dispute lists show it.
 *
 * @param gateway the gateway it is attributed to: the one that opened it (a chargeback), else the
 *     gateway of its order as the order read model knows it; null when none is known
 */
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
    Instant resolvedAt,
    String gateway) {

  /**
   * The row of a case, or null before it is opened.
   *
   * @param orderGateway the gateway of the case's order, null (or {@link OrderRow#NONE}) when unknown
   */
  public static DisputeRow of(DisputeCase c, String orderGateway) {
    if (!c.isOpened()) {
      return null;
    }
    CaseDetails details = c.details();
    String gateway = details.source() == CaseDetails.Source.GATEWAY && details.openedBy() != null
        ? details.openedBy()
        : OrderRow.NONE.equals(orderGateway) ? null : orderGateway;
    var category = c.details().category();
    return new DisputeRow(c.disputeId(), c.state().name(), category.priority().name(),
        category.name(), category.kind().name(), c.details().orderId(), c.details().customerId(),
        c.escalation(), c.openedAt(), c.acknowledgeBy(), c.acknowledgedAt(), c.resolveBy(),
        c.resolvedAt(), gateway);
  }

  /** Active cases live in the working-set partition; resolved and closed ones by hour. */
  public boolean isActive() {
    return resolvedAt == null;
  }

  /** Overdue at {@code now}: not acknowledged by its acknowledgement deadline, or not resolved by its resolution deadline. */
  public boolean overdueAt(Instant now) {
    return (acknowledgedAt == null && acknowledgeBy != null && now.isAfter(acknowledgeBy))
        || (resolvedAt == null && resolveBy != null && now.isAfter(resolveBy));
  }
}
