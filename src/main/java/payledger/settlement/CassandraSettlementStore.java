package payledger.settlement;

import com.datastax.oss.driver.api.core.cql.Row;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSession;
import org.apache.pekko.stream.javadsl.Source;
import payledger.cassandra.PartitionWrites;
import payledger.money.Money;

/**
 * {@link SettlementStore} on the settlement tables of {@code cassandra/read-side.cql}:
 * {@code stl_imports} (one row per import, its status written last), {@code stl_batches} (which
 * import completed a gateway's batch) and {@code stl_lines} (the lines, in partitions of
 * {@link SettlementStore#PART} by ordinal, so an import of any size is read a partition at a time).
 */
public final class CassandraSettlementStore implements SettlementStore {

  private final CassandraSession session;
  private final String ks;

  public CassandraSettlementStore(CassandraSession session, String keyspace) {
    this.session = session;
    this.ks = keyspace;
  }

  @Override
  public CompletionStage<Optional<ImportRecord>> findImport(String importId) {
    return session.selectOne("SELECT * FROM " + ks + ".stl_imports WHERE import_id = ?", importId)
        .thenApply(row -> row.map(CassandraSettlementStore::record));
  }

  @Override
  public CompletionStage<Map<String, String>> batchOwners(Set<String> batchKeys) {
    List<CompletableFuture<Optional<Row>>> reads = new ArrayList<>();
    List<String> keys = new ArrayList<>(batchKeys);
    for (String key : keys) {
      int slash = key.indexOf('/');
      reads.add(session.selectOne("SELECT import_id FROM " + ks + ".stl_batches WHERE gateway = ? AND batch_id = ?",
          key.substring(0, slash), key.substring(slash + 1)).toCompletableFuture());
    }
    return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenApply(v -> {
      Map<String, String> owners = new HashMap<>();
      for (int i = 0; i < keys.size(); i++) {
        String key = keys.get(i);
        reads.get(i).join().ifPresent(r -> owners.put(key, r.getString("import_id")));
      }
      return owners;
    });
  }

  @Override
  public CompletionStage<Done> begin(ImportRecord r) {
    return session.executeWrite("INSERT INTO " + ks + ".stl_imports (import_id, sha256, file_name, layout,"
            + " status, lines, staged, batches, started_at, completed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, null)",
        r.importId(), r.sha256(), r.fileName(), r.layout(), r.status().name(), r.lines(), r.staged(),
        r.batches(), r.startedAt());
  }

  @Override
  public CompletionStage<Done> stage(String importId, long firstOrdinal, List<SettlementLine> lines) {
    PartitionWrites writes = new PartitionWrites();
    String cql = "INSERT INTO " + ks + ".stl_lines (import_id, part, ordinal, line, gateway, batch_id,"
        + " line_id, kind, refs, merchant_ref, method, occurred_at, gross, gross_currency, fee, net,"
        + " net_currency, rate) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    long ordinal = firstOrdinal;
    for (SettlementLine l : lines) {
      int part = (int) (ordinal / PART);
      writes.add("stl_lines|" + importId + "|" + part, cql, importId, part, ordinal, l.line(),
          l.gateway(), l.batch(), l.lineId(), l.kind().name(), l.references(), l.merchantReference(),
          l.method(), l.occurredAt(), l.gross().value(), l.gross().currency(), l.fee().value(),
          l.net().value(), l.net().currency(), l.exchangeRate());
      ordinal++;
    }
    return writes.execute(session);
  }

  @Override
  public CompletionStage<Done> progress(String importId, long staged) {
    return session.executeWrite("UPDATE " + ks + ".stl_imports SET staged = ? WHERE import_id = ?",
        staged, importId);
  }

  @Override
  public CompletionStage<Done> complete(ImportRecord r) {
    List<CompletableFuture<Done>> claims = new ArrayList<>();
    for (String key : r.batches()) {
      int slash = key.indexOf('/');
      claims.add(session.executeWrite("INSERT INTO " + ks + ".stl_batches (gateway, batch_id, import_id)"
          + " VALUES (?, ?, ?)", key.substring(0, slash), key.substring(slash + 1), r.importId())
          .toCompletableFuture());
    }
    return CompletableFuture.allOf(claims.toArray(CompletableFuture[]::new))
        .thenCompose(v -> session.executeWrite("UPDATE " + ks + ".stl_imports SET status = ?, staged = ?,"
            + " completed_at = ? WHERE import_id = ?", r.status().name(), r.staged(), r.completedAt(),
            r.importId()));
  }

  @Override
  public Source<SettlementLine, NotUsed> lines(ImportRecord imported) {
    int parts = (int) ((imported.lines() + PART - 1) / PART);
    return Source.range(0, Math.max(0, parts - 1)).take(parts)
        .flatMapConcat(part -> session.select("SELECT * FROM " + ks + ".stl_lines WHERE import_id = ?"
            + " AND part = ?", imported.importId(), part))
        .map(CassandraSettlementStore::line);
  }

  private static ImportRecord record(Row r) {
    return new ImportRecord(r.getString("import_id"), r.getString("sha256"), r.getString("file_name"),
        r.getString("layout"), ImportRecord.Status.valueOf(r.getString("status")), r.getLong("lines"),
        r.getLong("staged"), r.getList("batches", String.class), r.getInstant("started_at"),
        r.getInstant("completed_at"));
  }

  private static SettlementLine line(Row r) {
    String netCurrency = r.getString("net_currency");
    return new SettlementLine(r.getLong("line"), r.getString("gateway"), r.getString("batch_id"),
        r.getString("line_id"), SettlementKind.valueOf(r.getString("kind")),
        r.getList("refs", String.class), r.getString("merchant_ref"), r.getString("method"),
        r.getInstant("occurred_at"), new Money(r.getLong("gross"), r.getString("gross_currency")),
        new Money(r.getLong("fee"), netCurrency), new Money(r.getLong("net"), netCurrency),
        r.getBigDecimal("rate"));
  }
}
