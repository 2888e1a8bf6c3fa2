package payledger.order;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import payledger.serialization.CborSerializable;

/**
 * What is known about an order's money: the input of {@link Reconciliation}.
 *
 * @param invoice null until the order management system registers the order
 * @param registeredAt null with the invoice
 * @param linkedTo for payments that came without an order reference: the order support linked
 *     them to (they were recorded there too), else null
 */
public record OrderFacts(
    Invoice invoice,
    Instant registeredAt,
    List<Adjustment> adjustments,
    List<RecordedPayment> payments,
    String linkedTo)
    implements CborSerializable {

  static final OrderFacts NONE = new OrderFacts(null, null, List.of(), List.of(), null);

  public OrderFacts {
    adjustments = List.copyOf(adjustments);
    payments = List.copyOf(payments);
  }

  OrderFacts withInvoice(Invoice newInvoice, Instant at) {
    return new OrderFacts(newInvoice, at, adjustments, payments, linkedTo);
  }

  OrderFacts withPayment(RecordedPayment payment) {
    return new OrderFacts(invoice, registeredAt, adjustments, append(payments, payment), linkedTo);
  }

  OrderFacts withAdjustment(Adjustment adjustment) {
    return new OrderFacts(invoice, registeredAt, append(adjustments, adjustment), payments, linkedTo);
  }

  OrderFacts withLink(String orderId) {
    return new OrderFacts(invoice, registeredAt, adjustments, payments, orderId);
  }

  private static <T> List<T> append(List<T> list, T element) {
    List<T> more = new ArrayList<>(list);
    more.add(element);
    return more;
  }
}
