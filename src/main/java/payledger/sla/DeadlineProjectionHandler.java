package payledger.sla;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.Done;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.javadsl.Handler;

/**
 * Turns entity events into wake-ups in the deadlines table. At-least-once and idempotent: a
 * redelivered event writes the same rows again. A wake-up already in the past (the projection is
 * catching up) goes into the current hour's bucket, which the scheduler has not left yet.
 */
public final class DeadlineProjectionHandler<E> extends Handler<EventEnvelope<E>> {

  private final DeadlineRepository repository;
  private final Clock clock;
  private final Function<E, List<Deadline>> wakeUps;

  /** @param wakeUps the wake-ups an event asks for, named by the entity id the event carries */
  public DeadlineProjectionHandler(
      DeadlineRepository repository, Clock clock, Function<E, List<Deadline>> wakeUps) {
    this.repository = repository;
    this.clock = clock;
    this.wakeUps = wakeUps;
  }

  @Override
  public CompletionStage<Done> process(EventEnvelope<E> envelope) {
    Instant now = clock.instant();
    CompletableFuture<?>[] writes = wakeUps.apply(envelope.event()).stream()
        .map(d -> repository.schedule(d, Deadline.bucket(d.dueAt().isBefore(now) ? now : d.dueAt()))
            .toCompletableFuture())
        .toArray(CompletableFuture[]::new);
    return CompletableFuture.allOf(writes).thenApply(done -> Done.getInstance());
  }
}
