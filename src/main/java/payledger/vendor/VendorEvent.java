package payledger.vendor;

import java.time.Instant;
import payledger.serialization.CborSerializable;

/**
 * The events of a {@link VendorLedger}. Every event names its vendor so projections never parse
 * persistence ids.
 */
public sealed interface VendorEvent extends CborSerializable {
  String vendorId();

  /** @param terms the first commission terms, or null for none yet */
  record VendorRegistered(String vendorId, VendorProfile profile, PayoutSchedule schedule,
      CommissionTerms terms, Instant at) implements VendorEvent {}

  /** New terms, from their {@code effectiveFrom} on (never earlier than when they were added). */
  record CommissionTermsAdded(String vendorId, CommissionTerms terms, Instant at)
      implements VendorEvent {}

  /** The vendor's name, contact, channels and language replaced (its money terms are untouched). */
  record VendorProfileChanged(String vendorId, VendorProfile profile, Instant at)
      implements VendorEvent {}

  /** A new payout schedule, for orders that settle from now on. */
  record PayoutScheduleChanged(String vendorId, PayoutSchedule schedule, Instant at)
      implements VendorEvent {}

  /**
   * The vendor's part of an order changed after the order's event {@code orderSeqNr}: the movement
   * (its deltas) and the new cumulative part and commission.
   *
   * @param terms the commission terms the order keeps (those in effect when it settled)
   */
  record OrderShareMoved(String vendorId, long orderSeqNr, Movement movement, long part,
      long commission, long vendorDue, int lineCount, CommissionTerms terms)
      implements VendorEvent {}

  /** Money paid out to the vendor (payout reconciliation records it; the ledger takes it off). */
  record PayoutRecorded(String vendorId, String payoutId, String currency, long amount, Instant at)
      implements VendorEvent {}

  /**
   * A payout event from a gateway, recorded once per {@code (gateway, eventId)}. A first
   * {@code PAID} of a payout takes its amount off the available balance; a {@code FAILED} of a paid
   * payout gives it back ({@link Movement.Kind#PAYOUT_RETURNED}); anything else moves no money.
   */
  record PayoutEventRecorded(String vendorId, PayoutEvent payout, Instant at) implements VendorEvent {}

  /** A payout did not match what the vendor was due, or was due and did not come. */
  record PayoutDiscrepancyFound(String vendorId, PayoutDiscrepancy discrepancy) implements VendorEvent {}

  /** 75 % of the discrepancy's resolution window has passed with it open. */
  record PayoutDiscrepancyWarned(String vendorId, String discrepancyId, Instant at)
      implements VendorEvent {}

  /** The resolution deadline passed with it open: escalated to {@code escalation}, next deadline set. */
  record PayoutDiscrepancyOverdue(String vendorId, String discrepancyId, int escalation,
      Instant nextResolveBy, Instant at) implements VendorEvent {}

  /** @param by who resolved it ({@code system} for {@code AUTO_MATCHED}) */
  record PayoutDiscrepancyResolved(String vendorId, String discrepancyId,
      PayoutDiscrepancy.Resolution resolution) implements VendorEvent {}

  /**
   * The discrepancy's vendor notice deadline came while it is still open: the vendor is told again
   * where it stands. Carries the discrepancy as it is then, so the notice needs no other read.
   */
  record PayoutNoticeDue(String vendorId, PayoutDiscrepancy discrepancy, Instant at)
      implements VendorEvent {}

  /**
   * How a notice to the vendor about a discrepancy ended, once per notification.
   *
   * @param channel the channel it was delivered on, or null when every channel failed
   */
  record VendorNoticeRecorded(String vendorId, String discrepancyId, String notificationId,
      String channel, boolean delivered, Instant at) implements VendorEvent {}
}
