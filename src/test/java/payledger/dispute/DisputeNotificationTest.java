package payledger.dispute;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import payledger.chain.ChainedEvent;
import payledger.dispute.Dispute.*;
import payledger.order.DeliveryReport;
import payledger.testing.TestConfigs;
import payledger.time.ServiceClock;

/** A case records the outcome of each customer notification once, on its timeline. */
@ExtendWith({TestKitJUnit5Extension.class, LogCapturingExtension.class})
class DisputeNotificationTest {

  @JUnit5TestKit
  ActorTestKit testKit = new JUnit5TestKitBuilder().withCustomConfig(TestConfigs.entityTestKit()).build();

  @Test
  void aNotificationOutcomeIsRecordedOnceOnTheTimeline() {
    var dispute = EventSourcedBehaviorTestKit.<Command, DisputeEvent, DisputeCase>create(
        testKit.system(), Dispute.create("PL-N", ServiceClock.frozenAt(DisputeTest.T0),
            DisputeSettings.DEFAULT, new DisputeTest.RecordingLedger()));
    DeliveryReport report = new DeliveryReport("dispute:PL-N:acknowledge:1", "DISPUTE_ACKNOWLEDGED",
        "PL-N", "EMAIL", true, 1, List.of(), DisputeTest.T0, DisputeTest.T0.plusSeconds(3));

    var unknown = dispute.<StatusReply<Done>>runCommand(r -> new RecordCustomerNotified(report, r));
    assertTrue(unknown.reply().isError(), "no case yet");
    dispute.<StatusReply<View>>runCommand(
        r -> new Open(DisputeTest.details(DisputeCategory.DOUBLE_CHARGE), r));
    var first = dispute.<StatusReply<Done>>runCommand(r -> new RecordCustomerNotified(report, r));
    var again = dispute.<StatusReply<Done>>runCommand(r -> new RecordCustomerNotified(report, r));

    assertInstanceOf(DisputeEvent.CustomerNotified.class, ChainedEvent.unwrapAll(first.events(), DisputeEvent.class).get(0));
    assertTrue(ChainedEvent.unwrapAll(again.events(), DisputeEvent.class).isEmpty());
    assertEquals(1, again.state().timeline().stream()
        .filter(e -> e.what().equals("customer notified: dispute_acknowledged by email")).count());
  }
}
