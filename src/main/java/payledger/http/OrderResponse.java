package payledger.http;

import java.time.Instant;
import java.util.List;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import payledger.money.Money;
import payledger.order.Adjustment;
import payledger.order.CustomerComms;
import payledger.order.DeliveryReport;
import payledger.order.GatewayInstruction;
import payledger.order.Invoice;
import payledger.order.OrderFacts;
import payledger.order.OrderLedger;
import payledger.order.OrderStatus;
import payledger.order.PaymentEvent;
import payledger.order.Receipt;
import payledger.order.Reconciliation;

/**
 * The JSON of an order: its invoice and totals (absent while unlinked), payments, adjustments,
 * discrepancies open and closed with their deadlines, whether it reconciled with no manual action,
 * the disputes about it and what their resolutions asked of it, its receipt and deliveries, and
 * the outcome of every other notification to its customer. A payment shows the card as the
 * customer knows it (brand and last four digits) and the gateway's risk assessment, when the
 * gateway sent them. In the view ({@code GET}) the order's fraud risk is beside it
 * ({@link OrderRisk}); a command's answer leaves it out.
 */
record OrderResponse(
    String orderId,
    OrderStatus status,
    boolean autoReconciled,
    Instant registeredAt,
    Customer customer,
    String currency,
    InvoiceLines invoice,
    Reconciliation.Totals totals,
    List<Payment> payments,
    List<Adjustment> adjustments,
    List<DiscrepancyView> discrepancies,
    List<String> disputes,
    List<GatewayInstruction> instructions,
    String linkedTo,
    ReceiptSummary receipt,
    List<DeliveryReport> notifications,
    OrderRisk.View risk) {

  /** The answer to a command or a read: 201 when the command changed the order, 200 otherwise. */
  static HttpResponse answer(OrderLedger.Summary summary) {
    return Json.response(summary.changed() ? 201 : 200, from(summary));
  }

  /** The order's view: the order with its fraud risk as looked up. */
  static HttpResponse view(OrderLedger.Summary summary, OrderRisk.Lookup risk) {
    OrderResponse order = from(summary);
    List<PaymentEvent.Risk> gatewayRisks = order.payments().stream().map(Payment::risk)
        .filter(r -> r != null).toList();
    return Json.response(200, order.withRisk(OrderRisk.view(order.orderId(), risk, gatewayRisks)));
  }

  private OrderResponse withRisk(OrderRisk.View view) {
    return new OrderResponse(orderId, status, autoReconciled, registeredAt, customer, currency,
        invoice, totals, payments, adjustments, discrepancies, disputes, instructions, linkedTo,
        receipt, notifications, view);
  }

  /**
   * The receipt and its deliveries (every resend too), or null while the order is not fully paid.
   *
   * @param status ISSUED (queued for sending), DELIVERED, FAILED (no channel worked) or WITHHELD
   */
  record ReceiptSummary(
      String number,
      Instant issuedAt,
      String status,
      Instant deliveredAt,
      List<String> withheldBecause,
      List<DeliveryReport> deliveries) {

    static ReceiptSummary of(CustomerComms comms) {
      Receipt r = comms.receipt();
      if (r == null) {
        return null;
      }
      List<DeliveryReport> deliveries = comms.reports().stream()
          .filter(d -> d.kind().equals("RECEIPT")).toList();
      Instant delivered = deliveries.stream().filter(DeliveryReport::delivered)
          .map(DeliveryReport::at).findFirst().orElse(null);
      String status = comms.receiptWithheld() ? "WITHHELD"
          : delivered != null ? "DELIVERED"
          : deliveries.isEmpty() ? "ISSUED" : "FAILED";
      return new ReceiptSummary(r.number(), r.issuedAt(), status, delivered,
          comms.receiptMismatches(), deliveries);
    }
  }

  record Customer(String id, String email, String phone) {}

  /** @param vendorId the vendor who sells the line; absent for the marketplace's own lines */
  record Line(String sku, String description, long quantity, Money unitPrice, Money total,
      String vendorId) {}

  /** A tax or discount line of the invoice. */
  record Charge(String name, Money amount) {}

  record InvoiceLines(
      List<Line> items,
      Money shipping,
      List<Charge> taxes,
      List<Charge> discounts,
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
      String failureReason,
      PaymentEvent.Card card,
      PaymentEvent.Risk risk) {}

  static OrderResponse from(OrderLedger.Summary order) {
    OrderFacts facts = order.state().facts();
    Invoice invoice = facts.invoice();
    List<Payment> payments =
        facts.payments().stream()
            .map(p -> new Payment(p.event().eventId(), p.event().gateway(), p.event().type().name(),
                p.event().paymentId(), p.event().amount(), p.event().method(),
                p.event().occurredAt(), p.recordedAt(), p.event().failureReason(),
                p.event().card(), p.event().risk()))
            .toList();
    return new OrderResponse(
        order.state().orderId(),
        order.status(),
        order.autoReconciled(),
        facts.registeredAt(),
        invoice == null ? null : new Customer(invoice.customerId(), invoice.customerEmail(),
            invoice.customerPhone()),
        invoice == null ? null : invoice.currency(),
        invoice == null ? null : lines(invoice),
        order.totals(),
        payments,
        facts.adjustments(),
        DiscrepancyView.all(order.state()),
        order.state().disputes(),
        order.state().instructions(),
        facts.linkedTo(),
        ReceiptSummary.of(order.state().comms()),
        order.state().comms().reports().stream().filter(d -> !d.kind().equals("RECEIPT")).toList(),
        null);
  }

  private static InvoiceLines lines(Invoice invoice) {
    String currency = invoice.currency();
    return new InvoiceLines(
        invoice.items().stream()
            .map(i -> new Line(i.sku(), i.description(), i.quantity(),
                new Money(i.unitPrice(), currency), new Money(i.total(), currency), i.vendorId()))
            .toList(),
        new Money(invoice.shipping(), currency),
        invoice.taxes().stream().map(c -> new Charge(c.name(), new Money(c.amount(), currency))).toList(),
        invoice.discounts().stream().map(c -> new Charge(c.name(), new Money(c.amount(), currency))).toList(),
        invoice.expectedPaymentMethod());
  }
}
