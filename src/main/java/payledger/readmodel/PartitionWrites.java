package payledger.readmodel;

import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchableStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSession;

/**
 * Writes gathered by partition: the rows bound for one partition go as one unlogged batch — one
 * mutation for Cassandra however many orders of a projection group share that day, status or hour
 * — and a lone row as a plain write. An unlogged single-partition batch is applied atomically and
 * needs no batchlog; a batch here never spans partitions.
 */
final class PartitionWrites {

  /** Rows per batch: rows here are 100-250 bytes, so a batch stays near Cassandra's 5 KiB warning. */
  private static final int MAX_BATCH = 25;

  private record Row(String cql, Object[] values) {}

  private final Map<String, List<Row>> byPartition = new LinkedHashMap<>();

  /** @param partition the table and its partition key, e.g. {@code "rm_orders_by_day|2026-12-06"} */
  void add(String partition, String cql, Object... values) {
    byPartition.computeIfAbsent(partition, p -> new ArrayList<>()).add(new Row(cql, values));
  }

  CompletionStage<Done> execute(CassandraSession session) {
    List<CompletionStage<Done>> writes = new ArrayList<>();
    for (List<Row> rows : byPartition.values()) {
      for (int i = 0; i < rows.size(); i += MAX_BATCH) {
        List<Row> chunk = rows.subList(i, Math.min(rows.size(), i + MAX_BATCH));
        writes.add(chunk.size() == 1
            ? session.executeWrite(chunk.get(0).cql(), chunk.get(0).values())
            : batch(session, chunk));
      }
    }
    return CassandraReadModelStore.all(writes);
  }

  private static CompletionStage<Done> batch(CassandraSession session, List<Row> rows) {
    List<CompletableFuture<BoundStatement>> bound = rows.stream()
        .map(r -> session.prepare(r.cql()).thenApply(p -> p.bind(r.values())).toCompletableFuture())
        .toList();
    return CompletableFuture.allOf(bound.toArray(CompletableFuture[]::new))
        .thenCompose(v -> session.executeWriteBatch(BatchStatement.newInstance(
            DefaultBatchType.UNLOGGED,
            bound.stream().map(CompletableFuture::join).toArray(BatchableStatement[]::new))));
  }
}
