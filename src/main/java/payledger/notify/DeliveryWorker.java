package payledger.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries what the first attempt could not finish, once per cluster (a singleton). The first
 * attempt is made by the projection that meets the event ({@link Delivery#start}); what it leaves
 * to later — a retry after the backoff, a report the entity could not take yet — is a row in the
 * minute-bucketed queue, due at its time, and a first attempt that never recorded anything (its
 * node stopped) is sent from its pending entry, due a grace period after it was kept. Each poll reads the entries due since the watermark
 * (which stays {@code scanLag} behind the clock), hands those whose attempt number still matches
 * the outbox row to {@link Delivery#retry}, and moves the watermark on only past what it handled,
 * so a crash or a Cassandra outage loses nothing: the entries are read again.
 */
public final class DeliveryWorker {

  private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);
  private static final DateTimeFormatter MINUTE =
      DateTimeFormatter.ofPattern("yyyyMMddHHmm").withZone(ZoneOffset.UTC);

  /**
   * @param scanLag how far behind the clock the watermark stays, so an entry is seen even when its
   *     write completed a little after its due time
   * @param maxBatch entries handled per poll, so a backlog after an outage drains in steps
   * @param firstAttemptGrace how long after a first attempt starts its pending entry comes due
   */
  public record Settings(Duration pollInterval, Duration scanLag, int parallelism, int maxBatch,
      DeliveryPolicy policy, Duration firstAttemptGrace) {}

  /** The queue partition of an instant: one per minute. */
  public static String bucket(Instant at) {
    return MINUTE.format(at);
  }

  sealed interface Command {}

  private enum Tick implements Command {
    INSTANCE
  }

  private record Started(Instant watermark) implements Command {}

  private record Drained(Instant watermark, int handled) implements Command {}

  private final NotificationRepository repository;
  private final Delivery delivery;
  private final Clock clock;
  private final Settings settings;

  private DeliveryWorker(NotificationRepository repository, Delivery delivery, Clock clock,
      Settings settings) {
    this.repository = repository;
    this.delivery = delivery;
    this.clock = clock;
    this.settings = settings;
  }

  public static Behavior<Command> create(NotificationRepository repository, Delivery delivery,
      Clock clock, Settings settings) {
    DeliveryWorker worker = new DeliveryWorker(repository, delivery, clock, settings);
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
      timers.startTimerWithFixedDelay(Tick.INSTANCE, settings.pollInterval());
      Instant fresh = clock.instant().minus(Duration.ofHours(1));
      ctx.pipeToSelf(repository.watermark(), (saved, failure) ->
          new Started(failure == null ? saved.orElse(fresh) : fresh));
      return Behaviors.receive(Command.class)
          .onMessage(Started.class, started -> worker.idle(ctx, started.watermark()))
          .onMessageEquals(Tick.INSTANCE, Behaviors::same)
          .build();
    }));
  }

  private Behavior<Command> idle(ActorContext<Command> ctx, Instant watermark) {
    return Behaviors.receive(Command.class)
        .onMessageEquals(Tick.INSTANCE, () -> {
          ctx.pipeToSelf(drain(ctx, watermark),
              (drained, failure) -> {
                if (failure != null) {
                  log.warn("Notification delivery poll failed, retrying: {}", failure.getMessage());
                }
                return failure == null ? drained : new Drained(watermark, 0);
              });
          return busy(ctx, watermark);
        })
        .onMessage(Drained.class, d -> Behaviors.same())
        .build();
  }

  /** One poll at a time: ticks during a poll are dropped. */
  private Behavior<Command> busy(ActorContext<Command> ctx, Instant watermark) {
    return Behaviors.receive(Command.class)
        .onMessageEquals(Tick.INSTANCE, Behaviors::same)
        .onMessage(Drained.class, drained -> {
          if (!drained.watermark().equals(watermark)) {
            repository.saveWatermark(drained.watermark());
          }
          return idle(ctx, drained.watermark());
        })
        .build();
  }

  private CompletionStage<Drained> drain(ActorContext<Command> ctx, Instant saved) {
    Instant upTo = clock.instant().minus(settings.scanLag());
    // A watermark far ahead of now (a test clock moved forward, then a restart on real time) must
    // not hide what is due now: start an hour back, as on a fresh start.
    Instant watermark = saved.isAfter(upTo.plus(Duration.ofMinutes(1)))
        ? upTo.minus(Duration.ofHours(1)) : saved;
    if (!upTo.isAfter(watermark)) {
      return CompletableFuture.completedFuture(new Drained(watermark, 0));
    }
    List<String> buckets = new ArrayList<>();
    for (Instant minute = watermark.truncatedTo(ChronoUnit.MINUTES); !minute.isAfter(upTo);
        minute = minute.plus(Duration.ofMinutes(1))) {
      buckets.add(bucket(minute));
    }
    return Source.from(buckets)
        .mapAsync(4, b -> repository.queued(b, watermark, upTo))
        .mapConcat(entries -> entries)
        .take(settings.maxBatch())
        .runWith(Sink.seq(), ctx.getSystem())
        .thenCompose(entries -> {
          boolean truncated = entries.size() >= settings.maxBatch();
          // Entries due at the last instant taken may not all have been read: read them again.
          Instant next = truncated ? entries.get(entries.size() - 1).dueAt().minusMillis(1) : upTo;
          Set<String> seen = new HashSet<>();
          List<NotificationRepository.QueueEntry> distinct = entries.stream()
              .filter(e -> seen.add(e.notificationId())).toList();
          return Source.from(distinct)
              .mapAsyncUnordered(settings.parallelism(), e -> delivery.retry(e)
                  .handle((done, failure) -> failure == null ? Optional.<Instant>empty()
                      : Optional.of(e.dueAt())))
              .runWith(Sink.seq(), ctx.getSystem())
              .thenApply(results -> {
                Instant mark = next;
                for (Optional<Instant> failed : results) {
                  if (failed.isPresent() && !failed.get().minusMillis(1).isAfter(mark)) {
                    mark = failed.get().minusMillis(1);
                  }
                }
                return new Drained(mark.isBefore(watermark) ? watermark : mark, distinct.size());
              });
        });
  }
}
