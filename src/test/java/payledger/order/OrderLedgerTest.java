package payledger.order;

import static org.junit.jupiter.api.Assertions.*;
import static payledger.order.Fixtures.*;
import static payledger.order.PaymentEventType.*;

import java.time.Duration;
import java.util.List;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit.CommandResultWithReply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import payledger.chain.ChainedEvent;
import payledger.money.Money;
import payledger.order.OrderEvent.*;
import payledger.order.OrderLedger.*;
import payledger.time.ServiceClock;
import payledger.testing.TestConfigs;

/**
 * The OrderLedger entity with the in-memory journal. The testkit also round-trips every command,
 * reply, event and state through the configured serializer, so a non-serializable message fails here.
 */
@ExtendWith({TestKitJUnit5Extension.class, LogCapturingExtension.class})
class OrderLedgerTest {

  @JUnit5TestKit
  ActorTestKit testKit =
      new JUnit5TestKitBuilder()
          .withCustomConfig(TestConfigs.entityTestKit())
          .build();

  private final ServiceClock clock = ServiceClock.frozenAt(T0);
  private EventSourcedBehaviorTestKit<Command, OrderEvent, OrderState> ledger;

  @BeforeEach
  void setUp() {
    ledger = ledger("order-1");
  }

  private EventSourcedBehaviorTestKit<Command, OrderEvent, OrderState> ledger(String id) {
    var kit = EventSourcedBehaviorTestKit.<Command, OrderEvent, OrderState>create(
        testKit.system(),
        OrderLedger.create(id, clock, new OrderLedger.Settings(3, ReconciliationSettings.DEFAULT)));
    kit.clear();
    return kit;
  }

  private CommandResultWithReply<Command, OrderEvent, OrderState, StatusReply<Summary>> register(
      Invoice invoice) {
    return ledger.runCommand(replyTo -> new RegisterOrder(invoice, replyTo));
  }

  private CommandResultWithReply<Command, OrderEvent, OrderState, StatusReply<PaymentAck>> pay(
      PaymentEvent event) {
    return ledger.runCommand(replyTo -> new RecordPayment(event, replyTo));
  }

  private StatusReply<Summary> resolve(String id, Resolution how) {
    return ledger.<StatusReply<Summary>>runCommand(
        replyTo -> new ResolveDiscrepancy(id, how, "agent-7", "called the customer", replyTo)).reply();
  }

  /** The domain events a command journaled (the journal holds them in the audit hash chain). */
  private static List<OrderEvent> events(
      EventSourcedBehaviorTestKit.CommandResult<Command, OrderEvent, OrderState> result) {
    return ChainedEvent.unwrapAll(result.events(), OrderEvent.class);
  }

  private Summary summary() {
    return ledger.<StatusReply<Summary>>runCommand(GetOrder::new).reply().getValue();
  }

  private List<Discrepancy> open() {
    return summary().state().discrepancies().stream().filter(Discrepancy::isOpen).toList();
  }

  @Test
  void registeringAnOrderJournalsItsInvoice() {
    var result = register(invoice());

    assertEquals(List.of(new OrderRegistered("order-1", invoice(), T0)), events(result));
    assertTrue(result.reply().getValue().changed());
    assertEquals(OrderStatus.AWAITING_PAYMENT, result.reply().getValue().status());
    assertEquals(DUE, result.reply().getValue().totals().due().value());
  }

  @Test
  void registeringTheSameInvoiceAgainIsANoOpAndADifferentOneIsRefused() {
    register(invoice());

    var again = register(invoice());
    assertTrue(again.hasNoEvents());
    assertFalse(again.reply().getValue().changed());

    Invoice other = new Invoice("cust-2", "bob@example.com", "EUR", invoice().items(), 0,
        List.of(), List.of(), null);
    var refused = register(other);
    assertTrue(refused.hasNoEvents());
    assertEquals(Rejection.CONFLICT, Rejection.kindOf(refused.reply().getError().getMessage()));
    assertEquals(invoice(), refused.state().facts().invoice());
  }

  @ParameterizedTest(name = "{0} of {1} after a full capture -> {2}")
  @CsvSource({
    "AUTHORIZED, 3090, RECONCILED, 3090",
    "FAILED, 3090, RECONCILED, 3090",
    "REFUNDED, 1000, DISCREPANCY, 2090",
    "REFUNDED, 3090, DISCREPANCY, 0",
    "CHARGEBACK, 3090, DISCREPANCY, 0",
  })
  void eachEventTypeMovesNetPaidAsItShould(
      PaymentEventType type, long amount, OrderStatus status, long netPaid) {
    register(invoice());
    pay(event("evt-capture", SUCCEEDED, DUE));

    var result = pay(event("evt-next", type, amount));

    assertInstanceOf(PaymentRecorded.class, events(result).get(0));
    assertEquals(status, result.reply().getValue().status());
    assertEquals(netPaid, summary().totals().netPaid().value());
  }

  @Test
  void aCaptureReportedTwiceForOnePaymentCountsOnce() {
    register(invoice());
    pay(event("evt-pi-succeeded", SUCCEEDED, DUE));
    PaymentEvent chargeSucceeded = event("evt-ch-succeeded", SUCCEEDED, DUE);
    chargeSucceeded = new PaymentEvent(chargeSucceeded.eventId(), "stripe", SUCCEEDED, "order-1",
        "pi_evt-pi-succeeded", chargeSucceeded.amount(), "card", T0, null, null);

    assertEquals(OrderStatus.RECONCILED, pay(chargeSucceeded).reply().getValue().status());
    assertEquals(DUE, summary().totals().paid().value());
  }

  @Test
  void anUnderpaymentOpensTheMomentItAppearsAndAutoMatchesWhenTheRestArrives() {
    register(invoice());

    var half = pay(event("e1", SUCCEEDED, 1000));
    assertEquals(2, events(half).size(), "the payment and the discrepancy, in one write");
    Discrepancy opened = ((DiscrepancyOpened) events(half).get(1)).discrepancy();
    assertEquals(DiscrepancyType.UNDERPAYMENT, opened.type());
    assertEquals(new Money(DUE, "EUR"), opened.expected());
    assertEquals(new Money(1000, "EUR"), opened.actual());
    assertEquals(T0.plus(Duration.ofHours(24)), opened.customerNotifyBy());
    assertEquals(T0.plus(Duration.ofHours(48)), opened.resolveBy());
    assertEquals(OrderStatus.DISCREPANCY, half.reply().getValue().status());

    clock.advance(Duration.ofMinutes(30));
    var rest = pay(event("e2", SUCCEEDED, DUE - 1000));

    DiscrepancyResolved closed = (DiscrepancyResolved) events(rest).get(1);
    assertEquals(Resolution.AUTO_MATCHED, closed.resolution());
    assertEquals(OrderStatus.RECONCILED, rest.reply().getValue().status());
    assertTrue(summary().autoReconciled());
  }

  @Test
  void aSecondChargeOfTheSameAmountIsADuplicateUntilItIsRefunded() {
    register(invoice());
    pay(event("e1", SUCCEEDED, DUE));

    pay(event("e2", SUCCEEDED, DUE));
    assertEquals(List.of(DiscrepancyType.DUPLICATE_CHARGE), open().stream().map(Discrepancy::type).toList());
    assertEquals("stripe:e2", open().get(0).subject());

    pay(event("e3", REFUNDED, DUE));
    assertTrue(open().isEmpty());
    assertEquals(OrderStatus.RECONCILED, summary().status());
  }

  @Test
  void aManualResolutionMustFitTheTypeIsIdempotentAndIsNotAutoReconciled() {
    register(invoice());
    pay(event("e1", SUCCEEDED, DUE - 500));
    String id = open().get(0).id();

    StatusReply<Summary> refund = resolve(id, Resolution.REFUNDED);
    assertTrue(refund.isError(), "an underpayment cannot be refunded");
    assertTrue(refund.getError().getMessage().contains("WRITTEN_OFF"), refund.getError().getMessage());

    assertTrue(resolve(id, Resolution.WRITTEN_OFF).getValue().changed());
    assertFalse(resolve(id, Resolution.WRITTEN_OFF).getValue().changed(), "same action again");
    assertTrue(resolve(id, Resolution.ACCEPTED).isError(), "already resolved otherwise");
    assertEquals(Rejection.NOT_FOUND,
        Rejection.kindOf(resolve("D99", Resolution.ACCEPTED).getError().getMessage()));

    Summary after = summary();
    assertEquals(OrderStatus.PARTIALLY_PAID, after.status(), "written off, not reconciled");
    assertTrue(after.state().discrepancies().stream().noneMatch(Discrepancy::isOpen),
        "a written-off shortfall is not raised again");
    Discrepancy d = after.state().discrepancies().get(0);
    assertEquals("agent-7", d.resolvedBy());
    assertEquals("called the customer", d.note());
  }

  @Test
  void anInvoiceAdjustmentClosesTheDiscrepancyAsAdjustedByItsAuthorAndIsIdempotent() {
    register(invoice());
    pay(event("e1", SUCCEEDED, DUE - 500));
    Adjustment goodwill = new Adjustment("adj-1", new Money(-500, "EUR"), "goodwill", "agent-7", null);

    var adjusted = ledger.<StatusReply<Summary>>runCommand(r -> new AdjustInvoice(goodwill, r));
    assertEquals(OrderStatus.RECONCILED, adjusted.reply().getValue().status());
    DiscrepancyResolved closed = (DiscrepancyResolved) events(adjusted).get(1);
    assertEquals(Resolution.INVOICE_ADJUSTED, closed.resolution());
    assertEquals("agent-7", closed.resolvedBy());
    assertFalse(summary().autoReconciled());

    var again = ledger.<StatusReply<Summary>>runCommand(r -> new AdjustInvoice(goodwill, r));
    assertTrue(again.hasNoEvents());
    Adjustment different = new Adjustment("adj-1", new Money(-600, "EUR"), "goodwill", "agent-7", null);
    assertTrue(ledger.<StatusReply<Summary>>runCommand(r -> new AdjustInvoice(different, r)).reply().isError());
    Adjustment dollars = new Adjustment("adj-2", new Money(-5, "USD"), "goodwill", "agent-7", null);
    assertTrue(ledger.<StatusReply<Summary>>runCommand(r -> new AdjustInvoice(dollars, r)).reply().isError());
  }

  @Test
  void noPaymentWithinTheGracePeriodIsAMissingPaymentDatedAtTheDeadline() {
    register(invoice());
    clock.advance(Duration.ofMinutes(59));
    ledger.runCommand(CheckDeadlines.INSTANCE);
    assertTrue(open().isEmpty());

    clock.advance(Duration.ofMinutes(2));
    ledger.runCommand(CheckDeadlines.INSTANCE);

    Discrepancy missing = open().get(0);
    assertEquals(DiscrepancyType.MISSING_PAYMENT, missing.type());
    assertEquals(T0.plus(Duration.ofHours(1)), missing.detectedAt());

    pay(event("e1", SUCCEEDED, DUE));
    assertTrue(open().isEmpty());
    assertEquals(Resolution.AUTO_MATCHED, summary().state().discrepancies().get(0).resolution());
  }

  @Test
  void aFailureNotFollowedBySuccessWithinGraceIsAFailedPayment() {
    register(invoice());
    pay(event("e1", FAILED, DUE));
    clock.advance(Duration.ofHours(2));
    ledger.runCommand(CheckDeadlines.INSTANCE);

    assertEquals(List.of(DiscrepancyType.FAILED_PAYMENT),
        open().stream().map(Discrepancy::type).toList(), "reported instead of missing payment");
  }

  @Test
  void aPaymentBeforeItsOrderIsKeptUnlinkedAndCountsOnceTheOrderArrives() {
    var early = pay(event("e1", SUCCEEDED, DUE));
    assertEquals(OrderStatus.UNLINKED, early.reply().getValue().status());
    assertNull(summary().totals());

    var registered = register(invoice());

    assertEquals(OrderStatus.RECONCILED, registered.reply().getValue().status());
    assertTrue(summary().state().discrepancies().isEmpty());
  }

  @Test
  void aPaymentWhoseOrderNeverArrivesBecomesUnlinkedAndIsMatchedWhenItFinallyDoes() {
    pay(event("e1", SUCCEEDED, DUE));
    clock.advance(Duration.ofHours(1));
    ledger.runCommand(CheckDeadlines.INSTANCE);

    assertEquals(DiscrepancyType.UNLINKED_PAYMENT, open().get(0).type());
    assertNull(open().get(0).expected());

    register(invoice());
    assertTrue(open().isEmpty());
    assertEquals(OrderStatus.RECONCILED, summary().status());
  }

  @Test
  void heldPaymentsLinkedBySupportStopBeingUnlinkedAndPointToTheirOrder() {
    ledger = ledger(OrderLedger.holderId("stripe", "pi_x"));
    pay(event("e1", SUCCEEDED, DUE).withOrderId(null));
    clock.advance(Duration.ofHours(2));
    ledger.<Done>runCommand(DeadlineReached::new);
    assertEquals(DiscrepancyType.UNLINKED_PAYMENT, open().get(0).type());

    var linked = ledger.<StatusReply<Summary>>runCommand(r -> new LinkPayments("order-9", "agent-7", r));
    assertEquals(Resolution.ACCEPTED, ((DiscrepancyResolved) events(linked).get(1)).resolution());
    assertTrue(ledger.<StatusReply<Summary>>runCommand(r -> new LinkPayments("order-9", "agent-7", r))
        .hasNoEvents());
    assertTrue(ledger.<StatusReply<Summary>>runCommand(r -> new LinkPayments("order-8", "agent-7", r))
        .reply().isError());

    var later = pay(event("e2", REFUNDED, 100).withOrderId(null));
    assertTrue(later.hasNoEvents(), "the order's ledger records it now");
    assertEquals("order-9", later.reply().getValue().linkedTo());
  }

  @Test
  void mismatchedCurrencyOrMethodIsADiscrepancyAboutThatPayment() {
    register(invoice());
    pay(event("e1", SUCCEEDED, DUE, "EUR", "paypal"));
    assertEquals(DiscrepancyType.METHOD_MISMATCH, open().get(0).type());
    assertEquals("stripe:e1", open().get(0).subject());

    ledger.clear();
    register(invoice());
    pay(event("e1", SUCCEEDED, DUE, "USD", "card"));
    assertEquals(DiscrepancyType.CURRENCY_MISMATCH, open().get(0).type());
    assertEquals(0, summary().totals().paid().value());
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
    assertEquals(1, summary().state().facts().payments().size());
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
    PaymentEvent adyen = new PaymentEvent("evt-1", "adyen", SUCCEEDED, "order-1", "psp-1",
        new Money(1000, "EUR"), "card", T0, null, null);

    assertFalse(pay(adyen).reply().getValue().duplicate());
    assertEquals(2000, summary().totals().paid().value());
  }

  @Test
  void anUnknownOrderIsNotFound() {
    var result = ledger.<StatusReply<Summary>>runCommand(GetOrder::new);
    assertEquals(Rejection.NOT_FOUND, Rejection.kindOf(result.reply().getError().getMessage()));
  }

  @Test
  void snapshotsAndRecoveryGiveTheSameStateAndKeepDeduplicating() {
    register(invoice());
    for (int i = 1; i <= 7; i++) {
      pay(event("evt-" + i, i % 2 == 0 ? REFUNDED : SUCCEEDED, 100));
    }
    OrderState before = ledger.getState();

    ledger.restart();

    assertEquals(before, ledger.getState());
    assertTrue(pay(event("evt-3", SUCCEEDED, 100)).reply().getValue().duplicate());
    assertEquals(before, ledger.getState());
  }
}
