package payledger.readmodel;

import java.time.Instant;
import payledger.order.OrderState;
import payledger.order.RecordedPayment;
import payledger.order.PaymentEventType;
import payledger.order.Reconciliation;

/**
 * One order as the order lists show it. {@code at} is when the order was registered, or when its
 * first payment was recorded while it is still unlinked; the list tables are keyed by it.
 *
 * @param method the payment method and {@code gateway} of its first successful payment (else of
 *     its first payment event, else the expected method), {@link #NONE} when unknown
 */
public record OrderRow(
    String orderId,
    String customerId,
    String status,
    String currency,
    Long due,
    Long netPaid,
    boolean autoReconciled,
    String method,
    String gateway,
    Instant at) {

  public static final String NONE = "none";

  /** The row of an order's state, or null while the state holds nothing to list. */
  public static OrderRow of(OrderState state) {
    var facts = state.facts();
    Instant at = facts.registeredAt() != null ? facts.registeredAt()
        : facts.payments().isEmpty() ? null : facts.payments().get(0).recordedAt();
    if (at == null) {
      return null;
    }
    Reconciliation.Totals totals = Reconciliation.totals(facts);
    RecordedPayment source = facts.payments().stream()
        .filter(p -> p.is(PaymentEventType.SUCCEEDED)).findFirst()
        .orElse(facts.payments().isEmpty() ? null : facts.payments().get(0));
    String method = source != null && source.event().method() != null ? source.event().method()
        : facts.invoice() != null && facts.invoice().expectedPaymentMethod() != null
            ? facts.invoice().expectedPaymentMethod() : NONE;
    String gateway = source != null ? source.event().gateway() : NONE;
    String customer = facts.invoice() != null ? facts.invoice().customerId()
        : source != null ? source.event().customerId() : null;
    return new OrderRow(state.orderId(), customer, state.status().name(),
        totals == null ? source.event().amount().currency() : totals.due().currency(),
        totals == null ? null : totals.due().value(),
        totals == null ? null : totals.netPaid().value(),
        state.autoReconciled(), method, gateway, at);
  }

  /** The listing partition of the order: the UTC hour of its registration. */
  public String hour() {
    return Days.hour(at);
  }
}
