package payledger.readmodel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.javadsl.Handler;
import payledger.metrics.LedgerMetrics;

/**
 * A read-model projection over one entity type, fed a group of envelopes at a time: it folds each
 * entity's events of the group into its state (the entity's own event handler), then writes the
 * group's net changes ({@link #writeGroup}: by default each entity's at once; the order projection
 * writes the whole group's rows partition by partition), and the projection stores its offset
 * after the group. A handler per event waited for three or four Cassandra round trips per event;
 * per group it waits for them once.
 *
 * <p>At-least-once: an event at or below the entity's stored fold was applied already and is
 * skipped (also within a group); every write is an idempotent upsert, and the folds are written
 * last, so a failure half-way is repaired by the redelivery. Entities of one group never share a
 * row.
 */
abstract class FoldingHandler<E, S> extends Handler<List<EventEnvelope<E>>> {

  /**
   * One entity's part of a group: its fold before (at {@code fromSeqNr}), the events applied (with
   * their sequence numbers, {@code seqNrs}), its fold after (at {@code seqNr}).
   */
  record Step<E, S>(String id, S before, long fromSeqNr, List<E> events, List<Long> seqNrs, S after,
      long seqNr) {}

  private final String projection;
  /**
   * Folds kept per instance: an order's events mostly come within seconds of each other (registered,
   * paid, receipt issued and delivered), and 2,000 orders is over a minute of them at saturation.
   * 10,000 held ~350 MB of order states over eight instances in the 10-minute soak.
   */
  private final Folds<S> folds = new Folds<>(2_000);

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

  /** Writes a group's steps: each entity's at once, unless overridden. */
  protected CompletionStage<Done> writeGroup(List<Step<E, S>> steps) {
    return CompletableFuture.allOf(steps.stream()
            .map(s -> write(s.before(), s.events(), s.after(), s.seqNr()).toCompletableFuture())
            .toArray(CompletableFuture[]::new))
        .thenApply(v -> Done.getInstance());
  }

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
    List<CompletableFuture<Done>> written = new ArrayList<>();
    if (writeEachEvent()) {
      byEntity.forEach((id, events) -> written.add(fold(id)
          .thenCompose(fold -> eachEvent(id, fold, events)).toCompletableFuture()));
    } else {
      List<CompletableFuture<Step<E, S>>> steps = new ArrayList<>();
      byEntity.forEach((id, events) -> steps.add(fold(id)
          .thenApply(fold -> step(id, fold, events)).toCompletableFuture()));
      written.add(CompletableFuture.allOf(steps.toArray(CompletableFuture[]::new)).thenCompose(v -> {
        List<Step<E, S>> group = steps.stream().map(CompletableFuture::join)
            .filter(Objects::nonNull).toList();
        return group.isEmpty() ? CompletableFuture.completedFuture(Done.getInstance())
            : writeGroup(group).thenApply(done -> remember(group, envelopes));
      }));
    }
    return CompletableFuture.allOf(written.toArray(CompletableFuture[]::new))
        .thenApply(v -> Done.getInstance())
        .whenComplete((done, failure) -> {
          if (failure != null) {
            folds.clear(); // the restarted stream redelivers; re-read what was really written
          }
        });
  }

  /** The entity's events of the group above its fold, applied; null when there are none. */
  private Step<E, S> step(String id, ReadModelStore.Stored<S> fold, List<EventEnvelope<E>> events) {
    S state = fold.state();
    long seqNr = fold.seqNr();
    List<E> applied = new ArrayList<>();
    List<Long> seqNrs = new ArrayList<>();
    for (EventEnvelope<E> e : events) {
      if (e.sequenceNr() > seqNr) {
        state = apply(state, e.event());
        seqNr = e.sequenceNr();
        applied.add(e.event());
        seqNrs.add(seqNr);
      }
    }
    return applied.isEmpty() ? null
        : new Step<>(id, fold.state(), fold.seqNr(), applied, seqNrs, state, seqNr);
  }

  /** The folds just written, and the lag of the events they took in (not of redeliveries). */
  private Done remember(List<Step<E, S>> group, List<EventEnvelope<E>> envelopes) {
    Map<String, Step<E, S>> byId = new LinkedHashMap<>();
    group.forEach(s -> {
      folds.put(s.id(), new ReadModelStore.Stored<>(s.seqNr(), s.after()));
      byId.put(s.id(), s);
    });
    for (EventEnvelope<E> e : envelopes) {
      Step<E, S> step = byId.get(idOf(e.event()));
      if (step != null && e.sequenceNr() > step.fromSeqNr()) {
        LedgerMetrics.projectionLag(projection, e.timestamp());
      }
    }
    return Done.getInstance();
  }

  private CompletionStage<Done> eachEvent(String id, ReadModelStore.Stored<S> fold,
      List<EventEnvelope<E>> events) {
    CompletionStage<Done> chain = CompletableFuture.completedFuture(Done.getInstance());
    S before = fold.state();
    long seqNr = fold.seqNr();
    for (EventEnvelope<E> e : events) {
      if (e.sequenceNr() <= seqNr) {
        continue;
      }
      S from = before;
      S to = apply(from, e.event());
      chain = chain.thenCompose(done -> write(from, List.of(e.event()), to, e.sequenceNr())
          .thenApply(written -> {
            folds.put(id, new ReadModelStore.Stored<>(e.sequenceNr(), to));
            LedgerMetrics.projectionLag(projection, e.timestamp());
            return written;
          }));
      before = to;
      seqNr = e.sequenceNr();
    }
    return chain;
  }

  /**
   * True to write after each event of a group, one after the other, rather than once per entity
   * per group: for a projection whose rows also depend on another read model at write time.
   */
  protected boolean writeEachEvent() {
    return false;
  }

  private CompletionStage<ReadModelStore.Stored<S>> fold(String id) {
    ReadModelStore.Stored<S> cached = folds.get(id);
    if (cached != null) {
      return CompletableFuture.completedFuture(cached);
    }
    return load(id).thenApply(stored -> stored.orElseGet(() -> new ReadModelStore.Stored<>(0L, empty(id))));
  }
}
