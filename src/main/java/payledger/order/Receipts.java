package payledger.order;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import payledger.metrics.LedgerMetrics;
import payledger.money.Money;
import payledger.money.MoneyFormat;

/**
 * Issues and checks receipts, free of actors: {@link #issue} builds the receipt from what the ledger
 * knows; {@link #check} verifies a receipt against the order and its payments, so a receipt that
 * does not add up is withheld (and flagged) instead of being sent.
 */
public final class Receipts {

  private static final Logger ALERTS = LoggerFactory.getLogger("payledger.alerts");

  private Receipts() {}

  /** The receipt of a reconciled order at {@code now}. */
  public static Receipt issue(String orderId, OrderFacts facts, Instant now) {
    Invoice invoice = Objects.requireNonNull(facts.invoice(), "an unregistered order has no receipt");
    List<Receipt.Line> items = invoice.items().stream()
        .map(i -> new Receipt.Line(i.sku(), i.description(), i.quantity(), i.unitPrice(), i.total()))
        .toList();
    List<Receipt.Line> adjustments = facts.adjustments().stream()
        .map(a -> new Receipt.Line(a.adjustmentId(), a.reason(), 1, a.amount().value(), a.amount().value()))
        .toList();
    List<Receipt.Payment> payments = captures(facts).stream()
        .map(p -> new Receipt.Payment(p.gateway(), p.paymentId(), p.method(), p.amount().value(),
            p.occurredAt(), p.card()))
        .toList();
    Reconciliation.Totals totals = Reconciliation.totals(facts);
    Instant paidAt = payments.stream().map(Receipt.Payment::occurredAt)
        .max(Instant::compareTo).orElse(now);
    return new Receipt(Receipt.numberFor(orderId), orderId, invoice.customerId(),
        invoice.customerEmail(), invoice.locale(), invoice.currency(), items, invoice.shipping(),
        invoice.taxes(), invoice.discounts(), adjustments, totals.due().value(),
        totals.refunded().plus(totals.chargedBack()).value(), totals.netPaid().value(), payments, paidAt, now);
  }

  /**
   * What does not add up between a receipt and the order's invoice and payments; empty when the
   * receipt is accurate. Each entry is a sentence for support.
   */
  public static List<String> check(Receipt r, OrderFacts facts) {
    List<String> wrong = new ArrayList<>();
    Invoice invoice = facts.invoice();
    if (invoice == null) {
      return List.of("the order is not registered");
    }
    expect(wrong, "currency", invoice.currency(), r.currency());
    expect(wrong, "customer", invoice.customerId(), r.customerId());
    if (r.items().size() != invoice.items().size()) {
      wrong.add("the receipt lists " + r.items().size() + " items, the invoice "
          + invoice.items().size());
    } else {
      for (int i = 0; i < r.items().size(); i++) {
        Receipt.Line line = r.items().get(i);
        Invoice.LineItem item = invoice.items().get(i);
        expect(wrong, "item " + (i + 1) + " sku", item.sku(), line.sku());
        expect(wrong, "item " + (i + 1) + " quantity", item.quantity(), line.quantity());
        expectAmount(wrong, "item " + (i + 1) + " unit price", item.unitPrice(), line.unitPrice(), r.currency());
        expectAmount(wrong, "item " + (i + 1) + " total", line.quantity() * line.unitPrice(), line.total(),
            r.currency());
      }
    }
    expectAmount(wrong, "shipping", invoice.shipping(), r.shipping(), r.currency());
    expect(wrong, "taxes", charges(invoice.taxes(), r.currency()), charges(r.taxes(), r.currency()));
    expect(wrong, "discounts", charges(invoice.discounts(), r.currency()), charges(r.discounts(), r.currency()));
    long sum = r.shipping();
    for (Receipt.Line line : r.items()) {
      sum += line.total();
    }
    for (Invoice.Charge tax : r.taxes()) {
      sum += tax.amount();
    }
    for (Invoice.Charge discount : r.discounts()) {
      sum -= discount.amount();
    }
    for (Receipt.Line adjustment : r.adjustments()) {
      sum += adjustment.total();
    }
    expectAmount(wrong, "sum of the receipt's lines", r.totalDue(), sum, r.currency());
    expectAmount(wrong, "total due", Reconciliation.totals(facts).due().value(), r.totalDue(), r.currency());
    long paid = r.payments().stream().mapToLong(Receipt.Payment::amount).sum();
    expectAmount(wrong, "payments less refunds", r.totalPaid(), paid - r.refunded(), r.currency());
    expectAmount(wrong, "total paid against total due", r.totalDue(), r.totalPaid(), r.currency());
    Map<String, PaymentEvent> captured = new HashMap<>();
    captures(facts).forEach(p -> captured.put(p.gateway() + ":" + p.paymentId(), p));
    for (Receipt.Payment p : r.payments()) {
      PaymentEvent actual = captured.get(p.gateway() + ":" + p.reference());
      if (actual == null) {
        wrong.add("payment " + p.reference() + " at " + p.gateway() + " is not a capture of the order");
      } else {
        expectAmount(wrong, "payment " + p.reference() + " amount", actual.amount().value(), p.amount(),
            r.currency());
        expect(wrong, "payment " + p.reference() + " method", actual.method(), p.method());
        expect(wrong, "payment " + p.reference() + " card", actual.card(), p.card());
      }
    }
    return wrong;
  }

  /**
   * The events, and the receipt when they leave the order fully paid (reconciled) for the first
   * time: issued in the same write, so once by construction. A receipt that does not pass
   * {@link #check} is issued withheld, with a {@code RECEIPT_MISMATCH} discrepancy for support.
   */
  static List<OrderEvent> withReceipt(OrderState state, List<OrderEvent> events, Instant now,
      ReconciliationSettings rules) {
    OrderState after = state;
    for (OrderEvent event : events) {
      after = after.apply(event);
    }
    if (after.comms().receipt() != null || after.status() != OrderStatus.RECONCILED) {
      return events;
    }
    Receipt receipt = issue(state.orderId(), after.facts(), now);
    List<String> mismatches = check(receipt, after.facts());
    List<OrderEvent> all = new ArrayList<>(events);
    all.add(new OrderEvent.ReceiptIssued(state.orderId(), receipt, mismatches));
    if (!mismatches.isEmpty()) {
      all.add(new OrderEvent.DiscrepancyOpened(state.orderId(), new Discrepancy(
          "D" + (after.discrepancies().size() + 1), DiscrepancyType.RECEIPT_MISMATCH, "receipt",
          new Money(receipt.totalDue(), receipt.currency()),
          new Money(receipt.totalPaid(), receipt.currency()), List.of(),
          String.join("; ", mismatches), now, now.plus(rules.notifyWithin()),
          now.plus(rules.resolveWithin()), null, null, null, null)));
    }
    return all;
  }

  /** A withheld receipt among journaled events: an alert in the log and a metric. */
  static void alertIfWithheld(List<OrderEvent> journaled) {
    for (OrderEvent event : journaled) {
      if (event instanceof OrderEvent.ReceiptIssued r && !r.mismatches().isEmpty()) {
        LedgerMetrics.receiptWithheld();
        ALERTS.error("Receipt {} of order {} withheld, it does not add up: {}",
            r.receipt().number(), r.orderId(), r.mismatches());
      }
    }
  }

  /** The successful captures in the invoice currency, one per payment id, the largest amount. */
  private static List<PaymentEvent> captures(OrderFacts facts) {
    String currency = facts.invoice().currency();
    Map<String, PaymentEvent> byPayment = new LinkedHashMap<>();
    for (RecordedPayment p : facts.payments()) {
      PaymentEvent e = p.event();
      if (p.is(PaymentEventType.SUCCEEDED) && e.amount().currency().equals(currency)) {
        byPayment.merge(e.gateway() + ":" + e.paymentId(), e,
            (a, b) -> b.amount().compareTo(a.amount()) > 0 ? b : a);
      }
    }
    return List.copyOf(byPayment.values());
  }

  /** Amounts in a mismatch are written as people read them ("€2.50"), never in minor units. */
  private static void expectAmount(List<String> wrong, String what, long expected, long actual,
      String currency) {
    if (expected != actual) {
      wrong.add(what + ": expected " + human(expected, currency) + ", the receipt says "
          + human(actual, currency));
    }
  }

  /** Taxes or discounts as "VAT €5.95, Reduced VAT €0.70". */
  private static String charges(List<Invoice.Charge> charges, String currency) {
    return charges.stream().map(c -> c.name() + " " + human(c.amount(), currency))
        .reduce((a, b) -> a + ", " + b).orElse("none");
  }

  private static String human(long minor, String currency) {
    return MoneyFormat.format(minor, currency, MoneyFormat.DEFAULT_LOCALE);
  }

  private static void expect(List<String> wrong, String what, Object expected, Object actual) {
    if (!Objects.equals(expected, actual)) {
      wrong.add(what + ": expected " + expected + ", the receipt says " + actual);
    }
  }
}
