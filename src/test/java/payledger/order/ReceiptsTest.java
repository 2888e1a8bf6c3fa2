package payledger.order;

import static org.junit.jupiter.api.Assertions.*;
import static payledger.order.Fixtures.*;
import static payledger.order.PaymentEventType.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import payledger.money.Money;

/** The receipt's content, and the accuracy check that withholds a receipt that does not add up. */
class ReceiptsTest {

  private static OrderFacts paid(PaymentEvent... payments) {
    OrderFacts facts = OrderFacts.NONE.withInvoice(invoice(), T0);
    for (PaymentEvent p : payments) {
      facts = facts.withPayment(new RecordedPayment(p, T0.plusSeconds(61)));
    }
    return facts;
  }

  @Test
  void aReceiptListsEverythingTheCustomerPaidFor() {
    OrderFacts facts = paid(event("e1", SUCCEEDED, DUE));

    Receipt r = Receipts.issue("order-1", facts, T0.plusSeconds(62));

    assertEquals("R-order-1", r.number());
    assertEquals("order-1", r.orderId());
    assertEquals("cust-1", r.customerId());
    assertEquals("ada@example.com", r.customerEmail());
    assertEquals("EUR", r.currency());
    assertEquals(List.of(new Receipt.Line("SKU-MUG", "Mug", 2, 1250, 2500)), r.items());
    assertEquals(495, r.shipping());
    assertEquals(List.of(new Invoice.Charge("VAT", 595)), r.taxes());
    assertEquals(List.of(new Invoice.Charge("WELCOME5", 500)), r.discounts());
    assertEquals(DUE, r.totalDue());
    assertEquals(DUE, r.totalPaid());
    assertEquals(0, r.refunded());
    assertEquals(List.of(new Receipt.Payment("stripe", "pi_e1", "card", DUE, T0.plusSeconds(60))),
        r.payments());
    assertEquals(T0.plusSeconds(60), r.paidAt(), "when the gateway took the money");
    assertEquals(T0.plusSeconds(62), r.issuedAt());
    assertEquals(List.of(), Receipts.check(r, facts));
  }

  @Test
  void partialPaymentsAndARefundedOverpaymentStillAddUp() {
    OrderFacts facts = paid(event("e1", SUCCEEDED, 1000), event("e2", SUCCEEDED, 2590),
        new PaymentEvent("e3", "stripe", REFUNDED, "order-1", "pi_e2", new Money(500, "EUR"),
            "card", T0.plusSeconds(90), "cust-1", null));

    Receipt r = Receipts.issue("order-1", facts, T0.plusSeconds(100));

    assertEquals(2, r.payments().size());
    assertEquals(500, r.refunded());
    assertEquals(DUE, r.totalPaid());
    assertEquals(List.of(), Receipts.check(r, facts));
  }

  @Test
  void aReceiptThatDoesNotMatchTheOrderIsFlagged() {
    OrderFacts facts = paid(event("e1", SUCCEEDED, DUE));
    Receipt good = Receipts.issue("order-1", facts, T0);
    Receipt wrongLine = new Receipt(good.number(), good.orderId(), good.customerId(),
        good.customerEmail(), null, good.currency(),
        List.of(new Receipt.Line("SKU-MUG", "Mug", 2, 1250, 2600)), good.shipping(), good.taxes(),
        good.discounts(), good.adjustments(), good.totalDue(), 0, good.totalPaid(), good.payments(),
        good.paidAt(), good.issuedAt());
    Receipt unknownPayment = new Receipt(good.number(), good.orderId(), good.customerId(),
        good.customerEmail(), null, good.currency(), good.items(), good.shipping(), good.taxes(),
        good.discounts(), good.adjustments(), good.totalDue(), 0, good.totalPaid(),
        List.of(new Receipt.Payment("stripe", "pi_forged", "card", DUE, T0)), good.paidAt(),
        good.issuedAt());
    Receipt shortPaid = new Receipt(good.number(), good.orderId(), good.customerId(),
        good.customerEmail(), null, good.currency(), good.items(), good.shipping(), good.taxes(),
        good.discounts(), good.adjustments(), good.totalDue(), 0, good.totalPaid() - 1,
        good.payments(), good.paidAt(), good.issuedAt());

    assertTrue(Receipts.check(wrongLine, facts).stream().anyMatch(m -> m.startsWith("item 1 total")),
        Receipts.check(wrongLine, facts).toString());
    assertTrue(Receipts.check(unknownPayment, facts).stream().anyMatch(m -> m.contains("pi_forged")));
    assertTrue(Receipts.check(shortPaid, facts).stream().anyMatch(m -> m.startsWith("payments less refunds")));
    assertTrue(Receipts.check(wrongLine, facts).contains("item 1 total: expected €25.00, the receipt says €26.00"),
        "amounts as money, never minor units: " + Receipts.check(wrongLine, facts));
    assertTrue(Receipts.check(shortPaid, facts).contains(
        "payments less refunds: expected €30.89, the receipt says €30.90"), Receipts.check(shortPaid, facts).toString());
    assertEquals(List.of("the order is not registered"), Receipts.check(good, OrderFacts.NONE));
  }
}
