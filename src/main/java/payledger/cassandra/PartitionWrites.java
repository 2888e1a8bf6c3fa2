package payledger.cassandra;

import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchableStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import java.nio.ByteBuffer;
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
public final class PartitionWrites {

  /**
   * A batch's bounds: rows of the read models are 100-250 bytes, so 25 of them stay near Cassandra's
   * 5 KiB warning; larger rows (a notification with its receipt) are cut by size, well below the
   * 16 KiB warning set in cassandra.yaml and the 50 KiB refusal.
   */
  private static final int MAX_ROWS = 25;
  private static final int MAX_BYTES = 12 * 1024;

  private record Row(String cql, Object[] values, int bytes) {}

  private final Map<String, List<Row>> byPartition = new LinkedHashMap<>();

  /** @param partition the table and its partition key, e.g. {@code "rm_open_discrepancies_hour|2026-12-06T13"} */
  public void add(String partition, String cql, Object... values) {
    byPartition.computeIfAbsent(partition, p -> new ArrayList<>()).add(new Row(cql, values, size(values)));
  }

  public CompletionStage<Done> execute(CassandraSession session) {
    List<CompletableFuture<Done>> writes = new ArrayList<>();
    for (List<Row> rows : byPartition.values()) {
      for (List<Row> chunk : chunks(rows)) {
        writes.add((chunk.size() == 1
            ? session.executeWrite(chunk.get(0).cql(), chunk.get(0).values())
            : batch(session, chunk)).toCompletableFuture());
      }
    }
    return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new))
        .thenApply(v -> Done.getInstance());
  }

  private static List<List<Row>> chunks(List<Row> rows) {
    return cut(rows, Row::bytes, MAX_ROWS, MAX_BYTES);
  }

  /**
   * A partition's rows cut into batches of at most {@code maxRows} rows and, but for a lone larger
   * row, {@code maxBytes} bytes (by {@code bytes} of each), in their order.
   */
  public static <R> List<List<R>> cut(List<R> rows, java.util.function.ToIntFunction<R> bytes,
      int maxRows, int maxBytes) {
    List<List<R>> chunks = new ArrayList<>();
    List<R> chunk = new ArrayList<>();
    int size = 0;
    for (R row : rows) {
      int b = bytes.applyAsInt(row);
      if (!chunk.isEmpty() && (chunk.size() == maxRows || size + b > maxBytes)) {
        chunks.add(chunk);
        chunk = new ArrayList<>();
        size = 0;
      }
      chunk.add(row);
      size += b;
    }
    if (!chunk.isEmpty()) {
      chunks.add(chunk);
    }
    return chunks;
  }

  /** About the bytes a row's values take: text and blobs by their length, the rest a few bytes. */
  private static int size(Object[] values) {
    int bytes = 0;
    for (Object v : values) {
      bytes += v instanceof CharSequence text ? text.length()
          : v instanceof ByteBuffer blob ? blob.remaining() : 16;
    }
    return bytes;
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
