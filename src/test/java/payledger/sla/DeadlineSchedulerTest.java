package payledger.sla;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
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

/** The scheduler's slice-by-slice drain over an in-memory table (the Cassandra one is in DeadlinesIT). */
@ExtendWith({TestKitJUnit5Extension.class, LogCapturingExtension.class})
class DeadlineSchedulerTest {

  @JUnit5TestKit
  ActorTestKit testKit = new JUnit5TestKitBuilder().withCustomConfig(TestConfigs.entityTestKit()).build();

  private static final Instant T0 = Instant.parse("2026-11-22T10:59:59Z");
  private static final DeadlineScheduler.Settings SETTINGS =
      new DeadlineScheduler.Settings(Duration.ofMillis(20), 4, Duration.ofHours(1));

  private final ServiceClock clock = ServiceClock.frozenAt(T0);
  private final Table table = new Table();
  private final List<String> woken = new CopyOnWriteArrayList<>();
  private final Set<String> failing = ConcurrentHashMap.newKeySet();

  private final DeadlineScheduler.WakeUp wakeUp = d -> {
    if (failing.contains(d.entityId())) {
      return CompletableFuture.failedFuture(new IllegalStateException("entity unreachable"));
    }
    woken.add(d.entityId());
    return CompletableFuture.completedFuture(Done.getInstance());
  };

  @Test
  void dueWakeUpsFireOnceAcrossHourBucketsAndTheirSliceIsDeleted() throws Exception {
    table.schedule(new Deadline("order", "a", T0.minusSeconds(30)));
    table.schedule(new Deadline("order", "b", T0.plusSeconds(2))); // next hour's bucket
    table.schedule(new Deadline("order", "later", T0.plusSeconds(3_600)));
    testKit.spawn(DeadlineScheduler.create(table, clock, wakeUp, SETTINGS));

    await(() -> woken.equals(List.of("a")));
    clock.advance(Duration.ofSeconds(5));
    await(() -> woken.size() == 2);
    Thread.sleep(200); // many polls later
    assertEquals(List.of("a", "b"), woken);
    await(() -> table.rows.size() == 1);
    assertEquals("later", table.rows.first().entityId());
  }

  @Test
  void aFailedWakeUpIsReadAgainAndTheWatermarkStopsBeforeIt() throws Exception {
    failing.add("b");
    table.schedule(new Deadline("order", "a", T0.minusSeconds(30)));
    table.schedule(new Deadline("order", "b", T0.minusSeconds(20)));
    table.schedule(new Deadline("order", "c", T0.minusSeconds(10)));
    testKit.spawn(DeadlineScheduler.create(table, clock, wakeUp, SETTINGS));

    await(() -> woken.containsAll(List.of("a", "c")));
    Thread.sleep(200);
    assertFalse(woken.contains("b"));
    assertTrue(table.watermark.isBefore(T0.minusSeconds(20)), "watermark " + table.watermark);
    assertEquals(List.of("b", "c"), table.rows.stream().map(Deadline::entityId).toList(),
        "only the slice before the failure is deleted");

    failing.clear();
    await(() -> woken.contains("b"));
    await(() -> table.rows.isEmpty());
    assertEquals(T0, table.watermark);
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < until, "condition not met within 5 s");
      Thread.sleep(10);
    }
  }

  /** The deadlines table in memory, ordered by time as the Cassandra one is within a bucket. */
  private static final class Table implements DeadlineRepository {
    final ConcurrentSkipListSet<Deadline> rows = new ConcurrentSkipListSet<>(
        Comparator.comparing(Deadline::dueAt).thenComparing(Deadline::entityId));
    volatile Instant watermark = Instant.EPOCH;

    @Override
    public CompletionStage<Done> schedule(Deadline deadline) {
      rows.add(deadline);
      return CompletableFuture.completedFuture(Done.getInstance());
    }

    @Override
    public CompletionStage<Done> cancel(Deadline deadline) {
      rows.remove(deadline);
      return CompletableFuture.completedFuture(Done.getInstance());
    }

    @Override
    public Source<Deadline, NotUsed> due(String bucket, Instant after, Instant upTo) {
      return Source.from(rows.stream().filter(d -> Deadline.bucket(d.dueAt()).equals(bucket)
          && d.dueAt().isAfter(after) && !d.dueAt().isAfter(upTo)).toList());
    }

    @Override
    public CompletionStage<Done> removeDelivered(String bucket, Instant after, Instant upTo) {
      rows.removeIf(d -> Deadline.bucket(d.dueAt()).equals(bucket)
          && d.dueAt().isAfter(after) && !d.dueAt().isAfter(upTo));
      return CompletableFuture.completedFuture(Done.getInstance());
    }

    @Override
    public CompletionStage<Optional<Instant>> watermark() {
      return CompletableFuture.completedFuture(Optional.empty());
    }

    @Override
    public CompletionStage<Done> saveWatermark(Instant at) {
      watermark = at;
      return CompletableFuture.completedFuture(Done.getInstance());
    }
  }
}
