package payledger.readmodel;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;

/**
 * The KPI tables behind the projections' tallies and the report: the tallies each read-model
 * projection instance keeps for its tag ({@link KpiTallies}), read back per day for the report,
 * and the facts they were counted from (kept for the audit and to start the tallies of a keyspace
 * written before tallies existed). The facts themselves are written with the other read-model rows
 * of a group ({@link ReadModelStore}). {@link CassandraKpiStore} implements it.
 */
public interface KpiStore {

  /** The figures of one day, payment method and gateway. */
  record Daily(LocalDate day, ReadModelStore.Dims dims, Tally tally) {}

  /**
   * What a tag's tallies hold besides their rows: the items (order or case id to sequence number)
   * whose last change is in the tallies but maybe not yet in their folds, and when the tallies were
   * started (null: never, e.g. a keyspace of a version without tallies).
   */
  record Head(Map<String, Long> pending, String since) {}

  /** A partition of facts: a UTC day and hour. */
  record FactPartition(String day, int shard) {}

  CompletionStage<Head> head(String tag);

  /** The tallies of a tag for one day, by payment method and gateway. */
  CompletionStage<Map<ReadModelStore.Dims, Tally>> tallies(String tag, String day);

  /**
   * Writes the given rows of a tag's tallies (an empty tally deletes its row), its pending items
   * and, when not null, {@code since}: one single-partition batch, applied whole or not at all.
   */
  CompletionStage<Done> writeTallies(String tag, Map<KpiSummary.Key, Tally> rows, Map<String, Long> pending,
      String since);

  CompletionStage<List<KpiFact>> facts(String day, int shard);

  /** The stored fact of one item, as the report last counted it. */
  CompletionStage<Optional<KpiFact>> fact(String day, int shard, KpiFact.Kind kind, String itemId);

  /** Every partition of facts there is (a scan of the table: for starting tallies only). */
  CompletionStage<List<FactPartition>> factPartitions();

  /** The figures of one day (all tags, methods and gateways). */
  CompletionStage<List<Daily>> daily(LocalDate day);
}
