package payledger.order;

import static payledger.order.Resolution.*;

import java.util.EnumSet;
import java.util.Set;

/** The kinds of mismatch between an order's invoice and its payments, and how each may be settled. */
public enum DiscrepancyType {
  UNDERPAYMENT(EnumSet.of(INVOICE_ADJUSTED, PAYMENT_RETRIED, WRITTEN_OFF, ACCEPTED)),
  OVERPAYMENT(EnumSet.of(REFUNDED, INVOICE_ADJUSTED, ACCEPTED)),
  DUPLICATE_CHARGE(EnumSet.of(REFUNDED, ACCEPTED)),
  MISSING_PAYMENT(EnumSet.of(PAYMENT_RETRIED, INVOICE_ADJUSTED, WRITTEN_OFF, ACCEPTED)),
  UNLINKED_PAYMENT(EnumSet.of(REFUNDED, ACCEPTED)),
  CURRENCY_MISMATCH(EnumSet.of(REFUNDED, ACCEPTED)),
  METHOD_MISMATCH(EnumSet.of(REFUNDED, ACCEPTED)),
  REFUND_EXCEEDS_PAYMENT(EnumSet.of(PAYMENT_RETRIED, WRITTEN_OFF, ACCEPTED)),
  FAILED_PAYMENT(EnumSet.of(PAYMENT_RETRIED, WRITTEN_OFF, ACCEPTED)),
  /**
   * The receipt did not add up against the order and its payments, so it was withheld. Raised by
   * the ledger at issuance, not by {@link Reconciliation}: only support closes it.
   */
  RECEIPT_MISMATCH(EnumSet.of(ACCEPTED, WRITTEN_OFF));

  private final Set<Resolution> manualResolutions;

  DiscrepancyType(Set<Resolution> manualResolutions) {
    this.manualResolutions = manualResolutions;
  }

  /** The manual resolutions that make sense, e.g. an underpayment cannot be "refunded". */
  public Set<Resolution> manualResolutions() {
    return manualResolutions;
  }
}
