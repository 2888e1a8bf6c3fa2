package payledger.gateway;

import static org.junit.jupiter.api.Assertions.*;
import static payledger.testing.GatewayFixtures.json;
import static payledger.testing.GatewayFixtures.stripe;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import payledger.json.JsonFields;
import payledger.money.Money;
import payledger.order.PaymentEvent;
import payledger.order.PaymentEventType;

/** Stripe event fixtures (real envelope shape) mapped to ledger events. */
class StripeEventsTest {

  private static final long MAX = 100_000_000_000L;
  private final StripeEvents byIntent = new StripeEvents(new StripeEvents.Settings("order_id", false, false, MAX));
  private final StripeEvents byCharge = new StripeEvents(new StripeEvents.Settings("order_id", true, true, MAX));

  private static PaymentEvent event(Mapped mapped) {
    return assertInstanceOf(Mapped.Event.class, mapped).event();
  }

  @Test
  void paymentIntentSucceededIsASucceededPaymentOfTheAmountReceived() {
    PaymentEvent e = event(byIntent.map(json(stripe("payment_intent.succeeded", "o-1", null))));
    assertEquals(PaymentEventType.SUCCEEDED, e.type());
    assertEquals("evt_3QpiA1LkdIwHu7ix1ZbXK0aB", e.eventId());
    assertEquals("stripe", e.gateway());
    assertEquals("o-1", e.orderId());
    assertEquals("pi_3QpiA1LkdIwHu7ix1xR4vE9T", e.paymentId());
    assertEquals(new Money(3090, "EUR"), e.amount());
    assertEquals("card", e.method());
    assertEquals("cus_R9xKq2mL0aBcDe", e.customerId());
    assertEquals(Instant.ofEpochSecond(1763806530), e.occurredAt());
  }

  @Test
  void paymentIntentFailureCarriesTheErrorCode() {
    PaymentEvent e = event(byIntent.map(json(stripe("payment_intent.payment_failed", "o-1", null))));
    assertEquals(PaymentEventType.FAILED, e.type());
    assertEquals("card_declined", e.failureReason());
  }

  @Test
  void chargeEventsAreRedundantWhenPaymentsComeFromPaymentIntents() {
    assertInstanceOf(Mapped.Ignored.class, byIntent.map(json(stripe("charge.succeeded", "o-1", null))));
    assertInstanceOf(Mapped.Ignored.class, byCharge.map(json(stripe("payment_intent.succeeded", "o-1", null))));
  }

  @Test
  void chargeSucceededMapsTheChargeAndItsMethod() {
    PaymentEvent e = event(byCharge.map(json(stripe("charge.succeeded", "o-1", null))));
    assertEquals(PaymentEventType.SUCCEEDED, e.type());
    assertEquals("ch_3QpiC3LkdIwHu7ix2kQ8b1Xy", e.paymentId());
    assertEquals("card", e.method());
    PaymentEvent failed = event(byCharge.map(json(stripe("charge.failed", "o-1", null))));
    assertEquals(PaymentEventType.FAILED, failed.type());
    assertEquals("card_declined", failed.failureReason());
  }

  @Test
  void anUncapturedChargeIsOnlyAnAuthorization() {
    ObjectNode body = (ObjectNode) json(stripe("charge.succeeded", "o-1", null));
    ((ObjectNode) body.get("data").get("object")).put("captured", false);
    assertEquals(PaymentEventType.AUTHORIZED, event(byCharge.map(body)).type());
  }

  @Test
  void chargeRefundedRecordsOnlyTheNewlyRefundedAmount() {
    PaymentEvent e = event(byIntent.map(json(stripe("charge.refunded", "o-1", null))));
    assertEquals(PaymentEventType.REFUNDED, e.type());
    assertEquals(1000, e.amount().value(), "amount_refunded 1500 minus previous 500");
    assertEquals("ch_3QpiC3LkdIwHu7ix2kQ8b1Xy", e.paymentId());
  }

  @Test
  void withoutPreviousAttributesTheNewestEmbeddedRefundIsTheIncrement() {
    ObjectNode body = (ObjectNode) json(stripe("charge.refunded", "o-1", null));
    ((ObjectNode) body.get("data")).remove("previous_attributes");
    ObjectNode refunds = ((ObjectNode) body.get("data").get("object")).putObject("refunds");
    refunds.putArray("data")
        .add(json("{\"id\":\"re_1\",\"amount\":500,\"created\":1763810000}"))
        .add(json("{\"id\":\"re_2\",\"amount\":1000,\"created\":1763810129}"));
    assertEquals(1000, event(byIntent.map(body)).amount().value());
    ((ObjectNode) body.get("data").get("object")).remove("refunds");
    assertEquals(1500, event(byIntent.map(body)).amount().value(), "a first refund: all of amount_refunded");
  }

  @Test
  void refundEventsAreKeyedByTheRefundSoCreatedAndUpdatedCountOnce() {
    ObjectNode created = (ObjectNode) json(stripe("refund.created", "o-1", null));
    ObjectNode updated = created.deepCopy().put("id", "evt_other").put("type", "refund.updated").put("created", 1763899999);
    PaymentEvent a = event(byCharge.map(created));
    PaymentEvent b = event(byCharge.map(updated));
    assertEquals(a, b);
    assertEquals("re_3QpiC3LkdIwHu7ix2Rf0nD11", a.eventId());
    assertEquals(1000, a.amount().value());
    ((ObjectNode) created.get("data").get("object")).put("status", "pending");
    assertInstanceOf(Mapped.Ignored.class, byCharge.map(created));
  }

  @Test
  void disputeCreatedAndFundsWithdrawnAreOneChargeback() {
    PaymentEvent created = event(byIntent.map(json(stripe("charge.dispute.created", "o-1", null))));
    PaymentEvent withdrawn = event(byIntent.map(json(stripe("charge.dispute.funds_withdrawn", "o-1", null))));
    assertEquals(created, withdrawn);
    assertEquals(PaymentEventType.CHARGEBACK, created.type());
    assertEquals("dp_1QpiF6LkdIwHu7ixq3Kz9Abc:withdrawn", created.eventId());
    assertEquals("ch_3QpiC3LkdIwHu7ix2kQ8b1Xy", created.paymentId());
  }

  @Test
  void reinstatedFundsReverseTheChargebackAndAClosedDisputeIsANotice() {
    assertEquals(PaymentEventType.CHARGEBACK_REVERSED,
        event(byIntent.map(json(stripe("charge.dispute.funds_reinstated", "o-1", null)))).type());
    PaymentEvent closed = event(byIntent.map(json(stripe("charge.dispute.closed", "o-1", null))));
    assertEquals(PaymentEventType.NOTICE, closed.type());
    assertEquals("lost", closed.failureReason());
    assertEquals("evt_3QpiF6LkdIwHu7ix5ClOsEd1", closed.eventId());
  }

  @Test
  void anInquiryMovesNoMoney() {
    ObjectNode body = (ObjectNode) json(stripe("charge.dispute.created", "o-1", null));
    ((ObjectNode) body.get("data").get("object")).put("status", "warning_needs_response");
    assertEquals(PaymentEventType.NOTICE, event(byIntent.map(body)).type());
  }

  @Test
  void unknownTypesAreIgnored() {
    Mapped m = byIntent.map(json(stripe("customer.created", "o-1", null)));
    assertEquals("customer.created", assertInstanceOf(Mapped.Ignored.class, m).eventType());
  }

  @Test
  void withoutMetadataTheEventHasNoOrderId() {
    ObjectNode body = (ObjectNode) json(stripe("payment_intent.succeeded", "o-1", null));
    ((ObjectNode) body.get("data").get("object")).putObject("metadata");
    assertNull(event(byIntent.map(body)).orderId());
  }

  @Test
  void malformedEnvelopesNameTheField() {
    assertEquals("object", assertThrows(JsonFields.Invalid.class, () -> byIntent.map(json("{\"object\":\"charge\"}"))).field());
    ObjectNode body = (ObjectNode) json(stripe("payment_intent.succeeded", "o-1", null));
    ((ObjectNode) body.get("data").get("object")).put("amount_received", "3090");
    assertEquals("data.object.amount_received", assertThrows(JsonFields.Invalid.class, () -> byIntent.map(body)).field());
    ((ObjectNode) body.get("data").get("object")).put("amount_received", 3090).put("currency", "zzz");
    assertEquals("data.object.currency", assertThrows(JsonFields.Invalid.class, () -> byIntent.map(body)).field());
  }
}
