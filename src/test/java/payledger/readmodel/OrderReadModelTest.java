package payledger.readmodel;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import payledger.money.Money;
import payledger.order.Discrepancy;
import payledger.order.DiscrepancyDeadline;
import payledger.order.DiscrepancyType;
import payledger.order.Invoice;
import payledger.order.OrderEvent;
import payledger.order.OrderState;
import payledger.order.PaymentEvent;
import payledger.order.PaymentEventType;
import payledger.order.Resolution;

/** What one order event changes in the read models, computed without Cassandra. */
class OrderReadModelTest {

  private static final Instant T = Instant.parse("2026-11-22T10:00:00Z");
  private static final Invoice INVOICE = new Invoice("c1", "c@example.com", "EUR",
      List.of(new Invoice.LineItem("SKU", "Mug", 1, 1000)), 0, List.of(), List.of(), null);

  private static PaymentEvent payment(String id, long amount, String method) {
    return new PaymentEvent(id, "adyen", PaymentEventType.SUCCEEDED, "o1", "psp-" + id,
        new Money(amount, "EUR"), method, T, "c1", null);
  }

  @Test
  void aPaymentMovesTheOrderToItsNewStatusAndAddsOnePaymentFact() {
    OrderReadModel.Changes registered =
        OrderReadModel.changes(OrderState.empty("o1"), new OrderEvent.OrderRegistered("o1", INVOICE, T));
    assertNull(registered.rowBefore());
    assertEquals("AWAITING_PAYMENT", registered.rowAfter().status());
    assertEquals(OrderRow.NONE, registered.rowAfter().method());

    OrderReadModel.Changes paid = OrderReadModel.changes(registered.after(),
        new OrderEvent.PaymentRecorded("o1", payment("e1", 1000, "ideal"), T.plusSeconds(5)));
    assertTrue(paid.rowChanged());
    assertEquals("AWAITING_PAYMENT", paid.rowBefore().status());
    assertEquals("RECONCILED", paid.rowAfter().status());
    assertEquals("ideal", paid.rowAfter().method());
    assertEquals("adyen", paid.rowAfter().gateway());
    assertEquals(T, paid.rowAfter().at(), "listed at registration, whatever comes later");
    // The order fact (now reconciled, now with a method) and the new payment fact.
    assertEquals(List.of(KpiFact.Kind.ORDER, KpiFact.Kind.PAYMENT),
        paid.facts().stream().map(KpiFact::kind).toList());
  }

  /**
   * A delivery report changes the projection's fold of the order (its view) but no list row: the
   * three order lists carry the same columns as {@link OrderRow}, so none of them is written.
   */
  @Test
  void aDeliveryReportRewritesTheViewButNoListRow() {
    OrderState paid = OrderState.empty("o1")
        .apply(new OrderEvent.OrderRegistered("o1", INVOICE, T))
        .apply(new OrderEvent.PaymentRecorded("o1", payment("e1", 1000, "card"), T.plusSeconds(5)));
    payledger.order.DeliveryReport report = new payledger.order.DeliveryReport("receipt:o1",
        "RECEIPT", "o1", "email", true, 1, List.of(), T.plusSeconds(5), T.plusSeconds(7));

    OrderReadModel.Changes delivered =
        OrderReadModel.changes(paid, new OrderEvent.ReceiptDelivered("o1", report));

    assertNotEquals(paid, delivered.after(), "the view changes");
    assertFalse(delivered.rowChanged(), "the lists do not");
    assertEquals(List.of(), delivered.discrepancies());
  }

  @Test
  void onlyTheDiscrepancyThatChangedIsRewritten() {
    OrderState state = OrderState.empty("o1").apply(new OrderEvent.OrderRegistered("o1", INVOICE, T));
    Discrepancy d1 = new Discrepancy("D1", DiscrepancyType.UNDERPAYMENT, "order", new Money(1000, "EUR"),
        new Money(400, "EUR"), List.of(), "short", T, T.plus(Duration.ofHours(24)),
        T.plus(Duration.ofHours(48)), null, null, null, null);
    Discrepancy d2 = new Discrepancy("D2", DiscrepancyType.FAILED_PAYMENT, "order", null, null,
        List.of(), "failed", T, T.plus(Duration.ofHours(24)), T.plus(Duration.ofHours(48)), null, null,
        null, null);
    state = state.apply(new OrderEvent.DiscrepancyOpened("o1", d1)).apply(new OrderEvent.DiscrepancyOpened("o1", d2));

    OrderReadModel.Changes resolved = OrderReadModel.changes(state, new OrderEvent.DiscrepancyResolved(
        "o1", "D1", Resolution.WRITTEN_OFF, "agent", "ok", T.plusSeconds(60)));
    assertEquals(1, resolved.discrepancies().size());
    DiscrepancyRow row = resolved.discrepancies().get(0);
    assertEquals("o1/D1", row.key());
    assertFalse(row.isOpen());
    assertEquals("WRITTEN_OFF", row.resolution());
    assertEquals(1, resolved.facts().size(), "D1's fact now has its resolution time");
    assertEquals(T.plusSeconds(60), resolved.facts().get(0).doneAt());
  }

  @Test
  void aPassedSlaMomentRewritesItsDiscrepancyRowWithTheEscalation() {
    OrderState state = OrderState.empty("o1").apply(new OrderEvent.OrderRegistered("o1", INVOICE, T));
    Discrepancy d1 = new Discrepancy("D1", DiscrepancyType.UNDERPAYMENT, "order", new Money(1000, "EUR"),
        new Money(400, "EUR"), List.of(), "short", T, T.plus(Duration.ofHours(24)),
        T.plus(Duration.ofHours(48)), null, null, null, null);
    OrderReadModel.Changes opened = OrderReadModel.changes(state, new OrderEvent.DiscrepancyOpened("o1", d1));
    assertEquals(0, opened.discrepancies().get(0).escalation());
    assertEquals(List.of(), opened.discrepancies().get(0).slaPassed());
    state = opened.after();

    OrderReadModel.Changes overdue = OrderReadModel.changes(state,
        new OrderEvent.DiscrepancyDeadlinePassed("o1", "D1", DiscrepancyType.UNDERPAYMENT,
            DiscrepancyDeadline.NOTICE_OVERDUE, T.plus(Duration.ofHours(24)), 1,
            T.plus(Duration.ofHours(25))));

    DiscrepancyRow row = overdue.discrepancies().get(0);
    assertEquals(1, row.escalation());
    assertEquals(List.of("NOTICE_OVERDUE"), row.slaPassed());
    assertTrue(row.isOpen());
  }

  @Test
  void aHeldPaymentIsListedButNotCountedAsAnOrderOrAPayment() {
    String holder = "~stripe:pi_9";
    OrderReadModel.Changes held = OrderReadModel.changes(OrderState.empty(holder),
        new OrderEvent.PaymentRecorded(holder, payment("e9", 500, "card"), T));
    assertEquals("UNLINKED", held.rowAfter().status());
    assertEquals(T, held.rowAfter().at());
    assertTrue(held.facts().isEmpty(), "counted once it is linked to its order");
  }
}
