package payledger.sla;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
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
 * Drains the deadlines table, once per cluster (a singleton). Every poll reads the slice of time
 * from its watermark up to now, once: it wakes each due entity (an idempotent command, answered
 * once the entity journaled whatever fired), then deletes the delivered slice with one range
 * delete and moves the watermark to its end. A failed wake-up stops the watermark (and the delete)
 * just before it, so that it is read again at the next poll. Deadlines fire after passivation,
 * restarts and node loss, at least once, and once in effect.
 *
 * <p>Reading each slice once is what keeps a poll cheap whatever the volume: no row or tombstone
 * is read twice. It relies on a rule of the projection ({@link DeadlineProjectionHandler}): a
 * wake-up is written at least a lead time before its time, so it is visible before the scan passes.
 */
public final class DeadlineScheduler {

  private static final Logger log = LoggerFactory.getLogger(DeadlineScheduler.class);

  /** Sends the wake-up to the entity; completes when the entity answered. */
  public interface WakeUp {
    CompletionStage<Done> deliver(Deadline deadline);
  }

  /**
   * @param start where a scheduler with no saved watermark (or one ahead of its clock: a test
   *     clock moved back) starts, this far before now
   */
  public record Settings(Duration pollInterval, int parallelism, Duration start) {}

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
      Instant fresh = clock.instant().minus(settings.start());
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
          Instant now = clock.instant();
          Instant from = watermark.isAfter(now) ? now.minus(settings.start()) : watermark;
          ctx.pipeToSelf(drain(ctx, repository, from, now, wakeUp, settings),
              (drained, failure) -> failure == null ? drained : new Drained(from, 0, 1));
          return busy(ctx, repository, clock, wakeUp, settings, from);
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

  /** Delivers the slice {@code (from, upTo]}, deletes what was delivered, answers the new watermark. */
  private static CompletionStage<Drained> drain(ActorContext<Command> ctx,
      DeadlineRepository repository, Instant from, Instant upTo, WakeUp wakeUp, Settings settings) {
    List<String> buckets = buckets(from, upTo);
    return Source.from(buckets)
        .flatMapConcat(bucket -> repository.due(bucket, from, upTo))
        .mapAsyncUnordered(settings.parallelism(), deadline -> wakeUp.deliver(deadline)
            .handle((done, failure) -> failure == null ? Optional.<Instant>empty() : Optional.of(deadline.dueAt())))
        .runWith(Sink.fold(new Tally(0, 0, upTo), Tally::add), ctx.getSystem())
        .thenCompose(tally -> {
          // Everything before the earliest failure was delivered: the watermark stops just short
          // of it, and it is read again next time (with the later ones: wake-ups are idempotent).
          Instant delivered = tally.failed() == 0 ? upTo : tally.firstFailure().minusMillis(1);
          Drained drained = new Drained(delivered, tally.delivered(), tally.failed());
          if (!delivered.isAfter(from)) {
            return CompletableFuture.completedFuture(drained);
          }
          CompletableFuture<?>[] deletes = buckets(from, delivered).stream()
              .map(bucket -> repository.removeDelivered(bucket, from, delivered).toCompletableFuture())
              .toArray(CompletableFuture[]::new);
          return CompletableFuture.allOf(deletes).thenApply(done -> drained);
        });
  }

  /** The hour buckets a slice of time touches. */
  private static List<String> buckets(Instant from, Instant upTo) {
    List<String> buckets = new ArrayList<>();
    for (Instant hour = from.truncatedTo(ChronoUnit.HOURS); !hour.isAfter(upTo);
        hour = hour.plus(Duration.ofHours(1))) {
      buckets.add(Deadline.bucket(hour));
    }
    return buckets;
  }

  private record Tally(int delivered, int failed, Instant firstFailure) {
    Tally add(Optional<Instant> failure) {
      return failure
          .map(at -> new Tally(delivered, failed + 1, at.isBefore(firstFailure) ? at : firstFailure))
          .orElseGet(() -> new Tally(delivered + 1, failed, firstFailure));
    }
  }
}
