package payledger.readmodel;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;

/**
 * {@link KpiStore} and {@link ReadModelStore} in memory, for the tallies' unit
 * tests: it keeps folds and facts as the Cassandra stores do, counts the tallies' batches and can
 * fail the next group's folds (a crash after the tallies' batch, before the folds).
 */
final class MemoryKpiStore implements KpiStore, ReadModelStore {

  final Map<String, Map<KpiSummary.Key, Tally>> tallies = new TreeMap<>();
  final Map<String, Head> heads = new TreeMap<>();
  final Map<String, KpiFact> facts = new LinkedHashMap<>();
  final Map<String, Stored<payledger.order.OrderState>> views = new LinkedHashMap<>();
  final Map<String, Stored<payledger.dispute.DisputeCase>> cases = new LinkedHashMap<>();
  /** Every order's payment method and gateway, as the order read model knows them. */
  Dims dims = Dims.NONE;
  /** The tallies' batches written, and their rows. */
  int batches;
  int batchRows;
  boolean failNextFolds;

  @Override
  public synchronized CompletionStage<Head> head(String tag) {
    return done(heads.getOrDefault(tag, new Head(new LinkedHashMap<>(), null)));
  }

  @Override
  public synchronized CompletionStage<Map<Dims, Tally>> tallies(String tag, String day) {
    Map<Dims, Tally> found = new LinkedHashMap<>();
    tallies.getOrDefault(tag, Map.of()).forEach((k, t) -> {
      if (k.day().equals(day)) {
        found.put(k.dims(), t);
      }
    });
    return done(found);
  }

  @Override
  public synchronized CompletionStage<Done> writeTallies(String tag, Map<KpiSummary.Key, Tally> rows,
      Map<String, Long> pending, String since) {
    batches++;
    batchRows += rows.size();
    Map<KpiSummary.Key, Tally> kept = tallies.computeIfAbsent(tag, t -> new LinkedHashMap<>());
    rows.forEach((k, t) -> {
      if (t.isEmpty()) {
        kept.remove(k);
      } else {
        kept.put(k, new Tally(t.counts(), t.openDue(), t.histograms()));
      }
    });
    Head old = heads.get(tag);
    heads.put(tag, new Head(new LinkedHashMap<>(pending), since != null ? since : old == null ? null : old.since()));
    return done(Done.getInstance());
  }

  @Override
  public synchronized CompletionStage<List<KpiFact>> facts(String day, int shard) {
    return done(facts.values().stream().filter(f -> f.day().equals(day) && f.shard() == shard).toList());
  }

  @Override
  public synchronized CompletionStage<Optional<KpiFact>> fact(String day, int shard, KpiFact.Kind kind, String itemId) {
    return done(Optional.ofNullable(facts.get(day + "|" + shard + "|" + kind + "|" + itemId)));
  }

  @Override
  public synchronized CompletionStage<List<FactPartition>> factPartitions() {
    return done(facts.values().stream().map(f -> new FactPartition(f.day(), f.shard())).distinct().toList());
  }

  @Override
  public synchronized CompletionStage<List<Daily>> daily(LocalDate day) {
    Map<Dims, Tally> sum = new LinkedHashMap<>();
    tallies.values().forEach(rows -> rows.forEach((k, t) -> {
      if (k.day().equals(day.toString())) {
        sum.merge(k.dims(), t, Tally::plus);
      }
    }));
    List<Daily> rows = new ArrayList<>();
    sum.forEach((dims, t) -> rows.add(new Daily(day, dims, t)));
    return done(rows);
  }

  /** A day's figures as the report reads them. */
  synchronized Tally day(String day) {
    Tally total = new Tally();
    for (Daily d : daily(LocalDate.parse(day)).toCompletableFuture().join()) {
      total = total.plus(d.tally());
    }
    return total;
  }

  /** A day's figures as the former aggregator computed them: from every fact of the day. */
  synchronized Tally summaryOfFacts(String day) {
    Tally total = new Tally();
    for (Tally t : KpiSummary.of(facts.values().stream().filter(f -> f.day().equals(day)).toList()).values()) {
      total = total.plus(t);
    }
    return total;
  }

  @Override
  public synchronized CompletionStage<Optional<Stored<payledger.order.OrderState>>> orderView(String orderId) {
    return done(Optional.ofNullable(views.get(orderId)));
  }

  @Override
  public synchronized CompletionStage<Done> applyOrders(List<OrderWrite> group) {
    group.forEach(w -> w.changes().facts().forEach(f -> facts.put(f.key(), f)));
    if (failNextFolds) {
      failNextFolds = false;
      return CompletableFuture.failedFuture(new IllegalStateException("crash before the folds"));
    }
    group.forEach(w -> views.put(w.changes().after().orderId(), new Stored<>(w.seqNr(), w.changes().after())));
    return done(Done.getInstance());
  }

  @Override
  public synchronized CompletionStage<Optional<Stored<payledger.dispute.DisputeCase>>> disputeView(String disputeId) {
    return done(Optional.ofNullable(cases.get(disputeId)));
  }

  @Override
  public synchronized CompletionStage<Dims> orderDims(String orderId) {
    return done(dims);
  }

  @Override
  public synchronized CompletionStage<Done> applyDispute(DisputeReadModel.Changes changes, long seqNr) {
    changes.facts().forEach(f -> facts.put(f.key(), f));
    cases.put(changes.after().disputeId(), new Stored<>(seqNr, changes.after()));
    return done(Done.getInstance());
  }

  private static <T> CompletionStage<T> done(T value) {
    return CompletableFuture.completedFuture(value);
  }
}
