package payledger.order;

import java.time.Instant;
import payledger.money.Money;
import payledger.serialization.CborSerializable;

/**
 * A manual change to what an order is due, e.g. a goodwill credit (negative) or a forgotten fee
 * (positive). Identified by a caller-supplied id so a retried request applies once.
 */
public record Adjustment(
    String adjustmentId, Money amount, String reason, String actor, Instant adjustedAt)
    implements CborSerializable {

  /** The same request again, whenever it was made. */
  boolean sameRequest(Adjustment other) {
    return adjustmentId.equals(other.adjustmentId)
        && amount.equals(other.amount)
        && reason.equals(other.reason)
        && actor.equals(other.actor);
  }
}
