package payledger.http;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import payledger.dispute.CaseDetails;
import payledger.dispute.CaseResolution;
import payledger.dispute.Dispute;
import payledger.dispute.DisputeCase;
import payledger.dispute.DisputeCategory;
import payledger.dispute.Lifecycle;
import payledger.dispute.SlaDeadline;
import payledger.money.Money;

/** The JSON of a case: state, deadlines with the time left, timeline and the linked order. */
record DisputeResponse(
    String id,
    String trackingNumber,
    DisputeCategory.Kind kind,
    DisputeCategory category,
    DisputeCategory.Priority priority,
    Lifecycle.State state,
    int escalationLevel,
    String orderId,
    String customerId,
    String description,
    Money amount,
    CaseDetails.Source source,
    String gatewayRef,
    String discrepancyId,
    Instant openedAt,
    Deadlines deadlines,
    Set<SlaDeadline> slaPassed,
    Instant acknowledgedAt,
    Instant resolvedAt,
    CaseResolution resolution,
    boolean ledgerConfirmed,
    String ledgerRefusal,
    String outcome,
    Integer csat,
    boolean firstContactResolution,
    Set<Lifecycle.Action> allowedActions,
    List<DisputeCase.TimelineEntry> timeline,
    Vendor vendor) {

  /** What a vendor case is about (source VENDOR): the vendor and its payout discrepancy, if any. */
  record Vendor(String vendorId, String payoutDiscrepancyId) {}

  /**
   * @param acknowledgeSecondsLeft null once acknowledged; negative when overdue
   * @param resolveSecondsLeft null once resolved; negative when overdue
   */
  record Deadlines(
      Instant acknowledgeBy,
      Long acknowledgeSecondsLeft,
      Instant resolveBy,
      Long resolveSecondsLeft,
      Instant evidenceDueBy,
      boolean overdue) {}

  /** The answer to a command or a read: 201 when the command changed the case, 200 otherwise. */
  static HttpResponse answer(Dispute.View view, Instant now) {
    return Json.response(view.changed() ? 201 : 200, from(view.dispute(), now));
  }

  static DisputeResponse from(DisputeCase c, Instant now) {
    CaseDetails d = c.details();
    Long ackLeft = c.acknowledgedAt() == null ? secondsLeft(now, c.acknowledgeBy()) : null;
    Long resolveLeft = c.resolvedAt() == null ? secondsLeft(now, c.resolveBy()) : null;
    boolean overdue = (ackLeft != null && ackLeft < 0) || (resolveLeft != null && resolveLeft < 0);
    return new DisputeResponse(c.disputeId(), c.disputeId(), d.category().kind(), d.category(),
        d.category().priority(), c.state(), c.escalation(), d.orderId(), d.customerId(),
        d.description(), d.amount(), d.source(), d.gatewayRef(), d.discrepancyId(), c.openedAt(),
        new Deadlines(c.acknowledgeBy(), ackLeft, c.resolveBy(), resolveLeft, c.evidenceDueBy(), overdue),
        c.passed(), c.acknowledgedAt(), c.resolvedAt(), c.resolution(), c.ledgerConfirmed(),
        c.ledgerRefusal(), c.outcome() == null ? null : c.outcome().name(), c.csat(),
        c.firstContactResolution(), c.allowedActions(), c.timeline(), c.vendor() == null ? null
            : new Vendor(c.vendor().vendorId(), c.vendor().payoutDiscrepancyId()));
  }

  private static long secondsLeft(Instant now, Instant deadline) {
    return Duration.between(now, deadline).toSeconds();
  }
}
