package payledger.order;

import static org.junit.jupiter.api.Assertions.*;
import static payledger.order.Fixtures.*;
import static payledger.order.PaymentEventType.*;

import com.typesafe.config.ConfigFactory;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit.CommandResultWithReply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import payledger.order.OrderLedger.*;

/**
 * The OrderLedger entity with the in-memory journal. The testkit also round-trips every command,
 * reply, event and state through the configured serializer, so a non-serializable message fails here.
 */
@ExtendWith({TestKitJUnit5Extension.class, LogCapturingExtension.class})
class OrderLedgerTest {

  @JUnit5TestKit
  ActorTestKit testKit =
      new JUnit5TestKitBuilder()
          .withCustomConfig(
              EventSourcedBehaviorTestKit.config()
                  .withFallback(ConfigFactory.parseString("pekko.actor.provider = local"))
                  .withFallback(ConfigFactory.load()))
          .build();

  private EventSourcedBehaviorTestKit<Command, Event, State> ledger;

  @BeforeEach
  void setUp() {
    ledger =
        EventSourcedBehaviorTestKit.create(
            testKit.system(),
            OrderLedger.create(
                "order-1", Clock.fixed(T0, ZoneOffset.UTC), new OrderLedger.Settings(3)));
    ledger.clear();
  }

  private CommandResultWithReply<Command, Event, State, StatusReply<Registration>> register(
      Invoice invoice) {
    return ledger.runCommand(replyTo -> new RegisterOrder(invoice, replyTo));
  }

  private CommandResultWithReply<Command, Event, State, StatusReply<PaymentAck>> pay(
      PaymentEvent event) {
    return ledger.runCommand(replyTo -> new RecordPayment(event, replyTo));
  }

  private Summary summary() {
    return ledger.<StatusReply<Summary>>runCommand(GetOrder::new).reply().getValue();
  }

  @Test
  void registeringAnOrderJournalsItsInvoice() {
    var result = register(invoice());

    assertEquals(new OrderRegistered("order-1", invoice(), T0), result.event());
    assertTrue(result.reply().getValue().created());
    assertEquals(OrderStatus.AWAITING_PAYMENT, result.reply().getValue().order().status());
    assertEquals(DUE, result.reply().getValue().order().totals().due().value());
  }

  @Test
  void registeringTheSameInvoiceAgainIsANoOp() {
    register(invoice());

    var again = register(invoice());

    assertTrue(again.hasNoEvents());
    assertFalse(again.reply().getValue().created());
  }

  @Test
  void aDifferentInvoiceForARegisteredOrderIsRefused() {
    register(invoice());
    Invoice other =
        new Invoice("cust-2", "bob@example.com", "EUR",
            invoice().items(), 0, List.of(), List.of(), null);

    var refused = register(other);

    assertTrue(refused.hasNoEvents());
    assertTrue(refused.reply().isError());
    assertEquals(invoice(), refused.state().invoice());
  }

  @ParameterizedTest(name = "{0} of {1} after a full capture -> {2}")
  @CsvSource({
    "AUTHORIZED, 3090, RECONCILED, 3090",
    "FAILED, 3090, RECONCILED, 3090",
    "SUCCEEDED, 3090, OVERPAID, 6180",
    "REFUNDED, 1000, PARTIALLY_PAID, 2090",
    "REFUNDED, 3090, AWAITING_PAYMENT, 0",
    "CHARGEBACK, 3090, AWAITING_PAYMENT, 0",
  })
  void eachEventTypeMovesNetPaidAsItShould(
      PaymentEventType type, long amount, OrderStatus status, long netPaid) {
    register(invoice());
    pay(event("evt-capture", SUCCEEDED, DUE));

    var result = pay(event("evt-next", type, amount));

    assertInstanceOf(PaymentRecorded.class, result.event());
    assertEquals(status, result.reply().getValue().status());
    assertEquals(netPaid, summary().totals().netPaid().value());
  }

  @Test
  void statusFollowsThePaymentsThroughTheirLifecycle() {
    register(invoice());
    assertEquals(OrderStatus.AWAITING_PAYMENT, summary().status());

    assertEquals(OrderStatus.AWAITING_PAYMENT, pay(event("e1", FAILED, DUE)).reply().getValue().status());
    assertEquals(OrderStatus.PARTIALLY_PAID, pay(event("e2", SUCCEEDED, 1000)).reply().getValue().status());
    assertEquals(OrderStatus.RECONCILED, pay(event("e3", SUCCEEDED, DUE - 1000)).reply().getValue().status());
    assertEquals(OrderStatus.PARTIALLY_PAID, pay(event("e4", CHARGEBACK, 1000)).reply().getValue().status());
    assertEquals(OrderStatus.RECONCILED, pay(event("e5", CHARGEBACK_REVERSED, 1000)).reply().getValue().status());

    Reconciliation.Totals totals = summary().totals();
    assertEquals(DUE, totals.paid().value());
    assertEquals(0, totals.chargedBack().value());
    assertEquals(0, totals.balance().value());
  }

  @Test
  void duplicateGatewayEventHasNoSecondEffect() {
    register(invoice());
    PaymentEvent capture = event("evt-1", SUCCEEDED, 1000);
    pay(capture);

    var redelivery = pay(capture);

    assertTrue(redelivery.hasNoEvents());
    assertTrue(redelivery.reply().getValue().duplicate());
    assertEquals(1000, summary().totals().paid().value());
    assertEquals(1, summary().payments().size());
  }

  @Test
  void aDifferentEventUnderAnIdAlreadyUsedIsRefused() {
    register(invoice());
    pay(event("evt-1", SUCCEEDED, 1000));

    var conflicting = pay(event("evt-1", SUCCEEDED, 2000));

    assertTrue(conflicting.hasNoEvents());
    assertTrue(conflicting.reply().isError());
    assertEquals(1000, summary().totals().paid().value());
  }

  @Test
  void theSameEventIdFromAnotherGatewayIsADifferentEvent() {
    register(invoice());
    pay(event("evt-1", SUCCEEDED, 1000));
    PaymentEvent adyen = event("evt-1", SUCCEEDED, 1000);
    adyen = new PaymentEvent(adyen.eventId(), "adyen", adyen.type(), adyen.orderId(),
        adyen.paymentId(), adyen.amount(), adyen.method(), adyen.occurredAt(), null, null);

    assertFalse(pay(adyen).reply().getValue().duplicate());
    assertEquals(2000, summary().totals().paid().value());
  }

  @Test
  void aPaymentBeforeItsOrderIsKeptUnlinkedAndCountsOnceTheOrderArrives() {
    var early = pay(event("evt-1", SUCCEEDED, DUE));
    assertEquals(OrderStatus.UNLINKED, early.reply().getValue().status());
    assertNull(summary().totals());

    var registered = register(invoice());

    assertEquals(OrderStatus.RECONCILED, registered.reply().getValue().order().status());
  }

  @Test
  void mismatchedCurrencyOrMethodIsADiscrepancyNotReconciled() {
    register(invoice());
    pay(event("evt-1", SUCCEEDED, DUE, "EUR", "paypal"));
    assertEquals(OrderStatus.DISCREPANCY, summary().status());

    ledger.clear();
    register(invoice());
    pay(event("evt-1", SUCCEEDED, DUE, "USD", "card"));
    assertEquals(OrderStatus.DISCREPANCY, summary().status());
    assertEquals(0, summary().totals().paid().value());
  }

  @Test
  void anUnknownOrderIsNotFound() {
    var result = ledger.<StatusReply<Summary>>runCommand(GetOrder::new);
    assertTrue(result.reply().isError());
  }

  @Test
  void snapshotsAndRecoveryGiveTheSameStateAndKeepDeduplicating() {
    register(invoice());
    for (int i = 1; i <= 7; i++) {
      pay(event("evt-" + i, i % 2 == 0 ? REFUNDED : SUCCEEDED, 100));
    }
    State before = ledger.getState();

    ledger.restart();

    assertEquals(before, ledger.getState());
    assertTrue(pay(event("evt-3", SUCCEEDED, 100)).reply().getValue().duplicate());
    assertEquals(before, ledger.getState());
  }
}
