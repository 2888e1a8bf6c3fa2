package payledger.sla;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.stream.javadsl.Source;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import payledger.testing.TestConfigs;
import payledger.time.ServiceClock;

/**
 * The payment-grace scan over an in-memory list of unpaid orders and a projection whose progress
 * the test sets (the Cassandra list and the real projection are in DeadlinesIT).
 */
@ExtendWith({TestKitJUnit5Extension.class, LogCapturingExtension.class})
class PaymentGraceScanTest {

  @JUnit5TestKit
  ActorTestKit testKit = new JUnit5TestKitBuilder().withCustomConfig(TestConfigs.entityTestKit()).build();

  private static final Instant T0 = Instant.parse("2026-12-07T10:59:50Z");
  private static final Duration GRACE = Duration.ofHours(1);
  private static final PaymentGraceScan.Settings SETTINGS = new PaymentGraceScan.Settings(
      Duration.ofMillis(20), GRACE, Duration.ofSeconds(5), 4, Duration.ofHours(1));

  private final ServiceClock clock = ServiceClock.frozenAt(T0);
  private final ServiceClock wall = ServiceClock.frozenAt(T0);
  private final AtomicReference<Instant> projected = new AtomicReference<>(T0);
  private final List<UnpaidOrders.Unpaid> unpaid = new CopyOnWriteArrayList<>();
  private final AtomicReference<Instant> scanned = new AtomicReference<>();
  private final List<Deadline> woken = new CopyOnWriteArrayList<>();
  private final Set<String> failing = ConcurrentHashMap.newKeySet();

  private final DeadlineScheduler.WakeUp wakeUp = d -> {
    if (failing.contains(d.entityId())) {
      return CompletableFuture.failedFuture(new IllegalStateException("entity unreachable"));
    }
    woken.add(d);
    return CompletableFuture.completedFuture(Done.getInstance());
  };

  private final UnpaidOrders orders = new UnpaidOrders() {
    @Override
    public Source<Unpaid, NotUsed> registered(Instant after, Instant upTo) {
      return Source.from(unpaid.stream().filter(u -> u.registeredAt().isAfter(after)
          && !u.registeredAt().isAfter(upTo)).toList());
    }

    @Override
    public CompletionStage<Optional<Instant>> scanned() {
      return CompletableFuture.completedFuture(Optional.ofNullable(scanned.get()));
    }

    @Override
    public CompletionStage<Done> saveScanned(Instant upTo) {
      scanned.set(upTo);
      return CompletableFuture.completedFuture(Done.getInstance());
    }
  };

  private void start() {
    testKit.spawn(PaymentGraceScan.create(orders, wanted -> CompletableFuture.completedFuture(
        projected.get()), clock, wall, wakeUp, SETTINGS));
  }

  /** Both clocks move together, as in production (the journal's time is the service's). */
  private void advance(Duration by) {
    clock.advance(by);
    wall.advance(by);
  }

  @Test
  void anUnpaidOrderIsWokenOnceAfterItsGraceAndOnlyOnceTheReadSideCaughtUp() throws Exception {
    unpaid.add(new UnpaidOrders.Unpaid("unpaid", T0.plusSeconds(5)));
    start();
    Thread.sleep(100);
    advance(Duration.ofMinutes(61));
    Thread.sleep(300);
    assertEquals(List.of(), woken, "the read side is still at the registration: it may lag");

    projected.set(wall.instant());
    advance(Duration.ofSeconds(10));
    projected.set(wall.instant());
    awaitWoken(1);
    Thread.sleep(300);
    assertEquals(List.of(new Deadline("OrderLedger", "unpaid", T0.plusSeconds(5).plus(GRACE))),
        woken, "once");
    assertFalse(scanned.get().isBefore(T0.plusSeconds(5)), "the watermark is saved past it");
  }

  @Test
  void anOrderWhoseGraceHasNotEndedIsNotWokenYet() throws Exception {
    unpaid.add(new UnpaidOrders.Unpaid("early", T0.minusSeconds(60)));
    unpaid.add(new UnpaidOrders.Unpaid("late", T0.plus(Duration.ofMinutes(30))));
    start();
    advance(Duration.ofMinutes(61));
    Thread.sleep(100);
    advance(Duration.ofSeconds(10));
    projected.set(wall.instant());
    awaitWoken(1);
    Thread.sleep(300);
    assertEquals(List.of("early"), woken.stream().map(Deadline::entityId).toList());

    advance(Duration.ofMinutes(30));
    Thread.sleep(100);
    advance(Duration.ofSeconds(10));
    projected.set(wall.instant());
    awaitWoken(2);
    assertEquals(List.of("early", "late"), woken.stream().map(Deadline::entityId).toList());
  }

  @Test
  void aFailedWakeUpIsTriedAgainAtTheNextTick() throws Exception {
    unpaid.add(new UnpaidOrders.Unpaid("unreachable", T0.plusSeconds(1)));
    failing.add("unreachable");
    start();
    advance(Duration.ofMinutes(61));
    Thread.sleep(100);
    advance(Duration.ofSeconds(10));
    projected.set(wall.instant());
    Thread.sleep(300);
    assertEquals(List.of(), woken);
    assertTrue(scanned.get() == null || scanned.get().isBefore(T0.plusSeconds(1)));

    failing.clear();
    awaitWoken(1);
    assertEquals("unreachable", woken.get(0).entityId());
  }

  /**
   * The upgrade to the order lists in shards (docs/OPERATIONS.md, step 3): the scan went past an
   * order the new list did not hold yet; the rebuild lists it; with the watermark deleted, the
   * scan started again reads back {@code start} and wakes it, and an order it woke before the
   * upgrade is only woken again (the deadline command is idempotent).
   */
  @Test
  void afterTheUpgradesRebuildADeletedWatermarkWakesTheOrdersTheScanWentPast() throws Exception {
    unpaid.add(new UnpaidOrders.Unpaid("listed", T0.plusSeconds(1)));
    var scan = testKit.spawn(PaymentGraceScan.create(orders, wanted -> CompletableFuture
        .completedFuture(projected.get()), clock, wall, wakeUp, SETTINGS));
    advance(Duration.ofMinutes(61));
    Thread.sleep(100);
    advance(Duration.ofSeconds(10));
    projected.set(wall.instant());
    awaitWoken(1);
    awaitScannedPast(T0.plusSeconds(2));

    testKit.stop(scan); // every node stopped
    unpaid.add(new UnpaidOrders.Unpaid("before the upgrade", T0.plusSeconds(2))); // rebuilt
    scanned.set(null); // DELETE FROM deadline_scheduler WHERE name = 'payment-grace'
    start();
    Thread.sleep(100);
    advance(Duration.ofSeconds(10));
    projected.set(wall.instant());
    awaitWoken(3);
    Thread.sleep(300);
    assertEquals(Map.of("listed", 2L, "before the upgrade", 1L), woken.stream()
        .collect(Collectors.groupingBy(Deadline::entityId, Collectors.counting())));
  }

  private void awaitScannedPast(Instant at) throws InterruptedException {
    for (int i = 0; i < 200 && (scanned.get() == null || !scanned.get().isAfter(at)); i++) {
      Thread.sleep(20);
    }
    assertTrue(scanned.get() != null && scanned.get().isAfter(at), "scanned: " + scanned.get());
  }

  private void awaitWoken(int count) throws InterruptedException {
    for (int i = 0; i < 200 && woken.size() < count; i++) {
      Thread.sleep(20);
    }
    assertTrue(woken.size() >= count, "woken: " + woken);
  }
}
