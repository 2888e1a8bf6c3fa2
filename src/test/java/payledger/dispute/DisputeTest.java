package payledger.dispute;

import static org.junit.jupiter.api.Assertions.*;
import static payledger.dispute.Lifecycle.Action.*;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
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
import payledger.dispute.Dispute.*;
import payledger.dispute.DisputeEvent.*;
import payledger.money.Money;
import payledger.order.Rejection;
import payledger.time.ServiceClock;
import payledger.testing.TestConfigs;

@ExtendWith({TestKitJUnit5Extension.class, LogCapturingExtension.class})
class DisputeTest {

  static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

  @JUnit5TestKit
  ActorTestKit testKit = new JUnit5TestKitBuilder().withCustomConfig(TestConfigs.entityTestKit()).build();

  /** Records what the case asked of the order's ledger; can be told to fail. */
  static final class RecordingLedger implements LedgerPort {
    final List<String> calls = new CopyOnWriteArrayList<>();
    volatile boolean down;

    @Override
    public CompletionStage<Void> noteDispute(String orderId, String disputeId, DisputeCategory category) {
      calls.add("note " + orderId + " " + disputeId);
      return down ? CompletableFuture.failedFuture(new IllegalStateException("down"))
          : CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> applyResolution(String orderId, String disputeId, CaseResolution r) {
      calls.add("apply " + orderId + " " + disputeId + " " + r.action());
      return down ? CompletableFuture.failedFuture(new IllegalStateException("down"))
          : CompletableFuture.completedFuture(null);
    }

    long count(String prefix) {
      return calls.stream().filter(c -> c.startsWith(prefix)).count();
    }
  }

  private final ServiceClock clock = ServiceClock.frozenAt(T0);
  private final RecordingLedger ledger = new RecordingLedger();
  private EventSourcedBehaviorTestKit<Command, DisputeEvent, DisputeCase> dispute;

  @BeforeEach
  void setUp() {
    dispute = EventSourcedBehaviorTestKit.create(testKit.system(),
        Dispute.create("PL-TEST", clock, DisputeSettings.DEFAULT, ledger));
    dispute.clear();
  }

  static CaseDetails details(DisputeCategory category) {
    return new CaseDetails("order-1", "cust-1", category, "charged twice for one mug",
        new Money(3090, "EUR"), CaseDetails.Source.SUPPORT, null, null, null, "agent-7");
  }

  private StatusReply<View> open() {
    return dispute.<StatusReply<View>>runCommand(r -> new Open(details(DisputeCategory.DOUBLE_CHARGE), r)).reply();
  }

  private StatusReply<View> act(Lifecycle.Action action) {
    return dispute.<StatusReply<View>>runCommand(r -> new Act(action, "agent-7", "text", r)).reply();
  }

  private StatusReply<View> resolve(CaseResolution.Action action) {
    return dispute.<StatusReply<View>>runCommand(r -> new Resolve(
        new CaseResolution(action, action == CaseResolution.Action.REFUND ? new Money(3090, "EUR") : null,
            "refund the second charge", "agent-7"), r)).reply();
  }

  private DisputeCase state() {
    return dispute.getState();
  }

  @Test
  void openingSetsPriorityDeadlinesAndTellsTheOrder() {
    View view = open().getValue();

    assertTrue(view.changed());
    assertEquals(DisputeCategory.Priority.HIGH, view.dispute().details().category().priority());
    assertEquals(T0.plus(Duration.ofHours(1)), view.dispute().acknowledgeBy());
    assertEquals(T0.plus(Duration.ofHours(48)), view.dispute().resolveBy());
    assertFalse(open().getValue().changed(), "the same open again is a no-op");
    assertTrue(state().orderNoted());
    assertEquals(1, ledger.count("note order-1 PL-TEST"));
  }

  @Test
  void openingWithOtherDetailsUnderTheSameIdIsAConflict() {
    open();
    var other = dispute.<StatusReply<View>>runCommand(r -> new Open(details(DisputeCategory.OTHER), r)).reply();
    assertEquals(Rejection.CONFLICT, Rejection.kindOf(other.getError().getMessage()));
  }

  @Test
  void theLifecycleRunsFromOpenToClosedAndRecordsEveryStepInTheTimeline() {
    open();
    assertEquals(Lifecycle.State.ACKNOWLEDGED, act(ACKNOWLEDGE).getValue().dispute().state());
    assertEquals(Lifecycle.State.INVESTIGATING, act(NOTE).getValue().dispute().state());
    assertEquals(Lifecycle.State.AWAITING_CUSTOMER, act(REQUEST_INFO).getValue().dispute().state());
    assertEquals(Lifecycle.State.INVESTIGATING, act(CUSTOMER_REPLY).getValue().dispute().state());
    assertEquals(Lifecycle.State.RESOLVED, resolve(CaseResolution.Action.NO_ACTION).getValue().dispute().state());
    assertEquals(Lifecycle.State.CLOSED, act(CLOSE).getValue().dispute().state());
    var feedback = dispute.<StatusReply<View>>runCommand(r -> new Feedback(4, "quick", r)).reply();
    assertEquals(4, feedback.getValue().dispute().csat());

    List<String> timeline = state().timeline().stream().map(DisputeCase.TimelineEntry::what).toList();
    assertEquals(List.of("opened", "acknowledge", "note", "request_info", "customer_reply",
        "resolved: NO_ACTION", "close", "feedback: 4/5"), timeline);
    assertFalse(state().firstContactResolution(), "it waited on the customer");
  }

  @Test
  void anIllegalTransitionIsRefusedWithTheAllowedActions() {
    open();
    StatusReply<View> refused = resolve(CaseResolution.Action.NO_ACTION);
    assertTrue(refused.isError());
    assertTrue(refused.getError().getMessage().contains("ACKNOWLEDGE"), refused.getError().getMessage());
    assertTrue(act(CLOSE).isError());
    assertTrue(act(CUSTOMER_REPLY).isError());
    assertEquals(Lifecycle.State.OPEN, state().state());
  }

  @Test
  void escalationStopsAtLevelTwo() {
    open();
    act(ESCALATE);
    act(ESCALATE);
    assertEquals(2, state().escalation());
    assertTrue(act(ESCALATE).isError());
  }

  @Test
  void aRefundReachesTheLedgerOnceAndIsConfirmed() {
    open();
    act(ACKNOWLEDGE);
    resolve(CaseResolution.Action.REFUND);

    assertTrue(state().ledgerConfirmed());
    assertFalse(resolve(CaseResolution.Action.REFUND).getValue().changed(), "same resolution again");
    assertEquals(1, ledger.count("apply order-1 PL-TEST REFUND"));
    assertTrue(state().firstContactResolution());
  }

  @Test
  void aResolutionTheLedgerCouldNotTakeIsRetriedAfterARestart() {
    open();
    act(ACKNOWLEDGE);
    ledger.down = true;
    resolve(CaseResolution.Action.REFUND);
    assertFalse(state().ledgerConfirmed());

    ledger.down = false;
    dispute.restart(); // recovery calls the ledger again for what it still owes

    testKit.createTestProbe().awaitAssert(() -> {
      assertTrue(dispute.<StatusReply<View>>runCommand(Get::new).reply().getValue().dispute().ledgerConfirmed());
      return null;
    });
  }

  @Test
  void missingTheAcknowledgementDeadlineWarnsAt75PercentThenEscalatesOnce() {
    open();
    clock.advance(Duration.ofMinutes(46));
    dispute.<Done>runCommand(DeadlineReached::new);
    assertEquals(List.of(SlaDeadline.ACK_WARNING), List.copyOf(state().passed()));
    assertEquals(0, state().escalation());

    clock.advance(Duration.ofMinutes(15));
    var result = dispute.<Done>runCommand(DeadlineReached::new);
    DeadlinePassed overdue = (DeadlinePassed) ChainedEvent.unwrapAll(result.events(), DisputeEvent.class).get(0);
    assertEquals(SlaDeadline.ACK_OVERDUE, overdue.deadline());
    assertEquals(T0.plus(Duration.ofHours(1)), overdue.dueAt());
    assertEquals(1, state().escalation());

    assertTrue(dispute.<Done>runCommand(DeadlineReached::new).hasNoEvents(), "fires once");
  }

  @Test
  void missingTheResolutionDeadlineEscalatesButAnAcknowledgedCaseHasNoAckBreach() {
    open();
    act(ACKNOWLEDGE);
    clock.advance(Duration.ofHours(49));
    dispute.<Done>runCommand(DeadlineReached::new);

    assertEquals(java.util.Set.of(SlaDeadline.RESOLUTION_WARNING, SlaDeadline.RESOLUTION_OVERDUE), state().passed());
    assertEquals(1, state().escalation());
  }

  @Test
  void aGatewayEvidenceDeadlineWarnsADayAhead() {
    CaseDetails chargeback = new CaseDetails("order-1", null, DisputeCategory.CHARGEBACK, "fraudulent",
        new Money(3090, "EUR"), CaseDetails.Source.GATEWAY, "dp_1", null,
        T0.plus(Duration.ofDays(7)), "gateway");
    dispute.<StatusReply<View>>runCommand(r -> new Open(chargeback, r));
    act(ACKNOWLEDGE);
    clock.advance(Duration.ofDays(6).plusMinutes(1));
    dispute.<Done>runCommand(DeadlineReached::new);

    assertTrue(state().passed().contains(SlaDeadline.EVIDENCE_DUE_SOON));
  }

  @Test
  void aGatewayOutcomeResolvesTheChargeback() {
    dispute.<StatusReply<View>>runCommand(r -> new Open(details(DisputeCategory.CHARGEBACK), r));
    var lost = dispute.<StatusReply<View>>runCommand(r -> new RecordOutcome(GatewayDecided.Outcome.LOST, r));

    assertEquals(Lifecycle.State.RESOLVED, lost.reply().getValue().dispute().state());
    assertEquals(GatewayDecided.Outcome.LOST, state().outcome());
    assertTrue(dispute.<StatusReply<View>>runCommand(r -> new RecordOutcome(GatewayDecided.Outcome.LOST, r))
        .hasNoEvents());
  }

  @Test
  void recoveryGivesTheSameCase() {
    open();
    act(ACKNOWLEDGE);
    act(ESCALATE);
    DisputeCase before = state();
    dispute.restart();
    assertEquals(before, state());
  }
}
