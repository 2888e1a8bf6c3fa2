package payledger.settlement;

import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchableStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.servererrors.OverloadedException;
import com.datastax.oss.driver.api.core.servererrors.WriteTimeoutException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.Done;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSession;
import payledger.cassandra.PartitionWrites;

/**
 * The settlement's bulk writes: rows gathered by partition, each partition's rows sent as
 * unlogged one-partition batches (one mutation each, cut by rows and bytes below the batch size
 * warning), a bounded number of requests in flight, a batch the busy node timed out on written
 * again (upserts: idempotent). A null value is left <em>unset</em>, never bound: a bound null
 * writes a tombstone, an unset value writes nothing.
 */
final class SettlementWrites {

  /** Rows per batch: the settlement rows are 40-300 bytes; the bytes bound cuts the larger ones. */
  private static final int MAX_ROWS = 100;
  /** Below the 16 KiB batch warning of cassandra.yaml and far below the refusal. */
  private static final int MAX_BYTES = 12 * 1024;

  /** Tries of one batch when the node times out or is overloaded. */
  private static final int ATTEMPTS = 4;

  private record Row(String cql, Object[] values, int bytes) {}

  private final Map<String, List<Row>> byPartition = new LinkedHashMap<>();
  private int rows;

  /** @param partition the table and its partition key, e.g. {@code "stl_lines|stl-..|3"} */
  void add(String partition, String cql, Object... values) {
    byPartition.computeIfAbsent(partition, p -> new ArrayList<>()).add(new Row(cql, values, size(values)));
    rows++;
  }

  int rows() {
    return rows;
  }

  /** Every batch written, at most {@code inFlight} at once; fails with the first failure. */
  CompletionStage<Done> execute(CassandraSession session, int inFlight) {
    List<List<Row>> batches = new ArrayList<>();
    byPartition.values().forEach(partition -> batches.addAll(chunks(partition)));
    AtomicInteger next = new AtomicInteger();
    List<CompletableFuture<Done>> workers = new ArrayList<>();
    for (int w = 0; w < Math.min(Math.max(1, inFlight), batches.size()); w++) {
      workers.add(work(session, batches, next));
    }
    return CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).thenApply(v -> Done.getInstance());
  }

  /** One of the in-flight slots: takes the next batch until none is left. */
  private static CompletableFuture<Done> work(CassandraSession session, List<List<Row>> batches,
      AtomicInteger next) {
    int i = next.getAndIncrement();
    if (i >= batches.size()) {
      return CompletableFuture.completedFuture(Done.getInstance());
    }
    return write(session, batches.get(i), 1).thenCompose(done -> work(session, batches, next));
  }

  /**
   * A batch written; a write the node timed out on or refused as overloaded is written again, up to
   * {@link #ATTEMPTS} times a little later: every row here is an upsert of the same values, so a
   * write that did land and is written again changes nothing.
   */
  private static CompletableFuture<Done> write(CassandraSession session, List<Row> rows, int attempt) {
    return write(session, rows).toCompletableFuture().handle((done, e) -> {
      Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
          ? e.getCause() : e;
      if (e == null) {
        return CompletableFuture.completedFuture(done);
      }
      if (attempt < ATTEMPTS && (cause instanceof WriteTimeoutException || cause instanceof OverloadedException)) {
        return CompletableFuture.supplyAsync(() -> attempt, CompletableFuture.delayedExecutor(
                200L * attempt, java.util.concurrent.TimeUnit.MILLISECONDS))
            .thenCompose(a -> write(session, rows, a + 1));
      }
      return CompletableFuture.<Done>failedFuture(cause);
    }).thenCompose(f -> f);
  }

  private static CompletionStage<Done> write(CassandraSession session, List<Row> rows) {
    List<CompletableFuture<BoundStatement>> bound = rows.stream()
        .map(r -> session.prepare(r.cql()).thenApply(p -> unsetNulls(p.bind(r.values()), r.values()))
            .toCompletableFuture())
        .toList();
    return CompletableFuture.allOf(bound.toArray(CompletableFuture[]::new)).thenCompose(v -> bound.size() == 1
        ? session.executeWrite(bound.get(0).join())
        : session.executeWriteBatch(BatchStatement.newInstance(DefaultBatchType.UNLOGGED,
            bound.stream().map(CompletableFuture::join).toArray(BatchableStatement[]::new))));
  }

  private static BoundStatement unsetNulls(BoundStatement statement, Object[] values) {
    BoundStatement s = statement;
    for (int i = 0; i < values.length; i++) {
      if (values[i] == null) {
        s = s.unset(i);
      }
    }
    return s;
  }

  private static List<List<Row>> chunks(List<Row> rows) {
    return PartitionWrites.cut(rows, Row::bytes, MAX_ROWS, MAX_BYTES);
  }

  /** About the bytes a row's values take: text and blobs by their length, a list by its texts, the rest a few. */
  private static int size(Object[] values) {
    int bytes = 0;
    for (Object v : values) {
      if (v instanceof CharSequence text) {
        bytes += text.length() + 2;
      } else if (v instanceof List<?> list) {
        for (Object e : list) {
          bytes += String.valueOf(e).length() + 4;
        }
      } else if (v instanceof java.nio.ByteBuffer blob) {
        bytes += blob.remaining();
      } else if (v instanceof BigDecimal) {
        bytes += 16;
      } else if (v != null) {
        bytes += 8;
      }
    }
    return bytes;
  }
}
