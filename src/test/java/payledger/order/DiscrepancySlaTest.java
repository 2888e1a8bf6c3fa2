package payledger.order;

import static org.junit.jupiter.api.Assertions.*;
import static payledger.order.DiscrepancyDeadline.*;
import static payledger.order.Fixtures.*;
import static payledger.order.PaymentEventType.*;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
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
import payledger.order.OrderEvent.DiscrepancyDeadlinePassed;
import payledger.order.OrderLedger.*;
import payledger.metrics.LedgerMetrics;
import payledger.testing.Alerts;
import payledger.testing.TestConfigs;
import payledger.time.ServiceClock;

/**
 * A discrepancy's SLA on the OrderLedger entity (in-memory journal, frozen clock moved by hand):
 * the notice and resolution moments with their warnings, each journaled once, escalating, and none
 * once the discrepancy no longer needs them.
 */
@ExtendWith({TestKitJUnit5Extension.class, LogCapturingExtension.class})
class DiscrepancySlaTest {

  @JUnit5TestKit
  ActorTestKit testKit = new JUnit5TestKitBuilder().withCustomConfig(TestConfigs.entityTestKit()).build();

  private final ServiceClock clock = ServiceClock.frozenAt(T0);
  private final ReconciliationSettings rules = ReconciliationSettings.DEFAULT;
  private EventSourcedBehaviorTestKit<Command, OrderEvent, OrderState> ledger;

  @BeforeEach
  void setUp() {
    ledger = EventSourcedBehaviorTestKit.create(testKit.system(),
        OrderLedger.create("order-1", clock, new OrderLedger.Settings(0, rules)));
    ledger.clear();
  }

  /** Registers the order and pays 1000 of 3090 at T0: underpayment D1, detected at T0. */
  private void underpaid() {
    ledger.<StatusReply<Summary>>runCommand(r -> new RegisterOrder(invoice(), r));
    ledger.<StatusReply<PaymentAck>>runCommand(
        r -> new RecordPayment(event("e1", SUCCEEDED, 1000), r));
  }

  /** Moves the clock to T0 + {@code hours} and delivers the scheduler's wake-up. */
  private List<DiscrepancyDeadlinePassed> wakeAt(double hours) {
    clock.advance(Duration.between(clock.instant(), at(hours)));
    var result = ledger.<Done>runCommand(DeadlineReached::new);
    assertEquals(Done.getInstance(), result.reply());
    return passed(result);
  }

  private static Instant at(double hours) {
    return T0.plusSeconds(Math.round(hours * 3600));
  }

  private static List<DiscrepancyDeadlinePassed> passed(
      EventSourcedBehaviorTestKit.CommandResult<Command, OrderEvent, OrderState> result) {
    return ChainedEvent.unwrapAll(result.events(), OrderEvent.class).stream()
        .filter(DiscrepancyDeadlinePassed.class::isInstance)
        .map(DiscrepancyDeadlinePassed.class::cast).toList();
  }

  private static DiscrepancyDeadlinePassed moment(DiscrepancyDeadline d, double dueHours, int level,
      double atHours) {
    return new DiscrepancyDeadlinePassed("order-1", "D1", DiscrepancyType.UNDERPAYMENT, d,
        at(dueHours), level, at(atHours));
  }

  private Optional<Instant> wakeUp() {
    return WakeUp.of(ledger.getState(), rules);
  }

  @Test
  void eachDeadlineWarnsAt75PercentAndBreachesEscalatingOncePerBreach() {
    underpaid();
    assertEquals(Optional.of(at(18)), wakeUp(), "the notice warning, 75 % of 24 h");

    assertEquals(List.of(), wakeAt(17.9), "nothing before its time");
    assertEquals(List.of(moment(NOTICE_WARNING, 18, 0, 18)), wakeAt(18));
    assertEquals(Optional.of(at(24)), wakeUp());
    assertEquals(List.of(moment(NOTICE_OVERDUE, 24, 1, 24)), wakeAt(24));
    assertEquals(Optional.of(at(36)), wakeUp());
    assertEquals(List.of(moment(RESOLUTION_WARNING, 36, 1, 37)), wakeAt(37));
    assertEquals(Optional.of(at(48)), wakeUp());
    assertEquals(List.of(moment(RESOLUTION_OVERDUE, 48, 2, 49)), wakeAt(49));

    assertEquals(Optional.empty(), wakeUp(), "nothing left to wake the order for");
    assertEquals(2, DiscrepancySla.escalation(ledger.getState(), "D1"));
    assertEquals(List.of(NOTICE_WARNING, NOTICE_OVERDUE, RESOLUTION_WARNING, RESOLUTION_OVERDUE),
        DiscrepancySla.passed(ledger.getState(), "D1"));
    assertEquals(List.of(), wakeAt(60), "each moment passes once");
  }

  @Test
  void aBreachIsCountedWithTheDiscrepancyTypeAndAlertedOnce() {
    underpaid();
    String series = "payledger_sla_deadlines_passed_total{breach=\"true\","
        + "deadline=\"DISCREPANCY_RESOLUTION_OVERDUE\",type=\"UNDERPAYMENT\"}";
    double before = metric(series);
    try (Alerts alerts = new Alerts()) {
      wakeAt(49);
      ledger.restart();
      wakeAt(50);

      assertEquals(before + 1, metric(series), "counted once");
      assertEquals(1, alerts.warnings("RESOLUTION_OVERDUE", "discrepancy D1", "order order-1",
          "escalation level 2").size(), "alerted once");
    }
  }

  /** The value of one series on the metrics page, 0 while it does not exist. */
  private static double metric(String series) {
    return new String(LedgerMetrics.scrape(), java.nio.charset.StandardCharsets.UTF_8).lines()
        .filter(line -> line.startsWith(series + " "))
        .mapToDouble(line -> Double.parseDouble(line.substring(series.length() + 1)))
        .findFirst().orElse(0);
  }

  @Test
  void aLateWakeUpJournalsEveryMomentThatCameInOrderInOneWrite() {
    underpaid();
    assertEquals(List.of(moment(NOTICE_WARNING, 18, 0, 50), moment(NOTICE_OVERDUE, 24, 1, 50),
        moment(RESOLUTION_WARNING, 36, 1, 50), moment(RESOLUTION_OVERDUE, 48, 2, 50)), wakeAt(50));
  }

  @Test
  void noMomentPassesTwiceAfterAReplay() {
    underpaid();
    wakeAt(37);
    OrderState before = ledger.getState();

    ledger.restart();

    assertEquals(before, ledger.getState());
    assertEquals(List.of(), wakeAt(37.5), "replayed moments do not pass again");
    assertEquals(List.of(moment(RESOLUTION_OVERDUE, 48, 2, 49)), wakeAt(49));
    ledger.restart();
    assertEquals(List.of(), wakeAt(50));
  }

  @Test
  void aNoticeDeliveredOnAnyChannelEndsTheNoticeDeadline() {
    underpaid();
    clock.advance(Duration.ofHours(2));
    DeliveryReport told = new DeliveryReport("discrepancy:order-1:D1", "PAYMENT_UPDATE", "D1",
        "IN_APP", true, 2, List.of("EMAIL attempt 1: bounced"), T0, clock.instant());
    ledger.<StatusReply<Done>>runCommand(r -> new RecordDelivery(told, r));

    assertEquals(Optional.of(at(36)), wakeUp(), "straight to the resolution warning");
    assertEquals(List.of(), wakeAt(25));
    assertEquals(List.of(moment(RESOLUTION_WARNING, 36, 0, 37)), wakeAt(37));
    assertEquals(List.of(moment(RESOLUTION_OVERDUE, 48, 1, 49)), wakeAt(49));
  }

  @Test
  void aNoticeThatFailedOnEveryChannelStillBreachesTheNoticeDeadline() {
    underpaid();
    DeliveryReport failed = new DeliveryReport("discrepancy:order-1:D1", "PAYMENT_UPDATE", "D1",
        null, false, 6, List.of("EMAIL attempt 3: refused"), T0, T0.plusSeconds(600));
    ledger.<StatusReply<Done>>runCommand(r -> new RecordDelivery(failed, r));

    assertEquals(List.of(moment(NOTICE_WARNING, 18, 0, 24), moment(NOTICE_OVERDUE, 24, 1, 24)),
        wakeAt(24));
  }

  @Test
  void aDiscrepancyResolvedByHandRaisesNothingMore() {
    underpaid();
    wakeAt(24);
    clock.advance(Duration.ofHours(6));
    var resolved = ledger.<StatusReply<Summary>>runCommand(r -> new ResolveDiscrepancy("D1",
        Resolution.WRITTEN_OFF, "agent-7", "small amount", r));
    assertTrue(resolved.reply().isSuccess());

    assertEquals(Optional.empty(), wakeUp(), "no wake-up for a resolved discrepancy");
    assertEquals(List.of(), wakeAt(37));
    assertEquals(List.of(), wakeAt(49));
    assertEquals(1, DiscrepancySla.escalation(ledger.getState(), "D1"), "its history stays");
  }

  @Test
  void aLateResolutionStillJournalsTheBreachesThatCameBeforeIt() {
    underpaid();
    clock.advance(Duration.ofHours(30));
    var resolved = ledger.<StatusReply<Summary>>runCommand(r -> new ResolveDiscrepancy("D1",
        Resolution.WRITTEN_OFF, "agent-7", null, r));

    assertEquals(List.of(moment(NOTICE_WARNING, 18, 0, 30), moment(NOTICE_OVERDUE, 24, 1, 30)),
        passed(resolved));
    assertFalse(ledger.getState().discrepancies().get(0).isOpen());
    assertEquals(List.of(), wakeAt(49));
  }

  @Test
  void anAutoMatchedDiscrepancyRaisesNothingMore() {
    underpaid();
    clock.advance(Duration.ofHours(30));
    var rest = ledger.<StatusReply<PaymentAck>>runCommand(
        r -> new RecordPayment(event("e2", SUCCEEDED, DUE - 1000), r));
    assertEquals(List.of(NOTICE_WARNING, NOTICE_OVERDUE), passed(rest).stream()
        .map(DiscrepancyDeadlinePassed::deadline).toList(), "the ones that came, not the rest");
    assertEquals(OrderStatus.RECONCILED, rest.reply().getValue().status());

    assertEquals(Optional.empty(), wakeUp());
    assertEquals(List.of(), wakeAt(49));
  }

  @Test
  void aMissingPaymentIsWokenAtItsGraceEndThenAtItsSlaMoments() {
    ledger.<StatusReply<Summary>>runCommand(r -> new RegisterOrder(invoice(), r));
    assertEquals(Optional.of(at(1)), wakeUp(), "the payment grace");

    assertEquals(List.of(), wakeAt(1));
    assertEquals(DiscrepancyType.MISSING_PAYMENT, ledger.getState().discrepancies().get(0).type());
    assertEquals(Optional.of(at(19)), wakeUp(), "the grace period is spent: the notice warning");
  }
}
