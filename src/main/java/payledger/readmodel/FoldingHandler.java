package payledger.readmodel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.javadsl.Handler;
import payledger.metrics.LedgerMetrics;

/**
 * A read-model projection over one entity type, fed a group of envelopes at a time: it folds each
 * entity's events of the group into its state (the entity's own event handler), then writes each
 * entity's net changes once, all entities at the same time, and the projection stores its offset
 * after the group. A handler per event waited for three or four Cassandra round trips per event;
 * per group it waits for them once.
 *
 * <p>At-least-once: an event at or below the entity's stored fold was applied already and is
 * skipped (also within a group); every write is an idempotent upsert, and the fold is written last,
 * so a failure half-way is repaired by the redelivery. Entities of one group never share a row.
 */
abstract class FoldingHandler<E, S> extends Handler<List<EventEnvelope<E>>> {

  private final String projection;
  private final Folds<S> folds = new Folds<>(10_000);

  FoldingHandler(String projection) {
    this.projection = projection;
  }

  protected abstract String idOf(E event);

  protected abstract CompletionStage<Optional<ReadModelStore.Stored<S>>> load(String id);

  protected abstract S empty(String id);

  protected abstract S apply(S state, E event);

  /**
   * Writes the rows that differ between {@code before} and {@code after} ({@code events} apart),
   * then the fold at seqNr.
   */
  protected abstract CompletionStage<Done> write(S before, List<E> events, S after, long seqNr);

  /** A (re)started projection may follow a rebuild: trust only what is in Cassandra. */
  @Override
  public CompletionStage<Done> start() {
    folds.clear();
    return CompletableFuture.completedFuture(Done.getInstance());
  }

  @Override
  public CompletionStage<Done> process(List<EventEnvelope<E>> envelopes) {
    Map<String, List<EventEnvelope<E>>> byEntity = new LinkedHashMap<>();
    envelopes.forEach(e -> byEntity.computeIfAbsent(idOf(e.event()), id -> new ArrayList<>()).add(e));
    List<CompletableFuture<Done>> writes = new ArrayList<>();
    byEntity.forEach((id, events) -> writes.add(project(id, events).toCompletableFuture()));
    return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new))
        .thenApply(v -> Done.getInstance())
        .whenComplete((done, failure) -> {
          if (failure != null) {
            folds.clear(); // the restarted stream redelivers; re-read what was really written
          }
        });
  }

  private CompletionStage<Done> project(String id, List<EventEnvelope<E>> events) {
    return fold(id).thenCompose(fold -> {
      S state = fold.state();
      long seqNr = fold.seqNr();
      List<EventEnvelope<E>> applied = new ArrayList<>();
      for (EventEnvelope<E> e : events) {
        if (e.sequenceNr() > seqNr) {
          state = apply(state, e.event());
          seqNr = e.sequenceNr();
          applied.add(e);
        }
      }
      if (applied.isEmpty()) {
        return CompletableFuture.completedFuture(Done.getInstance());
      }
      if (!writeEachEvent()) {
        return write(fold.state(), state, seqNr, applied);
      }
      CompletionStage<Done> chain = CompletableFuture.completedFuture(Done.getInstance());
      S before = fold.state();
      for (EventEnvelope<E> e : applied) {
        S from = before;
        S to = apply(from, e.event());
        chain = chain.thenCompose(done -> write(from, to, e.sequenceNr(), List.of(e)));
        before = to;
      }
      return chain;
    });
  }

  /**
   * True to write after each event of a group, one after the other, rather than once per entity
   * per group: for a projection whose rows also depend on another read model at write time.
   */
  protected boolean writeEachEvent() {
    return false;
  }

  private CompletionStage<Done> write(S before, S after, long seqNr, List<EventEnvelope<E>> applied) {
    return write(before, applied.stream().map(EventEnvelope::event).toList(), after, seqNr)
        .thenApply(done -> {
          folds.put(idOf(applied.get(0).event()), new ReadModelStore.Stored<>(seqNr, after));
          applied.forEach(e -> LedgerMetrics.projectionLag(projection, e.timestamp()));
          return done;
        });
  }

  private CompletionStage<ReadModelStore.Stored<S>> fold(String id) {
    ReadModelStore.Stored<S> cached = folds.get(id);
    if (cached != null) {
      return CompletableFuture.completedFuture(cached);
    }
    return load(id).thenApply(stored -> stored.orElseGet(() -> new ReadModelStore.Stored<>(0L, empty(id))));
  }
}
