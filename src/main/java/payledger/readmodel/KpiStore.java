package payledger.readmodel;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;

/**
 * The KPI tables behind the aggregator and the report: the facts of a (day, hour) partition, the
 * partitions whose summary is stale, and the daily summaries. The facts themselves are written
 * with the other read-model rows of a group ({@link ReadModelStore}). {@link CassandraKpiStore}
 * implements it.
 */
public interface KpiStore {

  /** A stale partition, with the write time of its mark (a later mark outlives its clearing). */
  record Dirty(String day, int shard, long markedAt) {}

  /** One summary row: a day's tally for one shard, payment method and gateway. */
  record Daily(LocalDate day, ReadModelStore.Dims dims, Tally tally) {}

  CompletionStage<List<Dirty>> dirty();

  CompletionStage<List<KpiFact>> facts(String day, int shard);

  /** Replaces the partition's summary rows with {@code tallies}. */
  CompletionStage<Done> replaceSummary(String day, int shard, Map<ReadModelStore.Dims, Tally> tallies);

  /** Clears a mark unless it was set again after {@code dirty} was read. */
  CompletionStage<Done> clear(Dirty dirty);

  /** Every summary row of one day (all shards, methods and gateways). */
  CompletionStage<List<Daily>> daily(LocalDate day);
}
