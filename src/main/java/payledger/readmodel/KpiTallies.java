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
 * rebuilt) starts them from the facts of its items before its first group ({@link #ready}). Not
 * thread-safe: a projection hands its handler one group at a time.
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

  /** Reads what the tallies hold besides their rows, once after each start or failure. */
  CompletionStage<Done> ready() {
    if (pending != null) {
      return CompletableFuture.completedFuture(Done.getInstance());
    }
    return store.head(tag).thenCompose(head -> (head.since() != null
            ? CompletableFuture.completedFuture(head.pending())
            : startFromFacts().thenApply(done -> new LinkedHashMap<String, Long>()))
        .thenApply(p -> {
          pending = new LinkedHashMap<>(p);
          return Done.getInstance();
        }));
  }

  /** The sequence number up to which an item is in the tallies: its fold's, or later when pending. */
  long talliedUpTo(String itemId, long foldSeqNr) {
    return Math.max(foldSeqNr, pending.getOrDefault(itemId, 0L));
  }

  /**
   * Applies one group's changes: {@code items} the items that moved, each with the sequence number
   * its fold is now at. One batch; kept in memory once written.
   */
  CompletionStage<Done> apply(Map<String, Long> items, Map<KpiSummary.Key, KpiSummary.Change> changes) {
    if (changes.isEmpty()) {
      return CompletableFuture.completedFuture(Done.getInstance());
    }
    Map<String, CompletableFuture<Map<ReadModelStore.Dims, Tally>>> touched = new LinkedHashMap<>();
    changes.keySet().forEach(k -> touched.computeIfAbsent(k.day(), day -> {
      Map<ReadModelStore.Dims, Tally> kept = days.get(day);
      return kept != null ? CompletableFuture.completedFuture(kept)
          : store.tallies(tag, day).toCompletableFuture();
    }));
    return CompletableFuture.allOf(touched.values().toArray(CompletableFuture[]::new)).thenCompose(v -> {
      Map<String, Map<ReadModelStore.Dims, Tally>> group = new HashMap<>();
      touched.forEach((day, f) -> group.put(day, new HashMap<>(f.join())));
      Map<KpiSummary.Key, Tally> rows = new LinkedHashMap<>();
      changes.forEach((key, change) -> {
        Tally now = change.applyTo(group.get(key.day()).getOrDefault(key.dims(), new Tally()));
        group.get(key.day()).put(key.dims(), now);
        rows.put(key, now);
      });
      Map<String, Long> nowPending = new LinkedHashMap<>(pending);
      items.forEach((id, seqNr) -> nowPending.merge(id, seqNr, Math::max));
      return store.writeTallies(tag, rows, nowPending, null).thenApply(done -> {
        group.forEach((day, tallies) -> {
          tallies.values().removeIf(Tally::isEmpty);
          days.put(day, tallies);
        });
        pending = nowPending;
        return done;
      });
    });
  }

  /** A group's folds are written, each at the given sequence number: pending no longer. */
  void written(Map<String, Long> folds) {
    if (pending != null) {
      folds.forEach((id, seqNr) -> pending.computeIfPresent(id, (k, p) -> p <= seqNr ? null : p));
    }
  }

  /** After a (re)start or a failure: what is kept may differ from what is stored. */
  void reset() {
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
