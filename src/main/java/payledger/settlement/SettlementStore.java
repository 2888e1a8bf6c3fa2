package payledger.settlement;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.javadsl.Source;

/** Where imports and their lines are kept (Cassandra in the service, memory in unit tests). */
public interface SettlementStore {

  /** Lines are kept in partitions of this many, by their ordinal in the file. */
  int PART = 10_000;

  CompletionStage<Optional<ImportRecord>> findImport(String importId);

  /** The imports that completed the given batches ({@code gateway/batch} → import id). */
  CompletionStage<Map<String, String>> batchOwners(Set<String> batchKeys);

  /** Records an import as staging (overwriting an abandoned staging of the same file). */
  CompletionStage<Done> begin(ImportRecord staging);

  /**
   * Stages one chunk of lines: consecutive ordinals from {@code firstOrdinal}, a multiple of
   * {@link #PART}, at most {@code PART} of them (written again whole when the import is staged again).
   */
  CompletionStage<Done> stage(String importId, long firstOrdinal, List<SettlementLine> lines);

  /** How many lines are staged so far (progress for readers). */
  CompletionStage<Done> progress(String importId, long staged);

  /** How many lines the import's reconciliation run has matched so far (progress for readers). */
  CompletionStage<Done> reconciled(String importId, long lines);

  /** Records why the import's staging or run failed; {@code null} clears it (the import goes on again). */
  CompletionStage<Done> fail(String importId, String reason);

  /** Claims the import's batches, then marks the import complete: the last write of an import. */
  CompletionStage<Done> complete(ImportRecord completed);

  /** A complete import's lines in file order, streamed. */
  Source<SettlementLine, NotUsed> lines(ImportRecord imported);

  /** The ledger's payments, refunds and chargebacks (from the settlement projection), upserted. */
  CompletionStage<Done> recordPayments(List<LedgerPayment> payments);

  /** The ledger's events for one gateway payment id. */
  CompletionStage<List<LedgerPayment>> ledger(String gateway, String paymentId);

  /**
   * The ledger's events for many payment ids of one gateway, read together (a run looks up a
   * chunk of lines at once): payment id → its events; an id the ledger does not know is absent.
   */
  CompletionStage<Map<String, List<LedgerPayment>>> ledger(String gateway, Collection<String> paymentIds);

  /**
   * The succeeded payments of a gateway journaled on a UTC day ({@code yyyy-MM-dd}), in order of
   * payment id then event key as Cassandra orders text (code points): the run merge-joins them.
   */
  Source<LedgerPayment, NotUsed> paymentsOn(String day, String gateway);

  /** The succeeded payments of a gateway journaled on a UTC day that no import settled. */
  Source<LedgerPayment, NotUsed> unsettledOn(String day, String gateway);

  /**
   * A run's matched lines under their orders: per bucket of orders and month, the group's parts
   * (sorted blobs, {@link OrderLineSets}), each stamped with the run's instant and the group's part
   * count, so a re-run rewrites the same parts and a shorter one's leftovers are ignored.
   */
  CompletionStage<Done> saveOrderLines(String importId, java.time.Instant runAt,
      List<SetParts.Group<OrderLineSets.Key>> groups);

  /**
   * The ledger events a run settled: per journal day and gateway, the group's parts (sorted blobs,
   * {@link SettledSets}), stamped as {@link #saveOrderLines}'s.
   */
  CompletionStage<Done> saveSettledSets(String importId, java.time.Instant runAt,
      List<SetParts.Group<SettledSets.Day>> groups);

  /** The settled lines of an order, from every complete import's run. */
  CompletionStage<OrderSettlement> orderSettlement(String orderId);

  /** Whether an import settled the ledger event before settled sets and days were kept. */
  CompletionStage<Boolean> settled(LedgerPayment payment);

  /** A run's findings, upserted by their ids. */
  CompletionStage<Done> saveFindings(String importId, List<Finding> findings);

  /** A run's KPI rows by day (upserted: a re-run writes the same rows), before its figures. */
  CompletionStage<Done> saveKpis(String importId, List<SettlementKpis.Row> rows);

  /** Every import's KPI rows of one UTC day ({@code yyyy-MM-dd}). */
  CompletionStage<List<SettlementKpis.Row>> kpis(String day);

  /** A run's figures (JSON), written after its findings. */
  CompletionStage<Done> saveRun(String importId, String summaryJson);

  /** A run's figures, when the run finished. */
  CompletionStage<Optional<String>> run(String importId);

  /** A run's findings. */
  Source<Finding, NotUsed> findings(String importId);
}
