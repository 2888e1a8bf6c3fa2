package payledger.readmodel;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import payledger.dispute.CaseDetails;
import payledger.dispute.DisputeCase;
import payledger.dispute.DisputeCategory;
import payledger.dispute.DisputeEvent;
import payledger.money.Money;
import payledger.order.Discrepancy;
import payledger.order.DiscrepancyType;
import payledger.order.Invoice;
import payledger.order.OrderEvent;
import payledger.order.OrderState;
import payledger.order.PaymentEvent;
import payledger.order.PaymentEventType;
import payledger.readmodel.ReadModelQueries.DiscrepancyQuery;
import payledger.readmodel.ReadModelQueries.DisputeQuery;

/**
 * The queues' gateway: which gateway a discrepancy and a case are listed under, and the filter
 * beside the others (a row without a gateway passes only when any gateway will do).
 */
class QueueGatewayFilterTest {

  private static final Instant T = Instant.parse("2026-12-07T08:00:00Z");
  private static final Invoice INVOICE = new Invoice("c1", "c@example.com", "EUR",
      List.of(new Invoice.LineItem("SKU", "Mug", 1, 1000)), 0, List.of(), List.of(), null);

  private static PaymentEvent payment(String id, String gateway, long amount) {
    return new PaymentEvent(id, gateway, PaymentEventType.SUCCEEDED, "o1", "pay-" + id,
        new Money(amount, "EUR"), "card", T, "c1", null);
  }

  /** An order paid through adyen first, then stripe. */
  private static OrderState paidTwice() {
    return OrderState.empty("o1")
        .apply(new OrderEvent.OrderRegistered("o1", INVOICE, T))
        .apply(new OrderEvent.PaymentRecorded("o1", payment("e1", "adyen", 400), T.plusSeconds(1)))
        .apply(new OrderEvent.PaymentRecorded("o1", payment("e2", "stripe", 400), T.plusSeconds(2)));
  }

  private static Discrepancy discrepancy(String subject, List<String> payments) {
    return new Discrepancy("D1", DiscrepancyType.UNDERPAYMENT, subject, new Money(1000, "EUR"),
        new Money(800, "EUR"), payments, "short", T, T.plus(Duration.ofHours(24)),
        T.plus(Duration.ofHours(48)), null, null, null, null);
  }

  @Test
  void aDiscrepancyIsListedUnderTheGatewayOfThePaymentItIsAbout() {
    OrderState order = paidTwice();
    assertEquals("stripe", DiscrepancyRow.of(order, discrepancy("stripe:e2", List.of("stripe:e2"))).gateway());
    assertEquals("stripe", DiscrepancyRow.of(order, discrepancy("order", List.of("stripe:e2", "adyen:e1"))).gateway(),
        "a whole-order one: the first payment it involves");
    assertEquals("adyen", DiscrepancyRow.of(order, discrepancy("order", List.of())).gateway(),
        "involving none: the order's first payment");
    OrderState unpaid = OrderState.empty("o1").apply(new OrderEvent.OrderRegistered("o1", INVOICE, T));
    assertNull(DiscrepancyRow.of(unpaid, discrepancy("order", List.of())).gateway(), "no payment: no gateway");
  }

  @Test
  void aCaseIsListedUnderTheGatewayThatOpenedItElseUnderItsOrders() {
    assertEquals("stripe", DisputeRow.of(opened(CaseDetails.Source.GATEWAY, "stripe"), "adyen").gateway());
    assertEquals("adyen", DisputeRow.of(opened(CaseDetails.Source.SUPPORT, "agent-7"), "adyen").gateway());
    assertNull(DisputeRow.of(opened(CaseDetails.Source.CUSTOMER, "portal"), OrderRow.NONE).gateway(),
        "an order without a known gateway");
    assertNull(DisputeRow.of(opened(CaseDetails.Source.CUSTOMER, "portal"), null).gateway());
  }

  @Test
  void theDiscrepancyFilterKeepsOnlyItsGatewayBesideTheOtherFilters() {
    DiscrepancyRow adyen = row("adyen", "UNDERPAYMENT");
    DiscrepancyRow stripe = row("stripe", "UNDERPAYMENT");
    DiscrepancyRow before = row(null, "UNDERPAYMENT");
    DiscrepancyQuery any = new DiscrepancyQuery(false, null, null, null, 20, null);
    DiscrepancyQuery ofAdyen = new DiscrepancyQuery(false, null, null, "adyen", 20, null);
    DiscrepancyQuery adyenOverpaid = new DiscrepancyQuery(false, "OVERPAYMENT", null, "adyen", 20, null);
    assertTrue(any.keeps(adyen) && any.keeps(stripe) && any.keeps(before));
    assertTrue(ofAdyen.keeps(adyen));
    assertFalse(ofAdyen.keeps(stripe));
    assertFalse(ofAdyen.keeps(before), "a row written before rows had a gateway: only under any gateway");
    assertFalse(adyenOverpaid.keeps(adyen), "both filters apply");
  }

  @Test
  void theCaseFilterKeepsOnlyItsGatewayBesideTheOtherFilters() {
    DisputeRow stripe = DisputeRow.of(opened(CaseDetails.Source.GATEWAY, "stripe"), null);
    DisputeRow adyen = DisputeRow.of(opened(CaseDetails.Source.SUPPORT, "agent-7"), "adyen");
    Instant now = T.plusSeconds(60);
    DisputeQuery ofStripe = new DisputeQuery(null, null, null, null, "stripe", 20, null);
    assertTrue(ofStripe.keeps(stripe, now));
    assertFalse(ofStripe.keeps(adyen, now));
    assertTrue(new DisputeQuery(null, null, null, null, null, 20, null).keeps(adyen, now));
    assertFalse(new DisputeQuery("ACKNOWLEDGED", null, null, null, "stripe", 20, null).keeps(stripe, now),
        "an open case is not acknowledged");
    assertTrue(new DisputeQuery("OPEN", "HIGH", false, null, "stripe", 20, null).keeps(stripe, now));
    assertFalse(new DisputeQuery(null, null, true, null, "stripe", 20, null).keeps(stripe, now),
        "not overdue a minute after opening");
  }

  private static DiscrepancyRow row(String gateway, String type) {
    return new DiscrepancyRow("o1", "D1", type, T, T.plusSeconds(60), T.plusSeconds(120), 1000L, 800L,
        "EUR", "short", null, null, null, 0, List.of(), gateway);
  }

  private static DisputeCase opened(CaseDetails.Source source, String openedBy) {
    CaseDetails details = new CaseDetails("o1", "c1", DisputeCategory.CHARGEBACK, "disputed", null,
        source, null, null, null, openedBy);
    return DisputeCase.empty("PL-QGF0000001").apply(new DisputeEvent.Opened("PL-QGF0000001", details,
        T.plus(Duration.ofHours(1)), T.plus(Duration.ofHours(48)), null, T));
  }
}
