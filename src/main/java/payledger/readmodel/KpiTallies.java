package payledger.readmodel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;
import org.apache.pekko.Done;

/**
 * The KPI tallies one read-model projection instance keeps for its tag, updated with each group
 * instead of re-read from the facts: the instance adds what each fold changed
 * ({@link KpiSummary#delta} of the item's facts before and after) to the rows it keeps in memory,
 * and writes the changed rows as one single-partition batch per group, before the group's folds.
 *
 * <p>At-least-once: the batch also records the items it moved and to which sequence number
 * ({@code pending}), so an item whose fold was not written after its tally (a crash between the
 * two) is known to be tallied further than its fold: a redelivery adds only what lies beyond.
 * Everything at or below an item's fold or pending number was tallied, so redeliveries and a
 * replay from offset zero add nothing. The batch is atomic, so the rows and {@code pending} never
 * disagree; after a failure the instance forgets what it kept and reads it again.
 *
 * <p>A tag whose tallies were never started (a keyspace of the former version, or one just
 * rebuilt) starts them from the facts of its items before its first group. Updates run one at a
 * time ({@link #update}): the dispute projection writes several cases of a group at once.
 */
final class KpiTallies {

  /** Days kept in memory (the recent ones; older days are read again when touched). */
  private static final int DAYS_KEPT = 62;

  private static final int ROWS_PER_BATCH = 50;

  private final KpiStore store;
  private final String tag;
  private final Predicate<KpiFact> ofTag;
  private final Map<String, Map<ReadModelStore.Dims, Tally>> days = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Map<ReadModelStore.Dims, Tally>> eldest) {
      return size() > DAYS_KEPT;
    }
  };
  /** Item to the sequence number it is tallied up to, beyond its fold maybe; null until read. */
  private Map<String, Long> pending;

  /** @param ofTag the facts of this tag's items (to start the tallies from the facts) */
  KpiTallies(KpiStore store, String tag, Predicate<KpiFact> ofTag) {
    this.store = store;
    this.tag = tag;
    this.ofTag = ofTag;
  }

  /** One update's result: the items that moved (to the sequence number of their fold) and the change. */
  record Group(Map<String, Long> items, Map<KpiSummary.Key, KpiSummary.Change> changes) {}

  /** How far the tallies hold an item: its fold's sequence number, or later when pending. */
  @FunctionalInterface
  interface Tallied {
    long upTo(String itemId, long foldSeqNr);
  }

  private CompletableFuture<?> tail = CompletableFuture.completedFuture(null);

  /**
   * Computes a group's change from what the tallies hold ({@code compute}, which may read the
   * store) and writes it in one batch, after every update before it; the first after a start or a
   * failure reads what the tallies hold (and starts them from the facts when never started).
   */
  synchronized CompletionStage<Done> update(java.util.function.Function<Tallied, CompletionStage<Group>> compute) {
    CompletableFuture<Done> next = tail.handle((x, failure) -> Done.getInstance())
        .thenCompose(x -> ready())
        .thenCompose(x -> compute.apply(this::talliedUpTo))
        .thenCompose(this::apply)
        .toCompletableFuture();
    tail = next;
    return next;
  }

  private CompletionStage<Done> ready() {
    if (pending() != null) {
      return CompletableFuture.completedFuture(Done.getInstance());
    }
    return store.head(tag).thenCompose(head -> (head.since() != null
            ? CompletableFuture.completedFuture(head.pending())
            : startFromFacts().thenApply(done -> new LinkedHashMap<String, Long>()))
        .thenApply(p -> {
          synchronized (this) {
            pending = new LinkedHashMap<>(p);
          }
          return Done.getInstance();
        }));
  }

  private synchronized Map<String, Long> pending() {
    return pending;
  }

  private synchronized long talliedUpTo(String itemId, long foldSeqNr) {
    if (pending == null) {
      throw new IllegalStateException("the KPI tallies of " + tag + " were reset meanwhile");
    }
    return Math.max(foldSeqNr, pending.getOrDefault(itemId, 0L));
  }

  /** One batch; kept in memory once written, everything read again if it may not have been. */
  private CompletionStage<Done> apply(Group g) {
    if (g.changes().isEmpty()) {
      return CompletableFuture.completedFuture(Done.getInstance());
    }
    Map<String, CompletableFuture<Map<ReadModelStore.Dims, Tally>>> touched = new LinkedHashMap<>();
    synchronized (this) {
      g.changes().keySet().forEach(k -> touched.computeIfAbsent(k.day(), day -> {
        Map<ReadModelStore.Dims, Tally> kept = days.get(day);
        return kept != null ? CompletableFuture.completedFuture(kept)
            : store.tallies(tag, day).toCompletableFuture();
      }));
    }
    return CompletableFuture.allOf(touched.values().toArray(CompletableFuture[]::new)).thenCompose(v -> {
      Map<String, Map<ReadModelStore.Dims, Tally>> group = new HashMap<>();
      touched.forEach((day, f) -> group.put(day, new HashMap<>(f.join())));
      Map<KpiSummary.Key, Tally> rows = new LinkedHashMap<>();
      g.changes().forEach((key, change) -> {
        Tally now = change.applyTo(group.get(key.day()).getOrDefault(key.dims(), new Tally()));
        group.get(key.day()).put(key.dims(), now);
        rows.put(key, now);
      });
      Map<String, Long> before;
      synchronized (this) {
        before = new LinkedHashMap<>(pending);
      }
      Map<String, Long> nowPending = new LinkedHashMap<>(before);
      g.items().forEach((id, seqNr) -> nowPending.merge(id, seqNr, Math::max));
      return store.writeTallies(tag, rows, nowPending, null).whenComplete((done, failure) -> {
        synchronized (this) {
          if (failure != null || pending == null) {
            reset(); // the batch may or may not be in: read everything again
            return;
          }
          group.forEach((day, tallies) -> {
            tallies.values().removeIf(Tally::isEmpty);
            days.put(day, tallies);
          });
          // items whose folds were written meanwhile (another case of the group) stay confirmed
          before.keySet().forEach(id -> {
            if (!pending.containsKey(id) && !g.items().containsKey(id)) {
              nowPending.remove(id);
            }
          });
          pending = nowPending;
        }
      });
    });
  }

  /** A group's folds are written, each at the given sequence number: pending no longer. */
  synchronized void written(Map<String, Long> folds) {
    if (pending != null) {
      folds.forEach((id, seqNr) -> pending.computeIfPresent(id, (k, p) -> p <= seqNr ? null : p));
    }
  }

  /** After a (re)start or a failure: what is kept may differ from what is stored. */
  synchronized void reset() {
    pending = null;
    days.clear();
  }

  /** The tallies of this tag's facts, written in batches, {@code since} last. */
  private CompletionStage<Done> startFromFacts() {
    Map<KpiSummary.Key, Tally> sums = new LinkedHashMap<>();
    return store.factPartitions().thenCompose(partitions -> {
      CompletionStage<Done> read = CompletableFuture.completedFuture(Done.getInstance());
      for (KpiStore.FactPartition p : partitions) {
        read = read.thenCompose(d -> store.facts(p.day(), p.shard()).thenApply(facts -> {
          KpiSummary.byKey(facts.stream().filter(ofTag).toList()).forEach((k, t) -> sums.merge(k, t, Tally::plus));
          return Done.getInstance();
        }));
      }
      return read;
    }).thenCompose(done -> {
      List<Map<KpiSummary.Key, Tally>> batches = new ArrayList<>();
      sums.forEach((key, tally) -> {
        if (batches.isEmpty() || batches.get(batches.size() - 1).size() == ROWS_PER_BATCH) {
          batches.add(new LinkedHashMap<>());
        }
        batches.get(batches.size() - 1).put(key, tally);
      });
      CompletionStage<Done> written = CompletableFuture.completedFuture(Done.getInstance());
      for (Map<KpiSummary.Key, Tally> batch : batches) {
        written = written.thenCompose(d -> store.writeTallies(tag, batch, Map.of(), null));
      }
      return written.thenCompose(d -> store.writeTallies(tag, Map.of(), Map.of(), Instant.now().toString()));
    });
  }
}
