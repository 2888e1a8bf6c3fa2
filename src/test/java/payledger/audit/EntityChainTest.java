package payledger.audit;

import static org.junit.jupiter.api.Assertions.*;
import static payledger.order.Fixtures.*;

import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.PersistenceTestKit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import payledger.chain.ChainedEvent;
import payledger.chain.HashChain;
import payledger.order.OrderEvent;
import payledger.order.OrderLedger;
import payledger.order.OrderLedger.*;
import payledger.order.OrderState;
import payledger.order.PaymentEventType;
import payledger.order.ReconciliationSettings;
import payledger.testing.TestConfigs;
import payledger.time.ServiceClock;

/**
 * The chain as the entity writes it: every journaled event links to the one before, the state
 * keeps the last hash, and the chain continues unbroken across snapshots and recovery.
 */
@ExtendWith(TestKitJUnit5Extension.class)
class EntityChainTest {

  @JUnit5TestKit
  ActorTestKit testKit = new JUnit5TestKitBuilder().withCustomConfig(TestConfigs.entityTestKit()).build();

  @Test
  void theJournalIsOneUnbrokenChainAcrossSnapshotsAndRestarts() {
    var ledger = EventSourcedBehaviorTestKit.<Command, OrderEvent, OrderState>create(testKit.system(),
        OrderLedger.create("order-1", ServiceClock.frozenAt(T0),
            new OrderLedger.Settings(3, ReconciliationSettings.DEFAULT)));
    ledger.clear();
    ledger.<StatusReply<Summary>>runCommand(replyTo -> new RegisterOrder(invoice(), replyTo));
    for (int i = 1; i <= 4; i++) {
      pay(ledger, "evt-" + i, 500);
      if (i == 2) {
        ledger.restart(); // recovers from the snapshot taken at event 3
      }
    }
    ledger.restart();
    pay(ledger, "evt-5", 1090);

    List<Object> journaled = PersistenceTestKit.create(testKit.system())
        .persistedInStorage("OrderLedger|order-1");
    assertTrue(journaled.size() >= 6, "events: " + journaled.size());
    EntityVerifier<OrderEvent, OrderState> verifier = AuditedEntity.ORDERS.verifier("order-1");
    List<String> hashes = new ArrayList<>();
    for (int i = 0; i < journaled.size(); i++) {
      ChainedEvent chained = assertInstanceOf(ChainedEvent.class, journaled.get(i));
      hashes.add(chained.hash());
      verifier.accept(new JournalRow("OrderLedger|order-1", i + 1, T0, chained, null));
    }
    var result = verifier.result();
    assertTrue(result.intact(), result.reason());
    assertEquals(HashChain.GENESIS, ((ChainedEvent) journaled.get(0)).prevHash());
    assertEquals(hashes.get(hashes.size() - 1), ledger.getState().lastHash());
    assertEquals(ledger.getState(), result.state(), "replaying the journal gives the entity's state");
  }

  private static void pay(EventSourcedBehaviorTestKit<Command, OrderEvent, OrderState> ledger,
      String eventId, long amount) {
    ledger.<StatusReply<PaymentAck>>runCommand(
        replyTo -> new RecordPayment(event(eventId, PaymentEventType.SUCCEEDED, amount), replyTo));
  }
}
