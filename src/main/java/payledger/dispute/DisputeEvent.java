package payledger.dispute;

import java.time.Instant;
import payledger.serialization.CborSerializable;

/** The events of a {@link Dispute}: together, the case's timeline and audit trail. */
public sealed interface DisputeEvent extends CborSerializable {
  String disputeId();

  Instant at();

  /** @param acknowledgeBy, resolveBy the SLA deadlines, fixed when the case opens */
  record Opened(
      String disputeId,
      CaseDetails details,
      Instant acknowledgeBy,
      Instant resolveBy,
      Instant evidenceDueBy,
      Instant at)
      implements DisputeEvent {}

  /** Acknowledge, note, request info, customer reply, escalate or close, by someone. */
  record ActionTaken(
      String disputeId, Lifecycle.Action action, String actor, String text, Instant at)
      implements DisputeEvent {}

  record Resolved(String disputeId, CaseResolution resolution, Instant at) implements DisputeEvent {}

  /** The order's ledger lists this case among the order's disputes. */
  record OrderNoted(String disputeId, Instant at) implements DisputeEvent {}

  /** The order's ledger confirmed it applied the resolution (once, whatever the retries). */
  record LedgerConfirmed(String disputeId, Instant at) implements DisputeEvent {}

  /** The order's ledger refused the resolution (e.g. another currency): support must act. */
  record LedgerRefused(String disputeId, String reason, Instant at) implements DisputeEvent {}

  record FeedbackRecorded(String disputeId, int csat, String comment, Instant at)
      implements DisputeEvent {}

  /** The gateway decided a chargeback: WON (funds reinstated) or LOST. */
  record GatewayDecided(String disputeId, Outcome outcome, Instant at) implements DisputeEvent {
    public enum Outcome {
      WON,
      LOST
    }
  }

  /** An SLA moment passed: a warning, or a breach that escalates the case. */
  record DeadlinePassed(String disputeId, SlaDeadline deadline, Instant dueAt, Instant at)
      implements DisputeEvent {}

  /**
   * The case is about a marketplace vendor (source {@code VENDOR}), journaled with its
   * {@link Opened}: the vendor, and the payout discrepancy on its ledger it is about, or null.
   */
  record VendorReferenced(String disputeId, String vendorId, String payoutDiscrepancyId, Instant at)
      implements DisputeEvent {}

  /**
   * A notification about the case (acknowledgement, status update, resolution) reached the customer,
   * or failed on every channel ({@code report.delivered()} false).
   */
  record CustomerNotified(String disputeId, payledger.order.DeliveryReport report, Instant at)
      implements DisputeEvent {}
}
