package payledger.settlement;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.time.Instant;
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
import payledger.chain.HashChain;
import payledger.money.Money;
import payledger.settlement.BatchEvent.FindingDeadlinePassed;
import payledger.settlement.BatchEvent.FindingRaised;
import payledger.settlement.BatchEvent.FindingResolved;
import payledger.testing.Alerts;
import payledger.testing.TestConfigs;
import payledger.time.ServiceClock;

/**
 * A payout batch's findings on their deadlines: the warning at 75 % of the 48 h window (36 h) and
 * the breach at 48 h are journaled once each — through repeated wake-ups and a restart — and
 * nothing is journaled for a finding resolved before them; a finding raised again by a re-run is
 * not raised twice, and a resolution keeps who and why.
 */
@ExtendWith({TestKitJUnit5Extension.class, LogCapturingExtension.class})
class SettlementBatchTest {

  static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  static final String BATCH = "adyen/PayledgerShop:2041";

  @JUnit5TestKit
  ActorTestKit testKit = new JUnit5TestKitBuilder().withCustomConfig(TestConfigs.entityTestKit()).build();

  private final ServiceClock clock = ServiceClock.frozenAt(T0);
  private final EventSourcedBehaviorTestKit<SettlementBatch.Command, BatchEvent, BatchState> batch =
      EventSourcedBehaviorTestKit.create(testKit.system(), SettlementBatch.create(BATCH, clock, 0.75));

  private static Finding finding(String id, FindingType type) {
    return new Finding(id, type, "adyen", "PayledgerShop:2041", 7, "8815", "order-a", "visa",
        new Money(1_000, "EUR"), new Money(900, "EUR"), "off by 1.00", T0, T0.plus(Duration.ofHours(24)),
        T0.plus(Duration.ofHours(48)));
  }

  private List<BatchEvent> raise(Finding... findings) {
    var result = batch.<StatusReply<Done>>runCommand(r -> new SettlementBatch.Raise(List.of(findings), r));
    assertTrue(result.reply().isSuccess());
    return events(result.events());
  }

  /** The domain events of a command: the testkit shows them as journaled, in the hash chain. */
  private static List<BatchEvent> events(List<?> journaled) {
    return ChainedEvent.unwrapAll(journaled, BatchEvent.class);
  }

  private List<BatchEvent> wake() {
    return events(batch.<Done>runCommand(SettlementBatch.DeadlineReached::new).events());
  }

  private List<BatchEvent> at(Duration since, int wakeUps) {
    clock.advance(Duration.between(clock.instant(), T0.plus(since)));
    List<BatchEvent> all = new java.util.ArrayList<>();
    for (int i = 0; i < wakeUps; i++) {
      all.addAll(wake());
    }
    return all;
  }

  @Test
  void warningAndBreachEachOnceThroughRepeatedWakeUpsAndARestart() {
    try (Alerts alerts = new Alerts()) {
      raise(finding("SETTLEMENT_AMOUNT_MISMATCH:adyen/PayledgerShop:2041:line", FindingType.SETTLEMENT_AMOUNT_MISMATCH));

      assertEquals(List.of(), at(Duration.ofHours(17), 2), "nothing before 75 % of the notice window");

      List<BatchEvent> noticeWarning = at(Duration.ofHours(19), 3);
      assertEquals(1, noticeWarning.size());
      FindingDeadlinePassed nw = (FindingDeadlinePassed) noticeWarning.get(0);
      assertEquals(FindingDeadline.NOTICE_WARNING, nw.deadline());
      assertEquals(T0.plus(Duration.ofHours(18)), nw.dueAt());
      assertEquals(0, nw.escalation());

      batch.restart();
      List<BatchEvent> noticeBreach = at(Duration.ofHours(25), 3);
      assertEquals(1, noticeBreach.size(), "the notice warning is not repeated after a restart");
      FindingDeadlinePassed nb = (FindingDeadlinePassed) noticeBreach.get(0);
      assertEquals(FindingDeadline.NOTICE_OVERDUE, nb.deadline());
      assertEquals(T0.plus(Duration.ofHours(24)), nb.dueAt());
      assertEquals(1, nb.escalation());
      assertEquals(1, alerts.warnings("SLA breach NOTICE_OVERDUE", "SETTLEMENT_AMOUNT_MISMATCH", BATCH).size());

      assertEquals(List.of(), at(Duration.ofHours(35), 2), "nothing before 75 % of the resolution window");

      List<BatchEvent> warning = at(Duration.ofHours(37), 3);
      assertEquals(1, warning.size());
      FindingDeadlinePassed w = (FindingDeadlinePassed) warning.get(0);
      assertEquals(FindingDeadline.RESOLUTION_WARNING, w.deadline());
      assertEquals(T0.plus(Duration.ofHours(36)), w.dueAt());
      assertEquals(1, w.escalation());

      batch.restart();
      assertEquals(List.of(), at(Duration.ofHours(40), 2), "the warning is not repeated after a restart");

      List<BatchEvent> breach = at(Duration.ofHours(49), 3);
      assertEquals(1, breach.size());
      FindingDeadlinePassed b = (FindingDeadlinePassed) breach.get(0);
      assertEquals(FindingDeadline.RESOLUTION_OVERDUE, b.deadline());
      assertEquals(T0.plus(Duration.ofHours(48)), b.dueAt());
      assertEquals(2, b.escalation());
      assertEquals(1, alerts.warnings("SLA breach RESOLUTION_OVERDUE", "SETTLEMENT_AMOUNT_MISMATCH", BATCH).size());

      batch.restart();
      assertEquals(List.of(), at(Duration.ofHours(100), 2), "nothing after the breach, restarted or not");

      FindingStatus status = batch.getState().all().iterator().next();
      assertEquals(List.of(FindingDeadline.NOTICE_WARNING, FindingDeadline.NOTICE_OVERDUE,
          FindingDeadline.RESOLUTION_WARNING, FindingDeadline.RESOLUTION_OVERDUE), status.passed());
      assertEquals(2, status.escalation());
      assertTrue(FindingSla.timeLeft(status, clock.instant()).isNegative());
    }
  }

  @Test
  void aFindingResolvedInTimeRaisesNothingMore() {
    Finding fee = finding("FEE_ANOMALY:adyen/PayledgerShop:2041:line", FindingType.FEE_ANOMALY);
    raise(fee);
    clock.advance(Duration.ofHours(10));
    var resolved = batch.<StatusReply<SettlementBatch.View>>runCommand(r ->
        new SettlementBatch.Resolve(fee.findingId(), "fiona", "the gateway's new fee schedule", r));
    assertTrue(resolved.reply().isSuccess());
    assertTrue(resolved.reply().getValue().changed());
    FindingResolved event = (FindingResolved) events(resolved.events()).get(0);
    assertEquals("fiona", event.resolvedBy());
    assertEquals("the gateway's new fee schedule", event.reason());
    assertEquals(T0.plus(Duration.ofHours(10)), event.at());

    assertEquals(List.of(), at(Duration.ofHours(19), 2));
    assertEquals(List.of(), at(Duration.ofHours(25), 2));
    assertEquals(List.of(), at(Duration.ofHours(37), 2));
    assertEquals(List.of(), at(Duration.ofHours(49), 2));
    batch.restart();
    assertEquals(List.of(), at(Duration.ofHours(60), 1));
    assertEquals(java.time.Duration.ZERO, FindingSla.timeLeft(batch.getState().all().iterator().next(), clock.instant()));
  }

  @Test
  void aRerunRaisesNothingNewAndAResolutionIsNotRewritten() {
    Finding missing = finding("UNKNOWN_SETTLEMENT:adyen/PayledgerShop:2041:line", FindingType.UNKNOWN_SETTLEMENT);
    assertEquals(1, raise(missing).size());
    assertEquals(List.of(), raise(missing), "the same finding from a re-run");
    var first = batch.<StatusReply<SettlementBatch.View>>runCommand(r ->
        new SettlementBatch.Resolve(missing.findingId(), "fiona", "refund booked by hand", r));
    assertTrue(first.reply().getValue().changed());
    var repeat = batch.<StatusReply<SettlementBatch.View>>runCommand(r ->
        new SettlementBatch.Resolve(missing.findingId(), "fiona", "refund booked by hand", r));
    assertFalse(repeat.reply().getValue().changed());
    assertEquals(List.of(), events(repeat.events()));
    var other = batch.<StatusReply<SettlementBatch.View>>runCommand(r ->
        new SettlementBatch.Resolve(missing.findingId(), "gil", "something else", r));
    assertTrue(other.reply().isError());
    assertEquals(List.of(), raise(missing), "a resolved finding stays resolved when found again");
    var unknown = batch.<StatusReply<SettlementBatch.View>>runCommand(r ->
        new SettlementBatch.Resolve("no-such-finding", "fiona", "x", r));
    assertTrue(unknown.reply().getError().getMessage().startsWith("NOT_FOUND"));
  }

  @Test
  void aFindingResolvedAfterItsBreachKeepsTheBreach() {
    Finding payout = finding("PAYOUT_TOTAL_MISMATCH:adyen/PayledgerShop:2041:payout", FindingType.PAYOUT_TOTAL_MISMATCH);
    raise(payout);
    clock.advance(Duration.ofHours(50)); // no wake-up came (the node was down): the resolution records all four
    var resolved = batch.<StatusReply<SettlementBatch.View>>runCommand(r ->
        new SettlementBatch.Resolve(payout.findingId(), "fiona", "bank statement checked", r));
    assertEquals(List.of(FindingDeadlinePassed.class, FindingDeadlinePassed.class, FindingDeadlinePassed.class,
            FindingDeadlinePassed.class, FindingResolved.class),
        events(resolved.events()).stream().map(Object::getClass).toList());
    assertEquals(2, batch.getState().all().iterator().next().escalation(), "both breaches escalated it");
  }

  @Test
  void theBatchIsInTheHashChain() {
    raise(finding("FEE_ANOMALY:adyen/PayledgerShop:2041:a", FindingType.FEE_ANOMALY));
    BatchState state = batch.getState();
    FindingRaised raised = new FindingRaised(BATCH, state.all().iterator().next().finding());
    assertEquals(HashChain.next(null, raised), state.lastHash());
    batch.restart();
    assertEquals(state.lastHash(), batch.getState().lastHash());
  }
}
