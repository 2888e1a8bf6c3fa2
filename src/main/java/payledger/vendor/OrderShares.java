package payledger.vendor;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import payledger.order.Invoice;
import payledger.order.OrderEvent;
import payledger.order.OrderState;
import payledger.order.Reconciliation;

/**
 * What one order event means for the order's vendors, free of actors and I/O: given the order's
 * events up to and including it, the {@link ShareUpdate} for each vendor whose part it changed.
 *
 * <p>An order's vendors have nothing of it until it <em>settles</em> (its net paid reaches its due
 * for the first time); from then on each vendor's part is its {@link VendorSplit} of the order's
 * net paid, whatever later refunds, chargebacks, reversals or payments make of it.
 */
public final class OrderShares {

  private OrderShares() {}

  /** Only these events change what an order's vendors have; the others are skipped unread. */
  public static boolean mayMoveMoney(OrderEvent event) {
    return event instanceof OrderEvent.PaymentRecorded
        || event instanceof OrderEvent.OrderRegistered
        || event instanceof OrderEvent.InvoiceAdjusted
        || event instanceof OrderEvent.PaymentsLinked;
  }

  /**
   * @param events the order's events from its first to the one at {@code seqNr} (the last)
   * @param at when that last event was journaled
   */
  public static List<ShareUpdate> updates(String orderId, List<OrderEvent> events, long seqNr,
      Instant at) {
    if (events.isEmpty()) {
      return List.of();
    }
    Target before = Target.NONE;
    Target after = Target.NONE;
    OrderState state = OrderState.empty(orderId);
    for (OrderEvent event : events) {
      state = state.apply(event);
      before = after;
      after = after.next(state);
    }
    Invoice invoice = state.facts().invoice();
    if (invoice == null || !after.settled() || !VendorSplit.hasVendors(invoice)
        || (before.settled() && before.netPaid() == after.netPaid()
            && invoice.equals(before.invoice()))) {
      return List.of();
    }
    Movement.Kind kind = kind(before, events.get(events.size() - 1));
    List<VendorSplit.Attribution> parties = VendorSplit.attribute(invoice);
    long[] parts = VendorSplit.allocate(parties, after.netPaid());
    List<ShareUpdate> out = new ArrayList<>();
    for (int i = 0; i < parties.size(); i++) {
      VendorSplit.Attribution party = parties.get(i);
      if (party.vendorId() != null) {
        out.add(new ShareUpdate(party.vendorId(), orderId, seqNr, kind, invoice.currency(), parts[i], party.due(),
            party.lineCount(), at));
      }
    }
    return out;
  }

  private static Movement.Kind kind(Target before, OrderEvent last) {
    if (!before.settled()) {
      return Movement.Kind.SALE;
    }
    if (last instanceof OrderEvent.PaymentRecorded recorded) {
      return switch (recorded.payment().type()) {
        case REFUNDED -> Movement.Kind.REFUND;
        case CHARGEBACK -> Movement.Kind.CHARGEBACK;
        case CHARGEBACK_REVERSED -> Movement.Kind.CHARGEBACK_REVERSED;
        default -> Movement.Kind.PAYMENT;
      };
    }
    return Movement.Kind.ADJUSTMENT;
  }

  /** Whether the order has settled (ever), its net paid and invoice, after an event. */
  private record Target(boolean settled, long netPaid, Invoice invoice) {

    static final Target NONE = new Target(false, 0, null);

    Target next(OrderState state) {
      Reconciliation.Totals totals = Reconciliation.totals(state.facts());
      if (totals == null) {
        return this;
      }
      boolean nowSettled = settled || totals.netPaid().value() >= totals.due().value();
      return new Target(nowSettled, totals.netPaid().value(), state.facts().invoice());
    }
  }
}
