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
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
import payledger.metrics.LedgerMetrics;
import payledger.order.DeliveryReport;

/**
 * Sends what the outbox holds, once per cluster (a singleton). Retries use one mechanism, the
 * polled outbox: every attempt, first or retry, is a row in the minute-bucketed queue, due at its
 * time; each poll reads the entries due since the watermark (which stays {@code scanLag} behind
 * the clock), acts on those whose attempt number still matches the outbox row, and moves the
 * watermark on only past what it handled, so a crash or a Cassandra outage loses nothing: the
 * entries are read again. After an attempt, {@link DeliveryPolicy} decides: done, retry later
 * (a new queue entry after the backoff), or the next channel (a new entry now). A finished
 * notification is reported to its order or case, and retried until the entity confirms.
 *
 * <p>Delivery is at least once: a crash between a send and the saving of its outcome sends again.
 */
public final class DeliveryWorker {

  private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);
  private static final DateTimeFormatter MINUTE =
      DateTimeFormatter.ofPattern("yyyyMMddHHmm").withZone(ZoneOffset.UTC);
  private static final CompletionStage<Done> DONE = CompletableFuture.completedFuture(Done.getInstance());

  /** Records a finished notification on its order or case; completes once the entity confirmed. */
  public interface Reporter {
    CompletionStage<Done> report(Notification notification, DeliveryReport report);
  }

  /**
   * @param scanLag how far behind the clock the watermark stays, so an entry written just now is
   *     seen (see {@link NotificationIntake})
   * @param maxBatch entries handled per poll, so a backlog after an outage drains in steps
   */
  public record Settings(Duration pollInterval, Duration scanLag, int parallelism, int maxBatch,
      DeliveryPolicy policy) {}

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
  private final Map<Channel, ChannelSender> senders;
  private final Messages messages;
  private final Reporter reporter;
  private final Clock clock;
  private final Settings settings;

  private DeliveryWorker(NotificationRepository repository, Map<Channel, ChannelSender> senders,
      Messages messages, Reporter reporter, Clock clock, Settings settings) {
    this.repository = repository;
    this.senders = senders;
    this.messages = messages;
    this.reporter = reporter;
    this.clock = clock;
    this.settings = settings;
  }

  public static Behavior<Command> create(NotificationRepository repository,
      Map<Channel, ChannelSender> senders, Messages messages, Reporter reporter, Clock clock,
      Settings settings) {
    DeliveryWorker worker = new DeliveryWorker(repository, senders, messages, reporter, clock, settings);
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
              .mapAsyncUnordered(settings.parallelism(), e -> handle(e)
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

  /** Acts on one queue entry; fails only when Cassandra does (the entry is then read again). */
  private CompletionStage<Done> handle(NotificationRepository.QueueEntry entry) {
    return repository.load(entry.notificationId()).thenCompose(found -> {
      if (found.isEmpty()) {
        return DONE;
      }
      NotificationRepository.Tracked tracked = found.get();
      DeliveryState state = tracked.state();
      if (state.finished()) {
        return state.reported() ? DONE : report(tracked.notification(), state);
      }
      if (entry.attempt() != state.attempts()) {
        return DONE; // a stale entry: a replay's, or one a later attempt already superseded
      }
      return attempt(tracked.notification(), state);
    });
  }

  private CompletionStage<Done> attempt(Notification n, DeliveryState state) {
    Channel channel = n.channels().get(state.channelIndex());
    CompletionStage<Outcome> sent;
    try {
      sent = senders.get(channel).send(n, messages.render(n));
    } catch (RuntimeException unrenderable) {
      sent = CompletableFuture.completedFuture(Outcome.bounced("cannot render: " + unrenderable.getMessage()));
    }
    return sent.thenCompose(outcome -> {
      Instant now = clock.instant();
      LedgerMetrics.notificationAttempt(channel.name(), outcome.result().name());
      DeliveryPolicy.Step step = settings.policy().after(state, n.channels(), outcome, now);
      CompletionStage<Done> recorded =
          repository.recordAttempt(n.id(), state.attempts() + 1, channel, outcome, now);
      if (step.nextAttemptAt() == null) {
        // Finished: the outcome is saved once, with whether the entity has it yet.
        return recorded.thenCompose(done -> report(n, step.state()));
      }
      return recorded
          .thenCompose(done -> repository.saveState(n, step.state(), now))
          .thenCompose(done -> repository.schedule(new NotificationRepository.QueueEntry(
              bucket(step.nextAttemptAt()), step.nextAttemptAt(), n.id(), step.state().attempts())));
    });
  }

  /** Tells the order or case; if it cannot answer now, an entry brings the report back later. */
  private CompletionStage<Done> report(Notification n, DeliveryState state) {
    Instant now = clock.instant();
    DeliveryReport report = new DeliveryReport(n.id(), n.kind().name(), n.subjectId(),
        state.deliveredChannel(), state.status() == DeliveryState.Status.DELIVERED,
        state.attempts(), state.failures(), n.createdAt(),
        state.deliveredAt() != null ? state.deliveredAt() : now);
    return reporter.report(n, report)
        .thenCompose(done -> {
          LedgerMetrics.notificationCompleted(n.kind().name(),
              report.delivered() ? report.channel() : "NONE",
              Duration.between(n.createdAt(), report.at()).toMillis() / 1000.0);
          if (!report.delivered()) {
            log.warn("Notification {} to customer {} failed on every channel: {}", n.id(),
                n.customerId(), state.failures());
          }
          return repository.saveState(n, state.markReported(), now);
        })
        .exceptionallyCompose(failure -> {
          // Saved as finished but unreported; a queue entry brings the report back later.
          Instant later = now.plus(settings.policy().base());
          return repository.saveState(n, state, now).thenCompose(done ->
              repository.schedule(new NotificationRepository.QueueEntry(bucket(later), later,
                  n.id(), state.attempts())));
        });
  }
}
