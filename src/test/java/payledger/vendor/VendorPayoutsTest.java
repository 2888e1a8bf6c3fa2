package payledger.vendor;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import payledger.testing.TestConfigs;
import payledger.time.ServiceClock;
import payledger.vendor.PayoutDiscrepancy.Type;
import payledger.vendor.PayoutEvent.Status;
import payledger.vendor.VendorLedger.*;

/**
 * Payout reconciliation on a vendor's ledger: acme sold 100.00 at 10 % commission on Tuesday
 * 2026-12-01 (weekly on Mondays, T+7), so 90.00 is due on its payout day, Monday 2026-12-14.
 */
@ExtendWith({TestKitJUnit5Extension.class, LogCapturingExtension.class})
class VendorPayoutsTest {

  static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  static final Instant PAYOUT_DAY = Instant.parse("2026-12-14T00:00:00Z");
  static final Instant PAID_AT = PAYOUT_DAY.plus(Duration.ofHours(9));

  @JUnit5TestKit
  ActorTestKit testKit = new JUnit5TestKitBuilder().withCustomConfig(TestConfigs.entityTestKit()).build();

  private final ServiceClock clock = ServiceClock.frozenAt(T0);
  private EventSourcedBehaviorTestKit<Command, VendorEvent, VendorState> acme;

  @BeforeEach
  void setUp() {
    acme = EventSourcedBehaviorTestKit.create(testKit.system(), VendorLedger.create("acme", clock));
    acme.<StatusReply<View>>runCommand(r -> new Register(
        new VendorProfile("Acme Ltd", "pay@acme.example", List.of()), PayoutSchedule.DEFAULT,
        new CommissionTerms(T0, 1_000, 0, null), r));
    StatusReply<Done> credited = acme.<StatusReply<Done>>runCommand(r -> new RecordShare(
        new ShareUpdate("acme", "order-1", 2, Movement.Kind.SALE, "EUR", 10_000, 10_000, 1, T0), r)).reply();
    assertTrue(credited.isSuccess());
    clock.advance(Duration.between(T0, PAID_AT));
  }

  private StatusReply<PayoutAck> payout(String eventId, String payoutId, Status status, long amount,
      Instant at) {
    return acme.<StatusReply<PayoutAck>>runCommand(r -> new RecordPayout(
        new PayoutEvent(eventId, "stripe", payoutId, status, "EUR", amount, at), r)).reply();
  }

  private PayoutAck paid(String payoutId, long amount) {
    StatusReply<PayoutAck> reply = payout("evt_" + payoutId, payoutId, Status.PAID, amount, PAID_AT);
    assertTrue(reply.isSuccess(), () -> String.valueOf(reply));
    return reply.getValue();
  }

  private VendorState.Balance balance() {
    return acme.getState().balances(clock.instant()).get(0);
  }

  private void wake() {
    assertTrue(acme.<StatusReply<Done>>runCommand(DeadlineReached::new).reply().isSuccess());
  }

  private List<PayoutDiscrepancy> discrepancies() {
    return acme.getState().payouts().discrepancies();
  }

  @Test
  void aPayoutOfWhatWasDueMovesAvailableToPaidOutAndRaisesNothing() {
    assertEquals(new VendorState.Balance("EUR", 0, 9_000, 0), balance());
    PayoutAck ack = paid("po_1", 9_000);
    assertFalse(ack.duplicate());
    assertEquals(List.of(), ack.found());
    assertEquals(new VendorState.Balance("EUR", 0, 0, 9_000), balance());

    clock.advance(Duration.ofDays(3)); // past the payout day's grace
    wake();
    assertEquals(List.of(), discrepancies(), "nothing is raised on a vendor paid right and on time");
  }

  @Test
  void aRedeliveredPayoutEventHasNoSecondEffectAndOtherContentUnderItsIdIsRefused() {
    paid("po_1", 9_000);
    VendorState before = acme.getState();
    PayoutAck again = paid("po_1", 9_000);
    assertTrue(again.duplicate());
    assertEquals(before, acme.getState());

    StatusReply<PayoutAck> changed = payout("evt_po_1", "po_1", Status.PAID, 8_000, PAID_AT);
    assertTrue(changed.isError());
    assertTrue(changed.getError().getMessage().startsWith("CONFLICT"));

    acme.restart();
    assertEquals(before, acme.getState(), "recovery gives the same state");
    assertTrue(paid("po_1", 9_000).duplicate(), "still a duplicate after a restart");
  }

  @Test
  void aShortPayoutIsFlaggedWithItsDeadlinesAndTheRestOfThePeriodResolvesIt() {
    PayoutAck shortAck = paid("po_1", 8_000);
    assertEquals(1, shortAck.found().size());
    PayoutDiscrepancy d = shortAck.found().get(0);
    assertEquals(Type.PAYOUT_SHORT, d.type());
    assertEquals(9_000, d.expected());
    assertEquals(8_000, d.actual());
    assertEquals(PAYOUT_DAY, d.periodDay());
    assertEquals(PAID_AT.plus(Duration.ofHours(24)), d.noticeBy());
    assertEquals(PAID_AT.plus(Duration.ofHours(36)), d.warnAt());
    assertEquals(PAID_AT.plus(Duration.ofHours(48)), d.resolveBy());
    assertEquals(new VendorState.Balance("EUR", 0, 1_000, 8_000), balance());

    assertEquals(List.of(), paid("po_2", 1_000).found(), "the rest of the period is matched");
    assertEquals("AUTO_MATCHED", discrepancies().get(0).resolution().how());
    assertEquals(new VendorState.Balance("EUR", 0, 0, 9_000), balance());
  }

  @Test
  void anExcessPayoutIsFlaggedAndSoIsASecondPayoutForAPaidPeriod() {
    PayoutDiscrepancy excess = paid("po_1", 9_500).found().get(0);
    assertEquals(Type.PAYOUT_EXCESS, excess.type());
    assertEquals(9_000, excess.expected());
    assertEquals(9_500, excess.actual());
    PayoutDiscrepancy second = paid("po_2", 9_000).found().get(0);
    assertEquals(Type.PAYOUT_EXCESS, second.type());
    assertEquals(0, second.expected());
    assertEquals(new VendorState.Balance("EUR", 0, -9_500, 18_500), balance());
  }

  @Test
  void aFailedPayoutGivesTheMoneyBackAndIsFlagged() {
    paid("po_1", 9_000);
    StatusReply<PayoutAck> failed = payout("evt_fail", "po_1", Status.FAILED, 9_000, PAID_AT.plusSeconds(3600));
    PayoutDiscrepancy d = failed.getValue().found().get(0);
    assertEquals(Type.PAYOUT_FAILED, d.type());
    assertEquals(9_000, d.expected());
    assertEquals(0, d.actual());
    assertEquals(new VendorState.Balance("EUR", 0, 9_000, 0), balance());
    assertEquals(Movement.Kind.PAYOUT_RETURNED, acme.getState().movements().get(2).kind());

    // A new payout of the period's money settles the failure.
    assertEquals(List.of(), paid("po_2", 9_000).found());
    assertEquals("AUTO_MATCHED", discrepancies().get(0).resolution().how());
    assertEquals(new VendorState.Balance("EUR", 0, 0, 9_000), balance());
  }

  @Test
  void nothingByThePayoutDayPlusTheGraceIsMissingThenWarnedEscalatedAndResolvable() {
    clock.advance(Duration.between(clock.instant(), PAYOUT_DAY.plus(Duration.ofDays(2))).minusSeconds(1));
    wake();
    assertEquals(List.of(), discrepancies(), "still within the grace");
    clock.advance(Duration.ofSeconds(1));
    wake();
    wake(); // a repeated wake-up raises nothing twice
    assertEquals(1, discrepancies().size());
    PayoutDiscrepancy missing = discrepancies().get(0);
    assertEquals(Type.PAYOUT_MISSING, missing.type());
    assertEquals(9_000, missing.expected());
    assertEquals(PAYOUT_DAY, missing.periodDay());

    clock.advance(Duration.ofHours(36));
    wake();
    assertTrue(discrepancies().get(0).warned(), "warned at 75 % of the window");
    assertEquals(0, discrepancies().get(0).escalation());
    clock.advance(Duration.ofHours(12));
    wake();
    assertEquals(1, discrepancies().get(0).escalation(), "escalated when the 48 h pass");

    StatusReply<View> resolved = acme.<StatusReply<View>>runCommand(r -> new ResolvePayoutDiscrepancy(
        missing.id(), "PAID_OUT", "agent-1", "paid by bank transfer", r)).reply();
    assertTrue(resolved.isSuccess());
    assertFalse(discrepancies().get(0).isOpen());
    StatusReply<View> again = acme.<StatusReply<View>>runCommand(r -> new ResolvePayoutDiscrepancy(
        missing.id(), "PAID_OUT", "agent-1", "paid by bank transfer", r)).reply();
    assertFalse(again.getValue().changed(), "the same resolution again is a repeat");
    StatusReply<View> other = acme.<StatusReply<View>>runCommand(r -> new ResolvePayoutDiscrepancy(
        missing.id(), "WRITTEN_OFF", "agent-2", "", r)).reply();
    assertTrue(other.isError());
  }

  @Test
  void aLatePayoutWithinTheGraceIsNotMissing() {
    clock.advance(Duration.ofDays(1));
    StatusReply<PayoutAck> late = payout("evt_late", "po_late", Status.PAID, 9_000, PAID_AT.plus(Duration.ofDays(1)));
    assertEquals(List.of(), late.getValue().found());
    clock.advance(Duration.ofDays(5));
    wake();
    assertEquals(List.of(), discrepancies());
  }

  @Test
  void aPayoutForAnUnknownVendorIsRefused() {
    var unknown = EventSourcedBehaviorTestKit.<Command, VendorEvent, VendorState>create(
        testKit.system(), VendorLedger.create("nobody", clock));
    StatusReply<PayoutAck> reply = unknown.<StatusReply<PayoutAck>>runCommand(r -> new RecordPayout(
        new PayoutEvent("e1", "stripe", "po_1", Status.PAID, "EUR", 100, PAID_AT), r)).reply();
    assertTrue(reply.getError().getMessage().startsWith("NOT_FOUND"));
  }

  @Test
  void theStatementListsPayoutsAndStillAddsUp() {
    paid("po_1", 8_000);
    payout("evt_fail", "po_1", Status.FAILED, 8_000, PAID_AT.plusSeconds(60));
    paid("po_2", 9_000);
    Statement s = Statement.of(acme.getState(), "EUR", T0.minusSeconds(1), PAID_AT.plus(Duration.ofDays(1)));
    assertEquals(List.of(Movement.Kind.SALE, Movement.Kind.PAYOUT, Movement.Kind.PAYOUT_RETURNED,
        Movement.Kind.PAYOUT), s.lines().stream().map(Statement.Line::kind).toList());
    assertEquals(s.opening() + s.lines().stream().mapToLong(Statement.Line::net).sum(), s.closing());
    VendorState.Balance b = balance();
    assertEquals(b.pending() + b.available(), s.closing(), "the closing balance is what is owed");
    assertEquals(9_000, b.paidOut());
  }

  @Test
  void eachEventAsksForTheWakeUpsItsDeadlinesNeed() {
    PayoutSettings s = PayoutSettings.DEFAULT;
    VendorEvent sale = acme.getState().movements().isEmpty() ? null : new VendorEvent.OrderShareMoved(
        "acme", 2, acme.getState().movements().get(0), 10_000, 1_000, 10_000, 1, CommissionTerms.NONE);
    assertEquals(List.of(PAYOUT_DAY.plus(Duration.ofDays(2))), PayoutMatching.wakeUps(sale, s));
    PayoutDiscrepancy d = paid("po_1", 1).found().get(0);
    assertEquals(List.of(d.noticeBy(), d.warnAt(), d.resolveBy()),
        PayoutMatching.wakeUps(new VendorEvent.PayoutDiscrepancyFound("acme", d), s));
  }

  @Test
  void theNoticeDeadlineOfAnOpenDiscrepancyComesOnceAndNeverForAResolvedOne() {
    PayoutDiscrepancy shortPaid = paid("po_1", 8_000).found().get(0);
    clock.advance(Duration.ofHours(24).minusSeconds(1));
    wake();
    assertEquals(0, acme.getState().payouts().noticesDue().size(), "not before the notice deadline");
    clock.advance(Duration.ofSeconds(1));
    VendorEvent.PayoutNoticeDue due = (VendorEvent.PayoutNoticeDue) woken().get(0);
    assertEquals(shortPaid, due.discrepancy(), "the notice carries the discrepancy as it stands");
    assertEquals(clock.instant(), due.at());
    clock.advance(Duration.ofHours(12));
    List<VendorEvent> later = woken();
    assertTrue(later.stream().noneMatch(e -> e instanceof VendorEvent.PayoutNoticeDue),
        "the notice deadline comes once: " + later);

    PayoutDiscrepancy excess = paid("po_2", 5_000).found().get(0);
    acme.<StatusReply<View>>runCommand(r -> new ResolvePayoutDiscrepancy(excess.id(), "RECOVERED",
        "agent-1", "", r));
    clock.advance(Duration.ofHours(25));
    List<VendorEvent> afterResolved = woken();
    assertTrue(afterResolved.stream().noneMatch(e -> e instanceof VendorEvent.PayoutNoticeDue),
        "a resolved discrepancy has no notice due: " + afterResolved);
  }

  private List<VendorEvent> woken() {
    return payledger.chain.ChainedEvent.unwrapAll(
        acme.<StatusReply<Done>>runCommand(DeadlineReached::new).events(), VendorEvent.class);
  }

  private List<VendorEvent> noticed(String discrepancyId, String notificationId, String channel,
      boolean delivered, Instant at) {
    return payledger.chain.ChainedEvent.unwrapAll(acme.<StatusReply<Done>>runCommand(r ->
        new RecordNotice(discrepancyId, notificationId, channel, delivered, at, r)).events(),
        VendorEvent.class);
  }

  @Test
  void howANoticeToTheVendorEndedIsRecordedOncePerNotification() {
    PayoutDiscrepancy d = paid("po_1", 8_000).found().get(0);
    Instant at = clock.instant();
    assertEquals(1, noticed(d.id(), "n-1", null, false, at).size());
    assertNull(acme.getState().payouts().firstDelivered(d.id()), "a failed notice told no one");
    assertEquals(1, noticed(d.id(), "n-2", "EMAIL", true, at.plusSeconds(5)).size());
    assertEquals(List.of(), noticed(d.id(), "n-2", "EMAIL", true, at.plusSeconds(9)),
        "a repeated report has no effect");
    assertEquals(at.plusSeconds(5), acme.getState().payouts().firstDelivered(d.id()).at());
    assertEquals(List.of(), noticed("PD99", "n-3", "EMAIL", true, at), "no such discrepancy");

    acme.restart();
    assertEquals("EMAIL", acme.getState().payouts().firstDelivered(d.id()).channel(), "recovered");
  }
}
