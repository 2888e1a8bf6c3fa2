package payledger.order;

import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import payledger.order.OrderEvent.DiscrepancyOpened;

/**
 * When an order must be woken, from its state alone: the earliest of the end of a grace period
 * that can still open a discrepancy, and the next SLA moment of an open discrepancy
 * ({@link DiscrepancySla}). A grace period whose discrepancy is already tracked, or whose end would
 * find nothing (a failed attempt the order no longer needs), is not waited for. The same instant
 * for as long as the deadline stands, so a projection writes it once.
 *
 * <p>{@link #row} is the part of it that needs a row in the deadlines table: all of it but the
 * payment grace of an order awaiting payment, which the deadline scheduler finds among the orders
 * still awaiting payment, listed by the hour of their registration (one scan per slice of time
 * instead of a row written, and mostly deleted again, for every order). The order's
 * {@link OrderLedger.DeadlineReached} is the same command either way.
 */
public final class WakeUp {

  private WakeUp() {}

  /** When the deadline scheduler must wake an order in this state; none once nothing can fire. */
  public static Optional<Instant> of(OrderState state, ReconciliationSettings rules) {
    return earliest(state, rules, true);
  }

  /** The wake-up the deadlines table holds for an order in this state. */
  public static Optional<Instant> row(OrderState state, ReconciliationSettings rules) {
    return earliest(state, rules, state.status() != OrderStatus.AWAITING_PAYMENT);
  }

  private static Optional<Instant> earliest(OrderState state, ReconciliationSettings rules,
      boolean missingPayment) {
    return Stream.concat(graceEnd(state, rules, missingPayment).stream(),
            DiscrepancySla.next(state, rules).stream())
        .min(Instant::compareTo);
  }

  /**
   * The earliest end of a grace period that opens a discrepancy when it comes; with
   * {@code missingPayment} false, one that opens another discrepancy than MISSING_PAYMENT.
   */
  private static Optional<Instant> graceEnd(OrderState state, ReconciliationSettings rules,
      boolean missingPayment) {
    Optional<Instant> end = Reconciliation.nextDeadline(state.facts(), Instant.MIN, rules);
    while (end.isPresent() && !opensAt(state, end.get(), rules, missingPayment)) {
      end = Reconciliation.nextDeadline(state.facts(), end.get(), rules);
    }
    return end;
  }

  /** A grace period's discrepancy begins at its end ({@link Reconciliation.Finding#since()}). */
  private static boolean opensAt(OrderState state, Instant end, ReconciliationSettings rules,
      boolean missingPayment) {
    return Discrepancies.follow(state, end, rules, Discrepancies.AUTOMATIC).stream()
        .anyMatch(e -> e instanceof DiscrepancyOpened o && o.discrepancy().detectedAt().equals(end)
            && (missingPayment || o.discrepancy().type() != DiscrepancyType.MISSING_PAYMENT));
  }
}
