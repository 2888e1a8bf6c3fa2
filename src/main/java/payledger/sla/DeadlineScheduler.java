package payledger.sla;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the deadlines table, once per cluster (a singleton): every poll it reads the hour buckets
 * from its watermark up to now, wakes each due entity (an idempotent command, answered once the
 * entity journaled whatever fired), and removes the row only then. A failed wake-up stays for the
 * next poll, and the watermark never passes it: deadlines fire after passivation, restarts and
 * node loss, at least once, and once in effect.
 */
public final class DeadlineScheduler {

  private static final Logger log = LoggerFactory.getLogger(DeadlineScheduler.class);
  private static final DateTimeFormatter BUCKET_START = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

  /** Sends the wake-up to the entity; completes when the entity answered. */
  public interface WakeUp {
    CompletionStage<Done> deliver(Deadline deadline);
  }

  /**
   * @param margin the watermark stays this far behind now, so a row written late into the
   *     current hour is still scanned
   */
  public record Settings(Duration pollInterval, int parallelism, Duration margin) {}

  sealed interface Command {}

  private enum Tick implements Command {
    INSTANCE
  }

  private record Drained(Instant watermark, int delivered, int failed) implements Command {}

  private record Started(Instant watermark) implements Command {}

  private DeadlineScheduler() {}

  public static Behavior<Command> create(
      DeadlineRepository repository, Clock clock, WakeUp wakeUp, Settings settings) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
      timers.startTimerWithFixedDelay(Tick.INSTANCE, settings.pollInterval());
      Instant fresh = clock.instant().minus(Duration.ofHours(1));
      ctx.pipeToSelf(repository.watermark(), (saved, failure) ->
          new Started(failure == null ? saved.orElse(fresh) : fresh));
      return Behaviors.receive(Command.class)
          .onMessage(Started.class, started ->
              idle(ctx, repository, clock, wakeUp, settings, started.watermark()))
          .onMessageEquals(Tick.INSTANCE, Behaviors::same)
          .build();
    }));
  }

  private static Behavior<Command> idle(ActorContext<Command> ctx, DeadlineRepository repository,
      Clock clock, WakeUp wakeUp, Settings settings, Instant watermark) {
    return Behaviors.receive(Command.class)
        .onMessageEquals(Tick.INSTANCE, () -> {
          ctx.pipeToSelf(drain(ctx, repository, clock.instant(), watermark, wakeUp, settings),
              (drained, failure) -> failure == null ? drained : new Drained(watermark, 0, 1));
          return busy(ctx, repository, clock, wakeUp, settings, watermark);
        })
        .onMessage(Drained.class, d -> Behaviors.same())
        .build();
  }

  /** While a drain runs, ticks are dropped: one drain at a time. */
  private static Behavior<Command> busy(ActorContext<Command> ctx, DeadlineRepository repository,
      Clock clock, WakeUp wakeUp, Settings settings, Instant watermark) {
    return Behaviors.receive(Command.class)
        .onMessageEquals(Tick.INSTANCE, Behaviors::same)
        .onMessage(Drained.class, drained -> {
          if (drained.delivered() > 0 || drained.failed() > 0) {
            log.info("Deadlines: {} entities woken, {} to retry", drained.delivered(), drained.failed());
          }
          if (!drained.watermark().equals(watermark)) {
            repository.saveWatermark(drained.watermark());
          }
          return idle(ctx, repository, clock, wakeUp, settings, drained.watermark());
        })
        .build();
  }

  private static CompletionStage<Drained> drain(ActorContext<Command> ctx,
      DeadlineRepository repository, Instant now, Instant watermark, WakeUp wakeUp,
      Settings settings) {
    // A watermark ahead of now (a test clock that was moved forward, then restarted) must not hide
    // the wake-ups due now: never start later than the margin before now.
    Instant from = min(watermark, now.minus(settings.margin()));
    List<String> buckets = new ArrayList<>();
    for (Instant hour = from.truncatedTo(ChronoUnit.HOURS); !hour.isAfter(now);
        hour = hour.plus(Duration.ofHours(1))) {
      buckets.add(Deadline.bucket(hour));
    }
    return Source.from(buckets)
        .mapAsync(1, bucket -> repository.due(bucket, now)
            .thenApply(due -> due.stream().map(d -> Map.entry(bucket, d)).toList()))
        .mapConcat(list -> list)
        .mapAsyncUnordered(settings.parallelism(), entry -> wakeUp.deliver(entry.getValue())
            .thenCompose(done -> repository.remove(entry.getValue(), entry.getKey()))
            .handle((done, failure) -> failure == null ? Optional.<String>empty() : Optional.of(entry.getKey())))
        .runWith(Sink.seq(), ctx.getSystem())
        .thenApply(results -> {
          Instant next = now.minus(settings.margin()).truncatedTo(ChronoUnit.HOURS);
          int failed = 0;
          for (Optional<String> failedBucket : results) {
            if (failedBucket.isPresent()) {
              failed++;
              next = min(next, parse(failedBucket.get()));
            }
          }
          return new Drained(next.isBefore(from) ? from : next, results.size() - failed, failed);
        });
  }

  private static Instant parse(String bucket) {
    return LocalDateTime.parse(bucket + "0000", BUCKET_START).toInstant(ZoneOffset.UTC);
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
