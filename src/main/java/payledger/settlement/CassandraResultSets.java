package payledger.settlement;

import com.datastax.oss.driver.api.core.cql.Row;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSession;
import org.apache.pekko.stream.javadsl.Source;

/**
 * A run's results as blobs in Cassandra: {@code stl_order_line_sets} (order lines per bucket of
 * orders and month, with {@code stl_order_line_months}, the months a bucket has) and
 * {@code stl_settled_sets} (settled events per journal day and gateway). One row per part; each
 * import's newest run is read ({@link SetParts#current}), a part's body only when it is needed.
 */
final class CassandraResultSets {

  private final CassandraSession session;
  private final String ks;
  private final int inFlight;

  CassandraResultSets(CassandraSession session, String keyspace, int inFlight) {
    this.session = session;
    this.ks = keyspace;
    this.inFlight = inFlight;
  }

  /** The months first (a reader looks for parts only in a bucket's known months), then the parts. */
  CompletionStage<Done> saveOrderLines(String importId, Instant runAt, List<SetParts.Group<OrderLineSets.Key>> groups) {
    SettlementWrites months = new SettlementWrites();
    SettlementWrites parts = new SettlementWrites();
    for (SetParts.Group<OrderLineSets.Key> g : groups) {
      int bucket = g.key().bucket();
      String month = g.key().month();
      months.add("stl_order_line_months|" + bucket, "INSERT INTO " + ks + ".stl_order_line_months (bucket, month)"
          + " VALUES (?, ?)", bucket, month);
      for (int i = 0; i < g.parts().size(); i++) {
        SetParts.Part p = g.parts().get(i);
        parts.add("stl_order_line_sets|" + bucket + "|" + month, "INSERT INTO " + ks + ".stl_order_line_sets"
            + " (bucket, month, import_id, part, parts, run_at, first_order, last_order, lines, body)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", bucket, month, importId, i, g.parts().size(), runAt,
            p.first(), p.last(), p.records(), ByteBuffer.wrap(p.body()));
      }
    }
    return months.execute(session, inFlight).thenCompose(done -> parts.execute(session, inFlight));
  }

  CompletionStage<Done> saveSettledSets(String importId, Instant runAt, List<SetParts.Group<SettledSets.Day>> groups) {
    SettlementWrites parts = new SettlementWrites();
    for (SetParts.Group<SettledSets.Day> g : groups) {
      for (int i = 0; i < g.parts().size(); i++) {
        SetParts.Part p = g.parts().get(i);
        parts.add("stl_settled_sets|" + g.key().day() + "|" + g.key().gateway(), "INSERT INTO " + ks
            + ".stl_settled_sets (day, gateway, import_id, part, parts, run_at, keys, body)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", g.key().day(), g.key().gateway(), importId, i,
            g.parts().size(), runAt, p.records(), ByteBuffer.wrap(p.body()));
      }
    }
    return parts.execute(session, inFlight);
  }

  /** The order's lines in every current part of its bucket, over the bucket's months. */
  CompletionStage<List<OrderSettlement.Line>> orderLines(String orderId) {
    int bucket = OrderLineSets.bucket(orderId);
    return session.selectAll("SELECT month FROM " + ks + ".stl_order_line_months WHERE bucket = ?", bucket)
        .thenCompose(months -> {
          List<CompletableFuture<List<OrderSettlement.Line>>> reads = new ArrayList<>();
          for (Row m : months) {
            reads.add(orderLines(bucket, m.getString("month"), orderId).toCompletableFuture());
          }
          return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenApply(v -> {
            List<OrderSettlement.Line> lines = new ArrayList<>();
            reads.forEach(r -> lines.addAll(r.join()));
            return lines;
          });
        });
  }

  private CompletionStage<List<OrderSettlement.Line>> orderLines(int bucket, String month, String orderId) {
    return session.selectAll("SELECT import_id, part, parts, run_at, first_order, last_order FROM " + ks
            + ".stl_order_line_sets WHERE bucket = ? AND month = ?", bucket, month)
        .thenCompose(rows -> {
          List<CompletableFuture<List<OrderSettlement.Line>>> reads = new ArrayList<>();
          for (SetParts.Stored part : SetParts.current(rows.stream().map(r -> stored(r, "first_order", "last_order"))
              .toList())) {
            if (part.covers(orderId)) {
              reads.add(session.selectOne("SELECT body FROM " + ks + ".stl_order_line_sets WHERE bucket = ?"
                      + " AND month = ? AND import_id = ? AND part = ?", bucket, month, part.importId(), part.part())
                  .thenApply(row -> row.map(r -> OrderLineSets.decode(bytes(r.getByteBuffer("body")), bucket, month,
                          part.importId(), orderId).stream().map(OrderLineSets.Entry::line).toList())
                      .orElse(List.of()))
                  .toCompletableFuture());
            }
          }
          return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenApply(v -> {
            List<OrderSettlement.Line> lines = new ArrayList<>();
            reads.forEach(r -> lines.addAll(r.join()));
            return lines;
          });
        });
  }

  /**
   * The events the day's current settled sets hold, in {@link SettledJoin#ORDER}: each import's
   * parts read one after the other (each sorted, in order), the imports merged.
   */
  Source<SettledJoin.Item, NotUsed> settledOn(String day, String gateway) {
    return Source.completionStage(session.selectAll("SELECT import_id, part, parts, run_at FROM " + ks
            + ".stl_settled_sets WHERE day = ? AND gateway = ?", day, gateway))
        .flatMapConcat(rows -> {
          Map<String, List<SetParts.Stored>> byImport = new LinkedHashMap<>();
          for (SetParts.Stored s : SetParts.current(rows.stream().map(r -> stored(r, null, null)).toList())) {
            byImport.computeIfAbsent(s.importId(), k -> new ArrayList<>()).add(s);
          }
          Source<SettledJoin.Item, NotUsed> merged = Source.empty();
          for (List<SetParts.Stored> parts : byImport.values()) {
            merged = merged.mergeSorted(settledParts(day, gateway, parts), SettledJoin.ORDER);
          }
          return merged;
        });
  }

  private Source<SettledJoin.Item, NotUsed> settledParts(String day, String gateway, List<SetParts.Stored> parts) {
    return Source.from(parts)
        .mapAsync(1, part -> session.selectOne("SELECT body FROM " + ks + ".stl_settled_sets WHERE day = ?"
            + " AND gateway = ? AND import_id = ? AND part = ?", day, gateway, part.importId(), part.part()))
        .mapConcat(row -> row.map(r -> SettledSets.decode(bytes(r.getByteBuffer("body")), day, gateway).stream()
            .map(k -> SettledJoin.Item.settled(k.paymentId(), k.eventKey())).toList()).orElse(List.of()));
  }

  private static SetParts.Stored stored(Row r, String first, String last) {
    return new SetParts.Stored(r.getString("import_id"), r.getInt("part"), r.getInt("parts"),
        r.getInstant("run_at"), first == null ? "" : r.getString(first), last == null ? "" : r.getString(last));
  }

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.duplicate().get(bytes);
    return bytes;
  }
}
