package payledger.vendor;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import payledger.chain.HashChain;
import payledger.money.Money;
import payledger.order.Invoice;
import payledger.order.OrderEvent;
import payledger.order.PaymentEvent;
import payledger.order.PaymentEventType;
import payledger.testing.TestConfigs;
import payledger.time.ServiceClock;
import payledger.vendor.VendorLedger.*;

/**
 * The vendor ledger, driven as in production by the vendor-shares handler over an order's events:
 * an order with two vendors' lines, paid and partly refunded, credits each its share minus
 * commission to the minor unit; replays and duplicates never change a balance.
 */
@ExtendWith({TestKitJUnit5Extension.class, LogCapturingExtension.class})
class VendorLedgerTest {

  static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

  @JUnit5TestKit
  ActorTestKit testKit = new JUnit5TestKitBuilder().withCustomConfig(TestConfigs.entityTestKit()).build();

  private final ServiceClock clock = ServiceClock.frozenAt(T0);
  private final Map<String, EventSourcedBehaviorTestKit<Command, VendorEvent, VendorState>> ledgers =
      new HashMap<>();

  @BeforeEach
  void setUp() {
    for (String id : List.of("acme", "bolt")) {
      ledgers.put(id, EventSourcedBehaviorTestKit.create(testKit.system(), VendorLedger.create(id, clock)));
    }
    register("acme", new CommissionTerms(T0, 1_000, 0, null)); // 10 %
    register("bolt", new CommissionTerms(T0, 500, 50, "EUR")); // 5 % + 0.50 per line
  }

  private StatusReply<View> register(String id, CommissionTerms terms) {
    return ledgers.get(id).<StatusReply<View>>runCommand(r -> new Register(
        new VendorProfile(id + " Ltd", id + "@example.com", List.of()), PayoutSchedule.DEFAULT,
        terms, r)).reply();
  }

  /**
   * acme: 2 × 10.00, bolt: 1 × 30.00, shipping 5.00, discount 10.00: total 45.00. Attributed pro
   * rata to the lines (2:3): acme 20.00 + 2.00 − 4.00 = 18.00, bolt 30.00 + 3.00 − 6.00 = 27.00.
   */
  static Invoice invoice() {
    return new Invoice("cust-1", null, "EUR",
        List.of(new Invoice.LineItem("MUG", "Mug", 2, 1000, "acme"),
            new Invoice.LineItem("KETTLE", "Kettle", 1, 3000, "bolt")),
        500, List.of(), List.of(new Invoice.Charge("WELCOME", 1000)), null);
  }

  static OrderEvent payment(String id, PaymentEventType type, long amount) {
    return new OrderEvent.PaymentRecorded("order-1", new PaymentEvent(id, "stripe", type, "order-1",
        "pi_1", new Money(amount, "EUR"), "card", T0, "cust-1", null), T0.plusSeconds(60));
  }

  /** Registered, paid in full, 9.00 refunded. */
  static final List<OrderEvent> ORDER = List.of(
      new OrderEvent.OrderRegistered("order-1", invoice(), T0),
      payment("evt-1", PaymentEventType.SUCCEEDED, 4500),
      payment("evt-2", PaymentEventType.REFUNDED, 900));

  private VendorShares handler(List<OrderEvent> journal) {
    return new VendorShares(
        (pid, toSeqNr) -> CompletableFuture.completedFuture(journal.subList(0, (int) toSeqNr)),
        (vendorId, update) -> {
          StatusReply<Done> reply = ledgers.get(vendorId)
              .<StatusReply<Done>>runCommand(r -> new RecordShare(update, r)).reply();
          assertTrue(reply.isSuccess());
          return CompletableFuture.completedFuture(Done.getInstance());
        });
  }

  private static List<EventEnvelope<OrderEvent>> envelopes(List<OrderEvent> journal) {
    List<EventEnvelope<OrderEvent>> out = new ArrayList<>();
    for (int i = 0; i < journal.size(); i++) {
      out.add(EventEnvelope.create(Offset.sequence(i + 1), "OrderLedger|order-1", i + 1,
          journal.get(i), T0.plusSeconds(60 * (i + 1)).toEpochMilli()));
    }
    return out;
  }

  private void deliver(VendorShares handler, List<EventEnvelope<OrderEvent>> envelopes) throws Exception {
    for (EventEnvelope<OrderEvent> e : envelopes) {
      handler.process(e).toCompletableFuture().get();
    }
  }

  private VendorState state(String id) {
    return ledgers.get(id).getState();
  }

  private VendorState.Balance balance(String id) {
    List<VendorState.Balance> balances = state(id).balances(clock.instant());
    assertEquals(1, balances.size());
    return balances.get(0);
  }

  @Test
  void anOrderWithoutVendorsMovesNoLedgerAndItsPaymentsReadNoHistory() throws Exception {
    Invoice own = new Invoice("cust-1", null, "EUR",
        List.of(new Invoice.LineItem("MUG", "Mug", 2, 1000, null)), 500, List.of(), List.of(), null);
    List<OrderEvent> journal = List.of(new OrderEvent.OrderRegistered("order-1", own, T0),
        payment("evt-1", PaymentEventType.SUCCEEDED, 2500));
    List<Long> historyReads = new ArrayList<>();
    VendorShares handler = new VendorShares(
        (pid, toSeqNr) -> {
          historyReads.add(toSeqNr);
          return CompletableFuture.completedFuture(journal.subList(0, (int) toSeqNr));
        },
        (vendorId, update) -> {
          throw new AssertionError("no vendor to credit, got " + update);
        });

    deliver(handler, envelopes(journal));

    assertEquals(List.of(), historyReads, "the registration said: no vendor");
    assertEquals(List.of(), state("acme").movements());
    // A pass that did not see the registration (a restart) reads the history and finds no vendor.
    VendorShares restarted = new VendorShares(
        (pid, toSeqNr) -> {
          historyReads.add(toSeqNr);
          return CompletableFuture.completedFuture(journal.subList(0, (int) toSeqNr));
        },
        (vendorId, update) -> {
          throw new AssertionError("no vendor to credit, got " + update);
        });
    restarted.process(envelopes(journal).get(1)).toCompletableFuture().get();
    assertEquals(List.of(2L), historyReads);
  }

  @Test
  void aSettledOrderCreditsEachVendorItsShareMinusCommissionAndARefundDebitsProRata() throws Exception {
    deliver(handler(ORDER), envelopes(ORDER));

    // Paid 45.00: acme 18.00 − 1.80; bolt 27.00 − (1.35 + 0.50). Refund 9.00 → 36.00 paid, split
    // 14.40 / 21.60, commissions pro rata: 1.44 and 1.85 × 21.60 / 27.00 = 1.48.
    List<Movement> acme = state("acme").movements();
    assertEquals(List.of(Movement.Kind.SALE, Movement.Kind.REFUND), acme.stream().map(Movement::kind).toList());
    assertEquals(1800, acme.get(0).gross());
    assertEquals(180, acme.get(0).commission());
    assertEquals(-360, acme.get(1).gross());
    assertEquals(-36, acme.get(1).commission());
    List<Movement> bolt = state("bolt").movements();
    assertEquals(2700, bolt.get(0).gross());
    assertEquals(185, bolt.get(0).commission());
    assertEquals(-540, bolt.get(1).gross());
    assertEquals(-37, bolt.get(1).commission());

    assertEquals(new VendorState.Balance("EUR", 1296, 0, 0), balance("acme"));
    assertEquals(new VendorState.Balance("EUR", 2012, 0, 0), balance("bolt"));
    long commissions = 144 + 148;
    assertEquals(3600, 1296 + 2012 + commissions, "Σ shares + Σ commissions = net paid");
  }

  @Test
  void pendingMoneyBecomesAvailableOnThePayoutDayAfterTheDelay() throws Exception {
    deliver(handler(ORDER), envelopes(ORDER));
    Instant availableAt = state("acme").movements().get(0).availableAt();
    // Settled on Tuesday 2026-12-01; T+7 is 12-08, so the next Monday after it: 2026-12-14.
    assertEquals(Instant.parse("2026-12-14T00:00:00Z"), availableAt);
    clock.advance(Duration.between(clock.instant(), availableAt).minusSeconds(1));
    assertEquals(1296, balance("acme").pending());
    clock.advance(Duration.ofSeconds(1));
    assertEquals(new VendorState.Balance("EUR", 0, 1296, 0), balance("acme"));
  }

  @Test
  void replaysAndDuplicatesNeverChangeABalance() throws Exception {
    VendorShares handler = handler(ORDER);
    List<EventEnvelope<OrderEvent>> envelopes = envelopes(ORDER);
    deliver(handler, envelopes);
    VendorState acme = state("acme");
    VendorState bolt = state("bolt");

    deliver(handler, envelopes); // a replay from the start (offsets lost)
    List<EventEnvelope<OrderEvent>> shuffled = new ArrayList<>(envelopes);
    shuffled.addAll(envelopes);
    Collections.shuffle(shuffled, new Random(22));
    deliver(handler, shuffled); // duplicates, in any order
    List<EventEnvelope<OrderEvent>> reversed = new ArrayList<>(envelopes);
    Collections.reverse(reversed);
    deliver(handler, reversed); // stale ones after newer ones

    assertEquals(acme, state("acme"));
    assertEquals(bolt, state("bolt"));
    ledgers.get("acme").restart();
    assertEquals(acme, state("acme"), "recovery from the journal gives the same state");
  }

  @Test
  void aChargebackAndItsReversalMoveTheBalanceOutAndBack() throws Exception {
    List<OrderEvent> journal = List.of(ORDER.get(0), ORDER.get(1),
        payment("cb-1", PaymentEventType.CHARGEBACK, 4500),
        payment("cb-2", PaymentEventType.CHARGEBACK_REVERSED, 4500));
    deliver(handler(journal), envelopes(journal));
    assertEquals(List.of(Movement.Kind.SALE, Movement.Kind.CHARGEBACK, Movement.Kind.CHARGEBACK_REVERSED),
        state("bolt").movements().stream().map(Movement::kind).toList());
    assertEquals(-2515, state("bolt").movements().get(1).net());
    assertEquals(2515, balance("bolt").pending());
  }

  @Test
  void nothingIsCreditedBeforeTheOrderSettles() throws Exception {
    List<OrderEvent> journal = List.of(ORDER.get(0), payment("evt-1", PaymentEventType.SUCCEEDED, 4000));
    deliver(handler(journal), envelopes(journal));
    assertTrue(state("acme").movements().isEmpty());
    assertTrue(state("bolt").movements().isEmpty());
  }

  @Test
  void commissionTermsApplyFromTheirDateOnAndNeverToThePast() throws Exception {
    StatusReply<View> past = ledgers.get("acme").<StatusReply<View>>runCommand(r ->
        new AddTerms(new CommissionTerms(T0.minusSeconds(1), 2_000, 0, null), r)).reply();
    assertTrue(past.isError());
    assertTrue(past.getError().getMessage().contains("never to the past"));

    Instant tomorrow = T0.plus(Duration.ofDays(1));
    CommissionTerms twenty = new CommissionTerms(tomorrow, 2_000, 0, null);
    assertTrue(ledgers.get("acme").<StatusReply<View>>runCommand(r -> new AddTerms(twenty, r))
        .reply().getValue().changed());
    assertFalse(ledgers.get("acme").<StatusReply<View>>runCommand(r -> new AddTerms(twenty, r))
        .reply().getValue().changed(), "the same terms again are a repeat");

    // The order settled today: 10 %, through its later refund too, even after the new terms start.
    clock.advance(Duration.ofDays(2));
    deliver(handler(ORDER), envelopes(ORDER));
    assertEquals(144, state("acme").orders().get("order-1").commission());
    assertEquals(1_000, state("acme").orders().get("order-1").terms().basisPoints());
    assertEquals(twenty, state("acme").termsAt(tomorrow));
  }

  @Test
  void aRegistrationRepeatedIsNoChangeAndOtherDetailsAreAConflict() {
    assertFalse(register("acme", new CommissionTerms(T0, 1_000, 0, null)).getValue().changed());
    StatusReply<View> other = ledgers.get("acme").<StatusReply<View>>runCommand(r -> new Register(
        new VendorProfile("Someone else", null, List.of()), PayoutSchedule.DEFAULT, null, r)).reply();
    assertTrue(other.isError());
  }

  @Test
  void theStatementAddsUp() throws Exception {
    List<OrderEvent> journal = List.of(ORDER.get(0), ORDER.get(1), ORDER.get(2),
        payment("cb-1", PaymentEventType.CHARGEBACK, 1000));
    deliver(handler(journal), envelopes(journal));
    VendorState bolt = state("bolt");
    Instant between = T0.plusSeconds(150); // after the sale, before the refund and the chargeback
    Statement first = Statement.of(bolt, "EUR", T0, between);
    Statement second = Statement.of(bolt, "EUR", between, T0.plus(Duration.ofDays(1)));
    assertEquals(0, first.opening());
    assertEquals(2515, first.closing());
    assertEquals(first.closing(), second.opening());
    assertEquals(second.opening() + second.lines().stream().mapToLong(Statement.Line::net).sum(),
        second.closing());
    assertEquals(balance("bolt").pending(), second.closing());
    assertEquals(List.of(Movement.Kind.REFUND, Movement.Kind.CHARGEBACK),
        second.lines().stream().map(Statement.Line::kind).toList());
    String csv = second.csv();
    assertTrue(csv.startsWith("at,kind,reference,currency,gross,commission,net,available_at,balance\r\n"));
    assertTrue(csv.contains(",CLOSING,,EUR,,,,," + second.closing() + "\r\n"));
  }

  @Test
  void everyEventIsInTheVendorsHashChain() throws Exception {
    deliver(handler(ORDER), envelopes(ORDER));
    var result = ledgers.get("acme").<StatusReply<View>>runCommand(Get::new);
    String hash = null;
    VendorState replayed = VendorState.empty("acme");
    for (VendorEvent e : payledger.chain.ChainedEvent.unwrapAll(
        ledgers.get("acme").persistenceTestKit().persistedInStorage("VendorLedger|acme"),
        VendorEvent.class)) {
      hash = HashChain.next(hash, e);
      replayed = HashChain.follow(replayed, e, VendorState::apply);
    }
    assertEquals(hash, result.reply().getValue().vendor().lastHash());
    assertEquals(replayed, result.reply().getValue().vendor());
  }
}
