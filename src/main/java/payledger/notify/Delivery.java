package payledger.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.Done;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import payledger.metrics.LedgerMetrics;
import payledger.order.DeliveryReport;

/**
 * The one place a notification is sent: the first attempt right when the projection meets the
 * event that calls for it ({@link #start}: kept pending, then sent without holding up the pass),
 * retries when the {@link DeliveryWorker} finds them due. An attempt that
 * fails on a channel with none left to retry falls back to the next channel at once; the outcome is
 * written once, after the attempts: the outbox row with its state, the customer's list, an attempt
 * row only for a failure, a queue entry only for a retry. Outcomes the entities measure
 * ({@link Reporter}) are reported before the row is saved as reported.
 *
 * <p>At least once: a crash between a send and the saving of its outcome leaves the row unwritten
 * (or at its previous attempt), so the pending or queue entry sends again, once, with the same
 * notification id and Message-ID, which a mail client shows as the same message. The same happens
 * if a first attempt is still under way on one node when its pending entry comes due on another
 * (after {@code firstAttemptGrace}: a mail backlog of that length); on its own node the worker
 * leaves an attempt under way alone.
 */
public final class Delivery {

  private static final Logger log = LoggerFactory.getLogger(Delivery.class);
  private static final CompletionStage<Done> DONE = CompletableFuture.completedFuture(Done.getInstance());

  /**
   * Records how a notification ended on its order or case, for the outcomes the entities measure
   * (a receipt delivered, a discrepancy notice delivered, a case's customer told); completes once
   * the entity confirmed, at once for the others.
   */
  public interface Reporter {
    CompletionStage<Done> report(Notification notification, DeliveryReport report);
  }

  private final NotificationRepository repository;
  private final Map<Channel, ChannelSender> senders;
  private final Messages messages;
  private final Reporter reporter;
  private final Clock clock;
  private final DeliveryPolicy policy;
  private final Duration firstAttemptGrace;
  private final Set<String> underWay = ConcurrentHashMap.newKeySet();

  public Delivery(NotificationRepository repository, Map<Channel, ChannelSender> senders,
      Messages messages, Reporter reporter, Clock clock, DeliveryPolicy policy,
      Duration firstAttemptGrace) {
    this.repository = repository;
    this.senders = Map.copyOf(senders);
    this.messages = messages;
    this.reporter = reporter;
    this.clock = clock;
    this.policy = policy;
    this.firstAttemptGrace = firstAttemptGrace;
  }

  /**
   * Notifications a projection pass just met, grouped by order in the order of their events: kept
   * pending ({@link NotificationRepository#keepPending}, due after the grace), then sent, each
   * order's one after the other. Completes once they are kept, not sent: a pass does not wait for
   * mail servers and entities, and what an attempt leaves unrecorded the worker sends when due.
   */
  public CompletionStage<Done> start(List<List<Notification>> byOrder) {
    List<Notification> all = byOrder.stream().flatMap(List::stream).toList();
    if (all.isEmpty()) {
      return DONE;
    }
    return repository.keepPending(all, clock.instant().plus(firstAttemptGrace)).thenApply(kept -> {
      for (List<Notification> ofOrder : byOrder) {
        CompletionStage<Done> chain = DONE;
        for (Notification n : ofOrder) {
          chain = chain.thenCompose(done -> first(n));
        }
        chain.whenComplete((done, failure) -> {
          if (failure != null) {
            log.warn("Notification of order {} not sent yet (its pending entry will): {}",
                ofOrder.get(0).orderId(), failure.getMessage());
          }
        });
      }
      return Done.getInstance();
    });
  }

  /**
   * A notification an event just called for: sent now, unless the outbox has it already (the
   * event was delivered again, or replayed by a rebuild), in which case it is left to its queue
   * entry, or its report is retried.
   */
  public CompletionStage<Done> first(Notification n) {
    return repository.load(n.id()).thenCompose(found -> found.isEmpty()
        ? fresh(n)
        : unreported(found.get()));
  }

  /** The first attempt, unless one is under way here already. */
  private CompletionStage<Done> fresh(Notification n) {
    if (!underWay.add(n.id())) {
      return DONE;
    }
    return attempt(n, DeliveryState.QUEUED, true).whenComplete((done, failure) -> underWay.remove(n.id()));
  }

  /**
   * A queue entry came due; fails only when Cassandra does (the entry is then read again). A
   * pending first attempt that recorded nothing is made now.
   */
  public CompletionStage<Done> retry(NotificationRepository.QueueEntry entry) {
    return repository.load(entry.notificationId()).thenCompose(found -> {
      if (found.isEmpty()) {
        return entry.pending() != null ? fresh(entry.pending()) : DONE;
      }
      NotificationRepository.Tracked tracked = found.get();
      if (tracked.state().finished()) {
        return unreported(tracked);
      }
      if (entry.attempt() != tracked.state().attempts()) {
        return DONE; // a stale entry: one a later attempt already superseded
      }
      return attempt(tracked.notification(), tracked.state(), false);
    });
  }

  private CompletionStage<Done> unreported(NotificationRepository.Tracked tracked) {
    DeliveryState state = tracked.state();
    return state.finished() && !state.reported()
        ? finish(tracked.notification(), null, state, false) : DONE;
  }

  /** Tries the current channel, and the next ones at once while a channel is given up. */
  private CompletionStage<Done> attempt(Notification n, DeliveryState state, boolean fresh) {
    Channel channel = n.channels().get(state.channelIndex());
    Messages.Rendered message = render(n);
    return send(channel, n, message).thenCompose(outcome -> {
      Instant now = clock.instant();
      LedgerMetrics.notificationAttempt(channel.name(), outcome.result().name());
      DeliveryPolicy.Step step = policy.after(state, n.channels(), outcome, now);
      CompletionStage<Done> failure = outcome.result() == Outcome.Result.SENT ? DONE
          : repository.recordAttempt(n.id(), state.attempts() + 1, channel, outcome, now);
      if (step.nextAttemptAt() == null) {
        return failure.thenCompose(done -> finish(n, message, step.state(), fresh));
      }
      if (!step.nextAttemptAt().isAfter(now)) {
        return failure.thenCompose(done -> attempt(n, step.state(), fresh));
      }
      return failure
          .thenCompose(done -> save(n, message, step.state(), fresh, now))
          .thenCompose(done -> repository.schedule(new NotificationRepository.QueueEntry(
              DeliveryWorker.bucket(step.nextAttemptAt()), step.nextAttemptAt(), n.id(),
              step.state().attempts())));
    });
  }

  /** The message, or null when it cannot be rendered (a bounce: no channel can send it). */
  private Messages.Rendered render(Notification n) {
    try {
      return messages.render(n);
    } catch (RuntimeException unrenderable) {
      log.warn("Notification {} cannot be rendered: {}", n.id(), unrenderable.getMessage());
      return null;
    }
  }

  private CompletionStage<Outcome> send(Channel channel, Notification n, Messages.Rendered message) {
    if (message == null) {
      return CompletableFuture.completedFuture(Outcome.bounced("cannot render the message"));
    }
    return senders.get(channel).send(n, message);
  }

  /**
   * Reports a finished notification, then saves it as reported; if the entity cannot answer now,
   * saves it unreported with a queue entry that brings the report back later.
   */
  private CompletionStage<Done> finish(Notification n, Messages.Rendered message, DeliveryState state,
      boolean fresh) {
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
          return save(n, message, state.markReported(), fresh, now);
        })
        .exceptionallyCompose(failure -> {
          Instant later = now.plus(policy.base());
          return save(n, message, state, fresh, now).thenCompose(done ->
              repository.schedule(new NotificationRepository.QueueEntry(
                  DeliveryWorker.bucket(later), later, n.id(), state.attempts())));
        });
  }

  /** The first save lists it for its customer with what it said ({@code message}), whatever the channel. */
  private CompletionStage<Done> save(Notification n, Messages.Rendered message, DeliveryState state,
      boolean fresh, Instant at) {
    return fresh
        ? repository.record(n, message == null ? null : message.subject(),
            message == null ? null : message.text(), state, at)
        : repository.saveState(n, state, at);
  }
}
