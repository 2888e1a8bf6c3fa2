package payledger.sla;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSession;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSessionRegistry;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import payledger.cassandra.LocalCassandra;
import payledger.cassandra.Schema;
import payledger.testing.TestConfigs;

/**
 * The deadline scheduler against the real local Cassandra node, with {@code n} open deadlines
 * (100,000 by default). Not a test: run it with {@code load-tests/deadline-benchmark.sh}.
 *
 * <ol>
 *   <li><b>raw</b> (the baseline of this run): the same backlog read and deleted straight through
 *       the repository, no scheduler;
 *   <li><b>backlog</b>: {@code n} deadlines already due (as after an outage), then the scheduler
 *       starts: deadlines/s until all fired, and its ratio to raw;
 *   <li><b>steady</b>: {@code n} deadlines due over the next {@code spread}, the scheduler running:
 *       how late each fires (p50, p99, max, share within 1 s).
 * </ol>
 *
 * The wake-up is a recorder, so this measures the scheduler and its table, not the entities
 * (their cost is the ingestion benchmark's business). Every deadline must fire; a missing one
 * fails the run.
 */
public final class DeadlineSchedulerBenchmark {

  private static final String KEYSPACE = "payledger_bench";
  private static final String TYPE = "bench";

  private final ActorSystem<Void> system;
  private final CassandraSession session;
  private final DeadlineRepository repository;
  private final DeadlineScheduler.Settings settings;

  private DeadlineSchedulerBenchmark(ActorSystem<Void> system, DeadlineScheduler.Settings settings) {
    this.system = system;
    this.session = CassandraSessionRegistry.get(system).sessionFor("pekko.persistence.cassandra");
    this.repository = new CassandraDeadlineRepository(session, KEYSPACE);
    this.settings = settings;
  }

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    Duration spread = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 60);
    try (LocalCassandra node = LocalCassandra.ensureRunning(Path.of(""))) {
      Config config = TestConfigs.service("""
          pekko.actor.provider = local
          pekko.persistence.cassandra.journal.keyspace = %s
          """.formatted(KEYSPACE));
      ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "bench", config);
      try {
        Config c = config.getConfig("payledger.deadlines");
        DeadlineScheduler.Settings settings = new DeadlineScheduler.Settings(
            c.getDuration("poll-interval"), c.getInt("parallelism"), c.getDuration("start"));
        new DeadlineSchedulerBenchmark(system, settings).run(n, spread);
      } finally {
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
      }
    }
  }

  private void run(int n, Duration spread) throws Exception {
    Schema.create(session, KEYSPACE, 1).toCompletableFuture().get(180, TimeUnit.SECONDS);
    System.out.printf(Locale.ROOT, "%,d deadlines, poll %s, parallelism %d%n",
        n, settings.pollInterval(), settings.parallelism());

    reset();
    Instant past = Instant.now().minus(Duration.ofMinutes(2));
    double insertRate = insert(n, i -> past.plusMillis(i % 60_000));
    double raw = rawDrain(past.minusSeconds(1), Instant.now());
    System.out.printf(Locale.ROOT, "insert: %,.0f rows/s; raw read+delete: %,.0f rows/s%n", insertRate, raw);

    reset();
    insert(n, i -> past.plusMillis(i % 60_000));
    Map<String, Instant> fired = new ConcurrentHashMap<>();
    AtomicInteger repeats = new AtomicInteger();
    long start = System.nanoTime();
    ActorRef<String> scheduler = startScheduler(fired, repeats, "backlog");
    awaitAll(fired, n, Duration.ofMinutes(10));
    double backlog = n / ((System.nanoTime() - start) / 1e9);
    stop(scheduler);
    System.out.printf(Locale.ROOT, "backlog: %,.0f deadlines/s (%.2f of raw), %d fired twice%n",
        backlog, backlog / raw, repeats.get());

    reset();
    Instant first = Instant.now().plusSeconds((long) (n / insertRate * 1.5) + 10);
    long spreadMillis = spread.toMillis();
    insert(n, i -> first.plusMillis(i * spreadMillis / n));
    fired.clear();
    repeats.set(0);
    scheduler = startScheduler(fired, repeats, "steady");
    awaitAll(fired, n, spread.plus(Duration.ofMinutes(5)));
    stop(scheduler);
    List<Long> lateness = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Instant due = first.plusMillis(i * spreadMillis / n);
      lateness.add(Duration.between(due, fired.get(TYPE + i)).toMillis());
    }
    Collections.sort(lateness);
    long within = lateness.stream().filter(ms -> ms <= 1_000).count();
    System.out.printf(Locale.ROOT,
        "steady (%,d due over %s): late p50 %d ms, p99 %d ms, max %d ms; %.2f %% within 1 s; %d fired twice%n",
        n, spread, percentile(lateness, 0.50), percentile(lateness, 0.99),
        lateness.get(n - 1), 100.0 * within / n, repeats.get());
  }

  private ActorRef<String> startScheduler(
      Map<String, Instant> fired, AtomicInteger repeats, String name) {
    DeadlineScheduler.WakeUp recorder = deadline -> {
      if (fired.putIfAbsent(deadline.entityId(), Instant.now()) != null) {
        repeats.incrementAndGet();
      }
      return CompletableFuture.completedFuture(Done.getInstance());
    };
    // A parent that stops (and with it, the scheduler) on any message.
    return system.systemActorOf(Behaviors.<String>setup(ctx -> {
      ctx.spawn(DeadlineScheduler.create(repository, Clock.systemUTC(), recorder, settings), "scheduler");
      return Behaviors.receiveMessage(stop -> Behaviors.stopped());
    }), "scheduler-" + name, Props.empty());
  }

  private static void stop(ActorRef<String> scheduler) throws InterruptedException {
    scheduler.tell("stop");
    Thread.sleep(500);
  }

  /** Writes {@code n} deadlines through the repository, as the projection does; rows per second. */
  private double insert(int n, IntFunction<Instant> dueAt) throws Exception {
    long start = System.nanoTime();
    Source.range(0, n - 1)
        .mapAsyncUnordered(256, i -> {
          Deadline d = new Deadline(TYPE, TYPE + i, dueAt.apply(i));
          return repository.schedule(d);
        })
        .runWith(Sink.ignore(), system).toCompletableFuture().get(10, TimeUnit.MINUTES);
    return n / ((System.nanoTime() - start) / 1e9);
  }

  /** The floor: every due row read and deleted as the scheduler does, with nothing in between. */
  private double rawDrain(Instant from, Instant upTo) throws Exception {
    long start = System.nanoTime();
    List<String> buckets = new ArrayList<>();
    for (Instant h = from.truncatedTo(ChronoUnit.HOURS); !h.isAfter(upTo);
        h = h.plus(Duration.ofHours(1))) {
      buckets.add(Deadline.bucket(h));
    }
    int rows = Source.from(buckets)
        .flatMapConcat(bucket -> repository.due(bucket, from, upTo))
        .runWith(Sink.fold(0, (count, deadline) -> count + 1), system)
        .toCompletableFuture().get(10, TimeUnit.MINUTES);
    for (String bucket : buckets) {
      repository.removeDelivered(bucket, from, upTo).toCompletableFuture().get(1, TimeUnit.MINUTES);
    }
    return rows / ((System.nanoTime() - start) / 1e9);
  }

  private void reset() throws Exception {
    for (String table : List.of("deadlines", "deadline_scheduler")) {
      session.executeWrite("TRUNCATE " + KEYSPACE + "." + table)
          .toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
  }

  private static void awaitAll(Map<String, Instant> fired, int n, Duration limit)
      throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (fired.size() < n) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "only " + fired.size() + " of " + n + " deadlines fired within " + limit);
      }
      Thread.sleep(20);
    }
  }

  private static long percentile(List<Long> sorted, double p) {
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
  }
}
