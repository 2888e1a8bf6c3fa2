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
}
