package payledger.dispute;

import payledger.money.Money;
import payledger.serialization.CborSerializable;

/**
 * How a case was resolved. {@code REFUND}, {@code INVOICE_ADJUSTMENT} and {@code PAYMENT_RETRY}
 * move money and are applied to the order's ledger; {@code NO_ACTION} needs a reason.
 *
 * @param amount for REFUND and INVOICE_ADJUSTMENT, else null
 */
public record CaseResolution(Action action, Money amount, String reason, String resolvedBy)
    implements CborSerializable {

  public enum Action {
    REFUND,
    INVOICE_ADJUSTMENT,
    PAYMENT_RETRY,
    NO_ACTION;

    public boolean movesMoney() {
      return this != NO_ACTION;
    }
  }
}
