package payledger.notify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.Done;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.javadsl.Handler;

/**
 * Hands a group of order or dispute events to {@link NotificationIntake}: the events of one entity
 * in order, different entities at once (each touches only its own rows), so a tag's throughput is
 * not bounded by one Cassandra round trip after another. At-least-once: a redelivered event writes
 * the same outbox rows again, and the delivery state of a notification already sent stays as it
 * is, so nothing is sent twice.
 */
public final class NotificationProjectionHandler<E> extends Handler<List<EventEnvelope<E>>> {

  private final Function<E, CompletionStage<Done>> intake;

  public NotificationProjectionHandler(Function<E, CompletionStage<Done>> intake) {
    this.intake = intake;
  }

  @Override
  public CompletionStage<Done> process(List<EventEnvelope<E>> envelopes) {
    Map<String, List<E>> byEntity = new LinkedHashMap<>();
    for (EventEnvelope<E> envelope : envelopes) {
      byEntity.computeIfAbsent(envelope.persistenceId(), id -> new ArrayList<>()).add(envelope.event());
    }
    List<CompletableFuture<Done>> chains = new ArrayList<>();
    for (List<E> events : byEntity.values()) {
      CompletionStage<Done> chain = CompletableFuture.completedFuture(Done.getInstance());
      for (E event : events) {
        chain = chain.thenCompose(done -> intake.apply(event));
      }
      chains.add(chain.toCompletableFuture());
    }
    return CompletableFuture.allOf(chains.toArray(CompletableFuture[]::new))
        .thenApply(done -> Done.getInstance());
  }
}
