package payledger.readmodel;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import payledger.money.Money;
import payledger.order.DeliveryReport;
import payledger.order.Discrepancy;
import payledger.order.DiscrepancyDeadline;
import payledger.order.DiscrepancyType;
import payledger.order.Invoice;
import payledger.order.OrderEvent;
import payledger.order.OrderState;
import payledger.order.PaymentEvent;
import payledger.order.PaymentEventType;
import payledger.order.Receipt;

/**
 * The KPI facts the seeds' other metrics are counted from, derived from an order's state: payment
 * outcomes (declines told from failures) with their money, the receipt's accuracy and how its
 * automatic send ended, and a discrepancy's escalation and notice deadline.
 */
class KpiFactsTest {

  private static final Instant T = Instant.parse("2026-11-22T10:00:00Z");
  private static final Invoice INVOICE = new Invoice("c1", "c@example.com", "EUR",
      List.of(new Invoice.LineItem("SKU", "Mug", 1, 1000)), 0, List.of(), List.of(), null);

  private static PaymentEvent event(String id, PaymentEventType type, long amount, String method, String reason) {
    return new PaymentEvent(id, "adyen", type, "o1", "psp-1", new Money(amount, "EUR"), method, T, "c1", reason);
  }

  private static OrderState registered() {
    return OrderState.empty("o1").apply(new OrderEvent.OrderRegistered("o1", INVOICE, T));
  }

  private static OrderState with(OrderState state, PaymentEvent... events) {
    for (PaymentEvent e : events) {
      state = state.apply(new OrderEvent.PaymentRecorded("o1", e, T.plusSeconds(1)));
    }
    return state;
  }

  private static Receipt receipt() {
    return new Receipt(Receipt.numberFor("o1"), "o1", "c1", "c@example.com", "en", "EUR",
        List.of(new Receipt.Line("SKU", "Mug", 1, 1000, 1000)), 0, List.of(), List.of(), List.of(), 1000, 0,
        1000, List.of(new Receipt.Payment("adyen", "psp-1", "card", 1000, T)), T, T.plusSeconds(2));
  }

  private static DeliveryReport report(String id, String channel, boolean delivered, Instant queuedAt,
      String... failures) {
    return new DeliveryReport(id, "RECEIPT", Receipt.numberFor("o1"), channel, delivered, failures.length + 1,
        List.of(failures), queuedAt, queuedAt.plusSeconds(30));
  }

  private static Map<String, KpiFact> payments(OrderState state) {
    return KpiFacts.of(state).stream().filter(f -> f.kind() == KpiFact.Kind.PAYMENT)
        .collect(Collectors.toMap(KpiFact::itemId, Function.identity()));
  }

  private static KpiFact order(OrderState state) {
    return KpiFacts.of(state).stream().filter(f -> f.kind() == KpiFact.Kind.ORDER).findFirst().orElseThrow();
  }

  @Test
  void everyPaymentOutcomeIsAFactWithItsMoneyAndADeclineIsToldFromAFailure() {
    OrderState state = with(registered(),
        event("f1", PaymentEventType.FAILED, 1000, "card", "card_declined"),
        event("f2", PaymentEventType.FAILED, 1000, "card", "processing_error"),
        event("f3", PaymentEventType.FAILED, 1000, "card", "AUTHORISATION: Refused"),
        event("a1", PaymentEventType.AUTHORIZED, 1000, "card", null),
        event("s1", PaymentEventType.SUCCEEDED, 1000, "card", null),
        event("r1", PaymentEventType.REFUNDED, 300, null, null),
        event("c1", PaymentEventType.CHARGEBACK, 700, null, null));
    Map<String, KpiFact> p = payments(state);
    assertEquals(6, p.size(), "the authorisation is no outcome");
    assertEquals(KpiFacts.DECLINED, p.get("o1/adyen:f1").category());
    assertEquals(KpiFacts.FAILED, p.get("o1/adyen:f2").category());
    assertEquals(KpiFacts.DECLINED, p.get("o1/adyen:f3").category());
    assertNull(p.get("o1/adyen:s1").category(), "a success has no category, as stored before");
    assertEquals(new Money(1000, "EUR"), p.get("o1/adyen:s1").amount());
    assertEquals(KpiFacts.REFUNDED, p.get("o1/adyen:r1").category());
    assertEquals(new Money(300, "EUR"), p.get("o1/adyen:r1").amount());
    assertEquals("card", p.get("o1/adyen:r1").method(), "a refund naming no method: its payment's");
    assertEquals(KpiFacts.CHARGEBACK, p.get("o1/adyen:c1").category());
    assertEquals(Map.of("amount", 700L, "currency", "EUR"), p.get("o1/adyen:c1").amountColumns());
  }

  @Test
  void aFailureIsADeclineWhenItsReasonSaysTheBankOrCardRefusedIt() {
    for (String declined : List.of("card_declined", "expired_card", "insufficient_funds", "AUTHORISATION: Refused",
        "Do Not Honor - declined")) {
      assertTrue(KpiOutcomes.declined(event("x", PaymentEventType.FAILED, 1, "card", declined)), declined);
    }
    for (String failed : List.of("processing_error", "failed", "CAPTURE_FAILED", "timeout")) {
      assertFalse(KpiOutcomes.declined(event("x", PaymentEventType.FAILED, 1, "card", failed)), failed);
    }
    assertFalse(KpiOutcomes.declined(event("x", PaymentEventType.FAILED, 1, "card", null)));
  }

  @Test
  void theReceiptsAutomaticSendIsFirstChannelAfterFallbackOrNever() {
    OrderState issued = with(registered(), event("s1", PaymentEventType.SUCCEEDED, 1000, "card", null))
        .apply(new OrderEvent.ReceiptIssued("o1", receipt(), List.of()));
    assertEquals(Optional.empty(), KpiOutcomes.receipt(receipt(), issued.comms().reports()), "still sending");
    assertFalse(order(issued).flags().stream().anyMatch(f -> f.startsWith("RECEIPT_")));
    assertNotNull(order(issued).doneDue(), "an issued receipt has its 24 h deadline");

    Instant q = T.plusSeconds(2);
    assertEquals(KpiOutcomes.Delivery.FIRST_CHANNEL, KpiOutcomes.delivery(report("n", "EMAIL", true, q)));
    assertEquals(KpiOutcomes.Delivery.FIRST_CHANNEL, KpiOutcomes.delivery(report("n", "EMAIL", true, q,
        "EMAIL attempt 1: connection refused", "EMAIL attempt 2: connection refused")), "retries are no fallback");
    assertEquals(KpiOutcomes.Delivery.AFTER_FALLBACK, KpiOutcomes.delivery(report("n", "IN_APP", true, q,
        "WEBHOOK attempt 1: no webhook endpoint configured")));
    assertEquals(KpiOutcomes.Delivery.NEVER, KpiOutcomes.delivery(report("n", null, false, q,
        "EMAIL attempt 1: bounced", "IN_APP attempt 1: inbox write failed")));

    OrderState fellBack = issued.apply(new OrderEvent.ReceiptDelivered("o1", report("receipt:o1", "IN_APP", true, q,
        "WEBHOOK attempt 1: no webhook endpoint configured")));
    assertTrue(order(fellBack).has(KpiFact.Flag.RECEIPT_AFTER_FALLBACK));

    // The automatic send failed everywhere; a resend support asked for later reached the customer
    // first in the journal. The automatic send is the first queued: never delivered.
    OrderState never = issued
        .apply(new OrderEvent.ReceiptDelivered("o1", report("receipt:o1:resend-1", "EMAIL", true, q.plusSeconds(600))))
        .apply(new OrderEvent.NotificationFailed("o1", report("receipt:o1", null, false, q,
            "EMAIL attempt 1: bounced", "IN_APP attempt 1: inbox write failed")));
    assertTrue(order(never).has(KpiFact.Flag.RECEIPT_NOT_DELIVERED));
    assertFalse(order(never).has(KpiFact.Flag.RECEIPT_FIRST_CHANNEL));
  }

  @Test
  void aWithheldReceiptIsFlaggedAndHasNoDeliveryOutcome() {
    OrderState withheld = with(registered(), event("s1", PaymentEventType.SUCCEEDED, 1000, "card", null))
        .apply(new OrderEvent.ReceiptIssued("o1", receipt(), List.of("total paid 1000 != payments 900")));
    KpiFact fact = order(withheld);
    assertTrue(fact.has(KpiFact.Flag.RECEIPT_WITHHELD));
    assertEquals(1, fact.flags().stream().filter(f -> f.startsWith("RECEIPT_")).count());
  }

  @Test
  void anEscalatedDiscrepancyIsFlaggedAndOneNoCustomerIsToldOfHasNoNoticeDeadline() {
    Discrepancy under = new Discrepancy("D1", DiscrepancyType.UNDERPAYMENT, "order", new Money(1000, "EUR"),
        new Money(400, "EUR"), List.of(), "short", T, T.plus(Duration.ofHours(24)), T.plus(Duration.ofHours(48)),
        null, null, null, null);
    Discrepancy mismatch = new Discrepancy("D2", DiscrepancyType.RECEIPT_MISMATCH, "order", null, null,
        List.of(), "receipt withheld", T, T.plus(Duration.ofHours(24)), T.plus(Duration.ofHours(48)),
        null, null, null, null);
    OrderState state = registered().apply(new OrderEvent.DiscrepancyOpened("o1", under))
        .apply(new OrderEvent.DiscrepancyOpened("o1", mismatch))
        .apply(new OrderEvent.DiscrepancyDeadlinePassed("o1", "D1", DiscrepancyType.UNDERPAYMENT,
            DiscrepancyDeadline.RESOLUTION_WARNING, T.plus(Duration.ofHours(36)), 0, T.plus(Duration.ofHours(36))));
    Map<String, KpiFact> d = KpiFacts.of(state).stream().filter(f -> f.kind() == KpiFact.Kind.DISCREPANCY)
        .collect(Collectors.toMap(KpiFact::itemId, Function.identity()));
    assertFalse(d.get("o1/D1").has(KpiFact.Flag.ESCALATED), "a warning does not escalate");
    assertEquals(T.plus(Duration.ofHours(24)), d.get("o1/D1").ackDue());
    assertNull(d.get("o1/D2").ackDue(), "no notice is sent for a withheld receipt: nothing to measure");

    OrderState breached = state.apply(new OrderEvent.DiscrepancyDeadlinePassed("o1", "D1",
        DiscrepancyType.UNDERPAYMENT, DiscrepancyDeadline.RESOLUTION_OVERDUE, T.plus(Duration.ofHours(48)), 1,
        T.plus(Duration.ofHours(48))));
    assertTrue(KpiFacts.of(breached).stream().anyMatch(f -> f.itemId().equals("o1/D1")
        && f.has(KpiFact.Flag.ESCALATED)));
  }
}
