package payledger.vendor;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import payledger.order.OrderEvent;
import payledger.testing.TestConfigs;
import payledger.vendor.VendorLedger.*;

/**
 * The {@link GeneratedMonth} of {@link VendorMonthRun} through the real {@link VendorLedger}
 * entities on the persistence testkit's in-memory journal (run it with
 * {@code mvn -o test -Dtest=VendorMonthEntitiesRun -Dpayledger.bench=true}; the size with
 * {@code -Dpayledger.bench.vendors=N -Dpayledger.bench.orders=N}, 1,000 and 100,000 by default).
 * Every order event goes through the vendor-shares handler ({@link VendorShares}) twice, so each
 * share update reaches the entity twice; the same updates go through the pure rules alongside.
 * Then: per currency Σ vendor shares + Σ commissions + marketplace lines = net paid, read from the
 * entities; each entity's state (and so its balances) equals the pure rules' state. Then the
 * month's payouts with injected faults ({@link PayoutFaults}) go to the entities as
 * {@link RecordPayout} and {@link DeadlineReached} with each vendor's clock at the event's time:
 * every fault is raised as its discrepancy on the entity, nothing on clean vendors, and the
 * entities end as the pure rules do; stopped and started again, each recovers (snapshot and
 * journal) to the same state. Figures go to {@code target/bench/vendor-entities.txt}.
 */
@EnabledIfSystemProperty(named = "payledger.bench", matches = "true")
@ExtendWith(TestKitJUnit5Extension.class)
class VendorMonthEntitiesRun {

  static final int VENDORS = Integer.getInteger("payledger.bench.vendors", 1_000);
  static final int ORDERS = Integer.getInteger("payledger.bench.orders", 100_000);
  static final Instant MONTH = GeneratedMonth.MONTH;
  static final Instant LATER = MONTH.plus(Duration.ofDays(60));

  @JUnit5TestKit
  ActorTestKit testKit = new JUnit5TestKitBuilder().withCustomConfig(TestConfigs.entityTestKit()).build();

  /** A vendor's own service clock, set to each command's time (vendors' timelines interleave). */
  private static final class SetClock extends Clock {
    private volatile Instant now = MONTH;

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }
  }

  private final Map<String, ActorRef<Command>> ledgers = new HashMap<>();
  private final Map<String, SetClock> clocks = new HashMap<>();
  private final Map<String, VendorState> pure = new HashMap<>();
  private TestProbe<StatusReply<Done>> done;
  private TestProbe<StatusReply<View>> views;
  private TestProbe<StatusReply<PayoutAck>> acks;
  private long commands;

  private <T> T ok(TestProbe<StatusReply<T>> probe) {
    commands++;
    StatusReply<T> reply = probe.receiveMessage(Duration.ofSeconds(10));
    assertTrue(reply.isSuccess(), () -> String.valueOf(reply.getError()));
    return reply.getValue();
  }

  private VendorState state(String vendorId) {
    ledgers.get(vendorId).tell(new Get(views.ref()));
    return ok(views).vendor();
  }

  /** The entities as {@link PayoutFaults} drives them: each command at its time on the vendor's clock. */
  private final PayoutFaults.Ledger entities = new PayoutFaults.Ledger() {
    @Override
    public VendorState record(VendorState v, PayoutEvent e, Instant now) {
      clocks.get(v.vendorId()).now = now;
      ledgers.get(v.vendorId()).tell(new RecordPayout(e, acks.ref()));
      ok(acks);
      return state(v.vendorId());
    }

    @Override
    public VendorState wake(VendorState v, Instant now) {
      clocks.get(v.vendorId()).now = now;
      ledgers.get(v.vendorId()).tell(new DeadlineReached(done.ref()));
      ok(done);
      return state(v.vendorId());
    }
  };

  @Test
  void aMonthThroughTheEntitiesConservesMoneyAndFindsEveryPayoutFault() throws Exception {
    done = testKit.createTestProbe();
    views = testKit.createTestProbe();
    acks = testKit.createTestProbe();
    long started = System.nanoTime();
    GeneratedMonth month = new GeneratedMonth(22, VENDORS);
    for (GeneratedMonth.Vendor v : month.vendors()) {
      SetClock clock = new SetClock();
      clocks.put(v.id(), clock);
      ActorRef<Command> ledger = testKit.spawn(VendorLedger.create(v.id(), clock), v.id());
      ledgers.put(v.id(), ledger);
      ledger.tell(new Register(v.profile(), v.schedule(), v.terms(), views.ref()));
      assertTrue(ok(views).changed());
      if (v.laterTerms() != null) {
        ledger.tell(new AddTerms(v.laterTerms(), views.ref()));
        assertTrue(ok(views).changed());
      }
      pure.put(v.id(), VendorMonthRun.registered(v));
    }

    GeneratedMonth.Order[] current = new GeneratedMonth.Order[1];
    long[] updates = {0};
    VendorShares handler = new VendorShares(
        (pid, toSeqNr) -> {
          assertEquals("OrderLedger|" + current[0].orderId(), pid);
          return CompletableFuture.completedFuture(current[0].journal().subList(0, (int) toSeqNr));
        },
        (vendorId, update) -> {
          updates[0]++;
          ledgers.get(vendorId).tell(new RecordShare(update, done.ref()));
          ok(done);
          return CompletableFuture.completedFuture(Done.getInstance());
        });
    long orderEvents = 0;
    long pureUpdates = 0;
    for (int o = 0; o < ORDERS; o++) {
      GeneratedMonth.Order order = month.order(o);
      current[0] = order;
      List<OrderEvent> journal = order.journal();
      for (int seq = 1; seq <= journal.size(); seq++) {
        orderEvents++;
        EventEnvelope<OrderEvent> envelope = EventEnvelope.create(Offset.sequence(seq),
            "OrderLedger|" + order.orderId(), seq, journal.get(seq - 1), order.when(seq).toEpochMilli());
        handler.process(envelope).toCompletableFuture().get();
        handler.process(envelope).toCompletableFuture().get(); // delivered twice: changes nothing
        for (ShareUpdate u : OrderShares.updates(order.orderId(), journal.subList(0, seq), seq, order.when(seq))) {
          pureUpdates++;
          VendorState before = pure.get(u.vendorId());
          pure.put(u.vendorId(), before.shareMoved(u).map(before::apply).orElse(before));
        }
      }
    }
    assertEquals(2 * pureUpdates, updates[0], "each update reached its entity twice");
    double sharesSeconds = (System.nanoTime() - started) / 1e9;

    Map<String, VendorState> states = new HashMap<>();
    long movements = 0;
    long balances = 0;
    for (String id : ledgers.keySet()) {
      VendorState entity = state(id);
      states.put(id, entity);
      assertEquals(pure.get(id).balances(LATER), entity.balances(LATER), "balances of " + id);
      assertEquals(pure.get(id), entity.withLastHash(null), "state of " + id);
      movements += entity.movements().size();
      for (VendorState.Balance b : entity.balances(LATER)) {
        balances += b.available() + b.pending();
      }
    }
    MonthTotals totals = new MonthTotals();
    GeneratedMonth again = new GeneratedMonth(22, VENDORS);
    again.vendors();
    for (int o = 0; o < ORDERS; o++) {
      totals.add(again.order(o), states::get);
    }
    StringBuilder report = new StringBuilder(String.format(
        "vendor month through the entities: %,d vendors, %,d orders (%,d with a marketplace line), "
            + "%,d order events each delivered twice, %,d share updates to the entities (%,d distinct), "
            + "%,d vendor movements, %.1f s%n",
        VENDORS, ORDERS, totals.withOwnLines(), orderEvents, updates[0], pureUpdates, movements, sharesSeconds));
    report.append(totals.report());
    report.append(String.format(
        "Σ vendor balances (all currencies, minor units) %,d; every entity's state = the pure rules' state%n", balances));

    long payoutsStarted = System.nanoTime();
    report.append(new PayoutFaults(states, new SplittableRandom(7), entities).run());
    new PayoutFaults(pure, new SplittableRandom(7), PayoutFaults.PURE).run();
    for (String id : ledgers.keySet()) {
      assertEquals(pure.get(id).balances(LATER), states.get(id).balances(LATER), "balances of " + id);
      assertEquals(pure.get(id), states.get(id).withLastHash(null), "state after payouts of " + id);
    }
    double payoutsSeconds = (System.nanoTime() - payoutsStarted) / 1e9;

    long recoveryStarted = System.nanoTime();
    for (String id : ledgers.keySet()) { // stopped and started again: recovered from snapshot and journal
      testKit.stop(ledgers.get(id));
      ledgers.put(id, testKit.spawn(VendorLedger.create(id, clocks.get(id)), id + "-recovered"));
      assertEquals(states.get(id), state(id), "recovered state of " + id);
    }
    report.append(String.format(
        "payouts through the entities %.1f s; every entity's state after payouts = the pure rules'; "
            + "every entity recovered to the same state in %.1f s; %,d entity commands in all, %.1f s%n",
        payoutsSeconds, (System.nanoTime() - recoveryStarted) / 1e9, commands,
        (System.nanoTime() - started) / 1e9));
    Files.createDirectories(Path.of("target/bench"));
    Files.writeString(Path.of("target/bench/vendor-entities.txt"), report);
    System.out.print(report);
  }
}
