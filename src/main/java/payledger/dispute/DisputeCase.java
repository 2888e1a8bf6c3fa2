package payledger.dispute;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import payledger.chain.ChainedState;
import payledger.dispute.DisputeEvent.*;
import payledger.serialization.CborSerializable;

/**
 * The state of a {@link Dispute}, built only from its events.
 *
 * @param details null until opened
 * @param passed the SLA moments that have passed (each fires once)
 * @param ledgerRefusal why the order's ledger refused the resolution, or null
 * @param customerRoundTrips how often support waited on the customer (for first-contact resolution)
 * @param notified the ids of the customer notifications whose outcome was recorded
 * @param vendor the vendor a vendor case is about, or null (and in states before vendor cases)
 * @param lastHash the hash of the last journaled event (the audit chain); null before the first
 */
public record DisputeCase(
    String disputeId,
    CaseDetails details,
    Lifecycle.State state,
    int escalation,
    Instant openedAt,
    Instant acknowledgeBy,
    Instant resolveBy,
    Instant evidenceDueBy,
    Instant acknowledgedAt,
    Instant resolvedAt,
    CaseResolution resolution,
    boolean orderNoted,
    boolean ledgerConfirmed,
    String ledgerRefusal,
    GatewayDecided.Outcome outcome,
    Integer csat,
    int customerRoundTrips,
    Set<SlaDeadline> passed,
    List<TimelineEntry> timeline,
    List<String> notified,
    String lastHash,
    VendorReferenced vendor)
    implements CborSerializable, ChainedState<DisputeCase> {

  /** One line of the case's history, for people. */
  public record TimelineEntry(Instant at, String what, String actor, String text)
      implements CborSerializable {}

  public DisputeCase {
    passed = passed.isEmpty() ? EnumSet.noneOf(SlaDeadline.class) : EnumSet.copyOf(passed);
    timeline = List.copyOf(timeline);
    notified = notified == null ? List.of() : List.copyOf(notified);
  }

  public static DisputeCase empty(String disputeId) {
    return new DisputeCase(disputeId, null, Lifecycle.State.OPEN, 0, null, null, null, null, null,
        null, null, false, false, null, null, null, 0, Set.of(), List.of(), List.of(), null, null);
  }

  @Override
  public DisputeCase withLastHash(String hash) {
    return new DisputeCase(disputeId, details, state, escalation, openedAt, acknowledgeBy,
        resolveBy, evidenceDueBy, acknowledgedAt, resolvedAt, resolution, orderNoted,
        ledgerConfirmed, ledgerRefusal, outcome, csat, customerRoundTrips, passed, timeline,
        notified, hash, vendor);
  }

  public boolean isOpened() {
    return details != null;
  }

  /** Resolved at the first contact: no wait on the customer and no escalation. */
  public boolean firstContactResolution() {
    return resolvedAt != null && customerRoundTrips == 0 && escalation == 0;
  }

  /** The order must list this case and has not confirmed it yet. */
  boolean owesOrderNote() {
    return isOpened() && details.orderId() != null && !orderNoted;
  }

  /** A resolution that moves money has not been confirmed by the order's ledger yet. */
  boolean owesLedgerResolution() {
    return resolution != null && resolution.action().movesMoney()
        && details.orderId() != null && !ledgerConfirmed && ledgerRefusal == null;
  }

  public Set<Lifecycle.Action> allowedActions() {
    return Lifecycle.allowed(state, escalation, csat != null);
  }

  public DisputeCase apply(DisputeEvent event) {
    Builder b = new Builder(this);
    if (event instanceof Opened e) {
      b.details = e.details();
      b.openedAt = e.at();
      b.acknowledgeBy = e.acknowledgeBy();
      b.resolveBy = e.resolveBy();
      b.evidenceDueBy = e.evidenceDueBy();
      b.log(e.at(), "opened", e.details().openedBy(), e.details().description());
    } else if (event instanceof ActionTaken e) {
      b.state = Lifecycle.next(state, e.action());
      if (e.action() == Lifecycle.Action.ACKNOWLEDGE) {
        b.acknowledgedAt = e.at();
      } else if (e.action() == Lifecycle.Action.REQUEST_INFO) {
        b.customerRoundTrips++;
      } else if (e.action() == Lifecycle.Action.ESCALATE) {
        b.escalation = Math.min(Lifecycle.MAX_ESCALATION, escalation + 1);
      }
      b.log(e.at(), e.action().name().toLowerCase(), e.actor(), e.text());
    } else if (event instanceof Resolved e) {
      b.state = Lifecycle.State.RESOLVED;
      b.resolvedAt = e.at();
      b.resolution = e.resolution();
      b.log(e.at(), "resolved: " + e.resolution().action(), e.resolution().resolvedBy(),
          e.resolution().reason());
    } else if (event instanceof OrderNoted e) {
      b.orderNoted = true;
    } else if (event instanceof LedgerRefused e) {
      b.ledgerRefusal = e.reason();
      b.log(e.at(), "refused by the order's ledger", "payledger", e.reason());
    } else if (event instanceof LedgerConfirmed e) {
      b.ledgerConfirmed = true;
      b.log(e.at(), "applied to the order's ledger", "payledger", null);
    } else if (event instanceof FeedbackRecorded e) {
      b.csat = e.csat();
      b.log(e.at(), "feedback: " + e.csat() + "/5", "customer", e.comment());
    } else if (event instanceof GatewayDecided e) {
      b.outcome = e.outcome();
      b.log(e.at(), "gateway decided: " + e.outcome(), "gateway", null);
    } else if (event instanceof CustomerNotified e) {
      b.notified.add(e.report().notificationId());
      b.log(e.at(), e.report().delivered()
              ? "customer notified: " + e.report().kind().toLowerCase() + " by "
                  + e.report().channel().toLowerCase()
              : "customer notification failed: " + e.report().kind().toLowerCase(),
          "payledger", e.report().failures().isEmpty() ? null : String.join("; ", e.report().failures()));
    } else if (event instanceof VendorReferenced e) {
      b.vendor = e;
      b.log(e.at(), "about vendor " + e.vendorId(), "payledger", e.payoutDiscrepancyId() == null
          ? null : "payout discrepancy " + e.payoutDiscrepancyId());
    } else if (event instanceof DeadlinePassed e) {
      b.passed.add(e.deadline());
      if (e.deadline().isBreach()) {
        b.escalation = Math.min(Lifecycle.MAX_ESCALATION, escalation + 1);
      }
      b.log(e.at(), e.deadline().name().toLowerCase(), "payledger", "due " + e.dueAt());
    }
    return b.build();
  }

  /** Mutable copy used only inside {@link #apply}; the state itself stays immutable. */
  private static final class Builder {
    final String disputeId;
    CaseDetails details;
    Lifecycle.State state;
    int escalation;
    Instant openedAt, acknowledgeBy, resolveBy, evidenceDueBy, acknowledgedAt, resolvedAt;
    CaseResolution resolution;
    boolean orderNoted;
    boolean ledgerConfirmed;
    String ledgerRefusal;
    GatewayDecided.Outcome outcome;
    Integer csat;
    int customerRoundTrips;
    final Set<SlaDeadline> passed;
    final List<TimelineEntry> timeline;
    final List<String> notified;
    final String lastHash;
    VendorReferenced vendor;

    Builder(DisputeCase c) {
      disputeId = c.disputeId;
      details = c.details;
      state = c.state;
      escalation = c.escalation;
      openedAt = c.openedAt;
      acknowledgeBy = c.acknowledgeBy;
      resolveBy = c.resolveBy;
      evidenceDueBy = c.evidenceDueBy;
      acknowledgedAt = c.acknowledgedAt;
      resolvedAt = c.resolvedAt;
      resolution = c.resolution;
      orderNoted = c.orderNoted;
      ledgerConfirmed = c.ledgerConfirmed;
      ledgerRefusal = c.ledgerRefusal;
      outcome = c.outcome;
      csat = c.csat;
      customerRoundTrips = c.customerRoundTrips;
      passed = c.passed.isEmpty() ? EnumSet.noneOf(SlaDeadline.class) : EnumSet.copyOf(c.passed);
      timeline = new ArrayList<>(c.timeline);
      notified = new ArrayList<>(c.notified);
      lastHash = c.lastHash;
      vendor = c.vendor;
    }

    void log(Instant at, String what, String actor, String text) {
      timeline.add(new TimelineEntry(at, what, actor, text));
    }

    DisputeCase build() {
      return new DisputeCase(disputeId, details, state, escalation, openedAt, acknowledgeBy,
          resolveBy, evidenceDueBy, acknowledgedAt, resolvedAt, resolution, orderNoted, ledgerConfirmed, ledgerRefusal,
          outcome, csat, customerRoundTrips, passed, timeline, notified, lastHash, vendor);
    }
  }
}
