package payledger.sla;

import java.time.Clock;
import java.time.Duration;
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
 * redelivered event writes the same rows again (a late one, the same entity at a later time: a wake-up
 * is idempotent). The scheduler reads each slice of time once, so a row must be visible before its
 * time comes: a wake-up due sooner than {@code lead} from now (the projection is catching up) is
 * written for now + lead. The lead covers the write's latency and clock skew between nodes.
 */
public final class DeadlineProjectionHandler<E> extends Handler<EventEnvelope<E>> {

  private final DeadlineRepository repository;
  private final Clock clock;
  private final Duration lead;
  private final Function<E, List<Deadline>> wakeUps;

  /** @param wakeUps the wake-ups an event asks for, named by the entity id the event carries */
  public DeadlineProjectionHandler(DeadlineRepository repository, Clock clock, Duration lead,
      Function<E, List<Deadline>> wakeUps) {
    this.repository = repository;
    this.clock = clock;
    this.lead = lead;
    this.wakeUps = wakeUps;
  }

  @Override
  public CompletionStage<Done> process(EventEnvelope<E> envelope) {
    Instant earliest = clock.instant().plus(lead);
    CompletableFuture<?>[] writes = wakeUps.apply(envelope.event()).stream()
        .map(d -> d.notBefore(earliest))
        .map(d -> repository.schedule(d).toCompletableFuture())
        .toArray(CompletableFuture[]::new);
    return CompletableFuture.allOf(writes).thenApply(done -> Done.getInstance());
  }
}
