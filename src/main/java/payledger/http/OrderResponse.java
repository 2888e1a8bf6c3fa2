package payledger.http;

import java.time.Instant;
import java.util.List;
import payledger.money.Money;
import payledger.order.Invoice;
import payledger.order.OrderLedger;
import payledger.order.OrderStatus;
import payledger.order.Reconciliation;

/** The JSON of {@code GET /v1/orders/{orderId}}; invoice and totals are absent while unlinked. */
record OrderResponse(
    String orderId,
    OrderStatus status,
    Instant registeredAt,
    Customer customer,
    String currency,
    InvoiceLines invoice,
    Reconciliation.Totals totals,
    List<Payment> payments) {

  record Customer(String id, String email) {}

  record Line(String sku, String description, long quantity, long unitPrice, long total) {}

  record InvoiceLines(
      List<Line> items,
      long shipping,
      List<Invoice.Charge> taxes,
      List<Invoice.Charge> discounts,
      String expectedPaymentMethod) {}

  record Payment(
      String eventId,
      String gateway,
      String type,
      String paymentId,
      Money amount,
      String method,
      Instant occurredAt,
      Instant recordedAt,
      String failureReason) {}

  static OrderResponse from(OrderLedger.Summary order) {
    Invoice invoice = order.invoice();
    List<Payment> payments =
        order.payments().stream()
            .map(
                p ->
                    new Payment(
                        p.event().eventId(),
                        p.event().gateway(),
                        p.event().type().name(),
                        p.event().paymentId(),
                        p.event().amount(),
                        p.event().method(),
                        p.event().occurredAt(),
                        p.recordedAt(),
                        p.event().failureReason()))
            .toList();
    if (invoice == null) {
      return new OrderResponse(
          order.orderId(), order.status(), null, null, null, null, null, payments);
    }
    List<Line> lines =
        invoice.items().stream()
            .map(i -> new Line(i.sku(), i.description(), i.quantity(), i.unitPrice(), i.total()))
            .toList();
    return new OrderResponse(
        order.orderId(),
        order.status(),
        order.registeredAt(),
        new Customer(invoice.customerId(), invoice.customerEmail()),
        invoice.currency(),
        new InvoiceLines(
            lines,
            invoice.shipping(),
            invoice.taxes(),
            invoice.discounts(),
            invoice.expectedPaymentMethod()),
        order.totals(),
        payments);
  }
}
