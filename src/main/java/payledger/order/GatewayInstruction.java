package payledger.order;

import java.time.Instant;
import payledger.money.Money;
import payledger.serialization.CborSerializable;

/**
 * What a dispute's resolution asks of an order: {@code REFUND}, {@code INVOICE_ADJUSTMENT} or
 * {@code PAYMENT_RETRY}. One per dispute: the dispute id makes applying it idempotent.
 *
 * @param amount for REFUND and INVOICE_ADJUSTMENT (signed), else null
 */
public record GatewayInstruction(
    String disputeId, String action, Money amount, String reason, String actor, Instant at)
    implements CborSerializable {

  public static final String INVOICE_ADJUSTMENT = "INVOICE_ADJUSTMENT";

  /** An invoice adjustment from a dispute is an adjustment like any other, under the dispute's id. */
  Adjustment asAdjustment() {
    return new Adjustment("dispute:" + disputeId, amount, reason, actor, at);
  }
}
