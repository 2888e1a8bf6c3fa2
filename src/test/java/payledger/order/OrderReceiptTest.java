package payledger.order;

import static org.junit.jupiter.api.Assertions.*;
import static payledger.order.Fixtures.*;
import static payledger.order.PaymentEventType.*;

import java.util.List;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import payledger.chain.ChainedEvent;
import payledger.order.OrderEvent.*;
import payledger.order.OrderLedger.*;
import payledger.testing.TestConfigs;
import payledger.time.ServiceClock;

/** The receipt is issued by the OrderLedger once, when the order is first fully paid. */
@ExtendWith({TestKitJUnit5Extension.class, LogCapturingExtension.class})
class OrderReceiptTest {

  @JUnit5TestKit
  ActorTestKit testKit = new JUnit5TestKitBuilder().withCustomConfig(TestConfigs.entityTestKit()).build();

  private final ServiceClock clock = ServiceClock.frozenAt(T0);
  private EventSourcedBehaviorTestKit<Command, OrderEvent, OrderState> ledger;

  @BeforeEach
  void setUp() {
    ledger = EventSourcedBehaviorTestKit.create(testKit.system(),
        OrderLedger.create("order-1", clock, new OrderLedger.Settings(3, ReconciliationSettings.DEFAULT)));
    ledger.clear();
    ledger.<StatusReply<Summary>>runCommand(r -> new RegisterOrder(invoice(), r));
  }

  private List<OrderEvent> pay(String eventId, long amount) {
    return ChainedEvent.unwrapAll(ledger.<StatusReply<PaymentAck>>runCommand(
        r -> new RecordPayment(event(eventId, SUCCEEDED, amount), r)).events(), OrderEvent.class);
  }

  private static long receipts(List<OrderEvent> events) {
    return events.stream().filter(e -> e instanceof ReceiptIssued).count();
  }

  @Test
  void theReceiptIsIssuedInTheWriteThatMakesTheOrderFullyPaid() {
    assertEquals(0, receipts(pay("e1", 1000)), "partially paid: no receipt");
    List<OrderEvent> settled = pay("e2", DUE - 1000);

    assertEquals(1, receipts(settled));
    ReceiptIssued issued = (ReceiptIssued) settled.get(settled.size() - 1);
    assertEquals("R-order-1", issued.receipt().number());
    assertEquals(DUE, issued.receipt().totalPaid());
    assertEquals(List.of(), issued.mismatches());
    assertEquals(2, issued.receipt().payments().size());
  }

  @Test
  void aReceiptIsIssuedOnlyOnceWhateverHappensAfter() {
    pay("e1", DUE);
    pay("e1", DUE); // a gateway redelivery
    ledger.<StatusReply<PaymentAck>>runCommand(r -> new RecordPayment(event("r1", REFUNDED, 500), r));
    List<OrderEvent> repaid = pay("e3", 500);

    assertEquals(0, receipts(repaid), "reconciled again, but the receipt exists");
    ledger.restart(); // recovery replays the journal: state only, nothing issued again
    Summary after = ledger.<StatusReply<Summary>>runCommand(GetOrder::new).reply().getValue();
    assertEquals("R-order-1", after.state().comms().receipt().number());
    assertEquals(1, ledger.<StatusReply<Summary>>runCommand(GetOrder::new).reply().getValue()
        .state().comms().receipt().payments().size());
  }

  @Test
  void deliveryReportsAreRecordedOnceAndResendsKeepTheNumber() {
    pay("e1", DUE);
    DeliveryReport report = new DeliveryReport("receipt:order-1", "RECEIPT", "R-order-1", "EMAIL",
        true, 2, List.of("EMAIL attempt 1: connection refused"), T0, T0.plusSeconds(5));

    var first = ledger.<StatusReply<Done>>runCommand(r -> new RecordDelivery(report, r));
    var again = ledger.<StatusReply<Done>>runCommand(r -> new RecordDelivery(report, r));

    assertInstanceOf(ReceiptDelivered.class, ChainedEvent.unwrapAll(first.events(), OrderEvent.class).get(0));
    assertTrue(ChainedEvent.unwrapAll(again.events(), OrderEvent.class).isEmpty(), "idempotent on the notification id");
    var resend = ledger.<StatusReply<Summary>>runCommand(r -> new ResendReceipt("IN_APP", "agent-7", r));
    ReceiptResendRequested requested = (ReceiptResendRequested) ChainedEvent.unwrapAll(resend.events(), OrderEvent.class).get(0);
    assertEquals("receipt:order-1:resend-1", requested.notificationId());
    assertEquals("R-order-1", resend.reply().getValue().state().comms().receipt().number());
  }

  @Test
  void aResendBeforeTheOrderIsPaidIsRefused() {
    var refused = ledger.<StatusReply<Summary>>runCommand(r -> new ResendReceipt(null, "agent-7", r));
    assertTrue(refused.reply().isError());
    assertTrue(ChainedEvent.unwrapAll(refused.events(), OrderEvent.class).isEmpty());
  }
}
