package payledger.settlement;

import com.datastax.oss.driver.api.core.cql.Row;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSession;
import org.apache.pekko.stream.javadsl.Source;
import payledger.cassandra.PartitionWrites;
import payledger.money.Money;
import payledger.order.PaymentEventType;

/**
 * {@link SettlementStore} on the tables of {@code cassandra/settlements.cql}:
 * {@code stl_imports} (one row per import, its status written last), {@code stl_batches} (which
 * import completed a gateway's batch) and {@code stl_chunks} (the lines, {@link SettlementStore#PART}
 * by ordinal per row as one deflated blob, so an import of any size is written and read a chunk at a
 * time; imports staged before it keep their rows in {@code stl_lines}, one per line). A run's
 * order lines and settled events are sorted blobs ({@link CassandraResultSets}); the rows runs
 * wrote before those existed are still read.
 */
public final class CassandraSettlementStore implements SettlementStore {

  /** Payment ids per multi-partition read of {@code stl_payments}. */
  static final int KEYS_PER_READ = 100;
  /** Batches of a run's writes in flight at once. */
  static final int WRITES_IN_FLIGHT = 32;

  private final CassandraSession session;
  private final String ks;
  private final CassandraResultSets sets;

  public CassandraSettlementStore(CassandraSession session, String keyspace) {
    this.session = session;
    this.ks = keyspace;
    this.sets = new CassandraResultSets(session, keyspace, WRITES_IN_FLIGHT);
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
            + " status, lines, staged, batches, started_at, completed_at, reconciled, failure)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, null, 0, null)",
        r.importId(), r.sha256(), r.fileName(), r.layout(), r.status().name(), r.lines(), r.staged(),
        r.batches(), r.startedAt());
  }

  /** One chunk of lines as one row of {@code stl_chunks}: its lines encoded and deflated. */
  @Override
  public CompletionStage<Done> stage(String importId, long firstOrdinal, List<SettlementLine> lines) {
    return session.executeWrite("INSERT INTO " + ks + ".stl_chunks (import_id, chunk, lines, body)"
            + " VALUES (?, ?, ?, ?)", importId, (int) (firstOrdinal / PART), lines.size(),
        java.nio.ByteBuffer.wrap(LineChunks.encode(lines)));
  }

  @Override
  public CompletionStage<Done> progress(String importId, long staged) {
    return session.executeWrite("UPDATE " + ks + ".stl_imports SET staged = ? WHERE import_id = ?",
        staged, importId);
  }

  @Override
  public CompletionStage<Done> reconciled(String importId, long lines) {
    return session.executeWrite("UPDATE " + ks + ".stl_imports SET reconciled = ? WHERE import_id = ?",
        lines, importId);
  }

  @Override
  public CompletionStage<Done> fail(String importId, String reason) {
    return session.executeWrite("UPDATE " + ks + ".stl_imports SET failure = ? WHERE import_id = ?",
        reason, importId);
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

  /**
   * Part by part: the part's chunk of {@code stl_chunks}; an import staged before chunks existed
   * has none and is read from its rows in {@code stl_lines}.
   */
  @Override
  public Source<SettlementLine, NotUsed> lines(ImportRecord imported) {
    int parts = (int) ((imported.lines() + PART - 1) / PART);
    String id = imported.importId();
    return Source.range(0, Math.max(0, parts - 1)).take(parts)
        .mapAsync(2, part -> session.selectOne("SELECT body FROM " + ks + ".stl_chunks WHERE import_id = ?"
            + " AND chunk = ?", id, part).thenApply(row -> Pair.create(part, row)))
        .flatMapConcat(found -> found.second().isPresent()
            ? Source.from(LineChunks.decode(bytes(found.second().get().getByteBuffer("body"))))
            : session.select("SELECT * FROM " + ks + ".stl_lines WHERE import_id = ? AND part = ?", id,
                found.first()).map(CassandraSettlementStore::line));
  }

  private static byte[] bytes(java.nio.ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.duplicate().get(bytes);
    return bytes;
  }

  @Override
  public CompletionStage<Done> recordPayments(List<LedgerPayment> payments) {
    PartitionWrites writes = new PartitionWrites();
    for (LedgerPayment p : payments) {
      writes.add("stl_payments|" + p.gateway() + "|" + p.paymentId(), "INSERT INTO " + ks + ".stl_payments"
          + " (gateway, payment_id, event_key, order_id, type, amount, currency, method, journaled_at)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", p.gateway(), p.paymentId(), p.eventKey(), p.orderId(),
          p.type().name(), p.amount().value(), p.amount().currency(), p.method(), p.journaledAt());
      if (p.type() == PaymentEventType.SUCCEEDED) {
        String day = day(p.journaledAt());
        writes.add("stl_payments_by_day|" + day + "|" + p.gateway(), "INSERT INTO " + ks
            + ".stl_payments_by_day (day, gateway, payment_id, event_key, order_id, amount, currency, method,"
            + " journaled_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", day, p.gateway(), p.paymentId(),
            p.eventKey(), p.orderId(), p.amount().value(), p.amount().currency(), p.method(), p.journaledAt());
      }
    }
    return writes.execute(session);
  }

  static String day(java.time.Instant at) {
    return java.time.LocalDate.ofInstant(at, java.time.ZoneOffset.UTC).toString();
  }

  @Override
  public CompletionStage<List<LedgerPayment>> ledger(String gateway, String paymentId) {
    return session.selectAll("SELECT * FROM " + ks + ".stl_payments WHERE gateway = ? AND payment_id = ?",
            gateway, paymentId)
        .thenApply(rows -> rows.stream().map(r -> new LedgerPayment(gateway, paymentId,
            r.getString("event_key"), r.getString("order_id"), PaymentEventType.valueOf(r.getString("type")),
            new Money(r.getLong("amount"), r.getString("currency")), r.getString("method"),
            r.getInstant("journaled_at"))).toList());
  }

  @Override
  public CompletionStage<Map<String, List<LedgerPayment>>> ledger(String gateway, Collection<String> paymentIds) {
    List<String> ids = List.copyOf(new LinkedHashSet<>(paymentIds));
    List<CompletableFuture<List<Row>>> reads = new ArrayList<>();
    for (int i = 0; i < ids.size(); i += KEYS_PER_READ) {
      reads.add(session.selectAll("SELECT * FROM " + ks + ".stl_payments WHERE gateway = ? AND payment_id IN ?",
          gateway, ids.subList(i, Math.min(ids.size(), i + KEYS_PER_READ))).toCompletableFuture());
    }
    return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenApply(v -> {
      Map<String, List<LedgerPayment>> found = new HashMap<>();
      for (CompletableFuture<List<Row>> read : reads) {
        for (Row r : read.join()) {
          String paymentId = r.getString("payment_id");
          found.computeIfAbsent(paymentId, k -> new ArrayList<>()).add(payment(gateway, paymentId, r));
        }
      }
      return found;
    });
  }

  private static LedgerPayment payment(String gateway, String paymentId, Row r) {
    return new LedgerPayment(gateway, paymentId, r.getString("event_key"), r.getString("order_id"),
        PaymentEventType.valueOf(r.getString("type")), new Money(r.getLong("amount"), r.getString("currency")),
        r.getString("method"), r.getInstant("journaled_at"));
  }

  @Override
  public Source<LedgerPayment, NotUsed> paymentsOn(String day, String gateway) {
    return session.select("SELECT * FROM " + ks + ".stl_payments_by_day WHERE day = ? AND gateway = ?", day, gateway)
        .map(r -> new LedgerPayment(gateway, r.getString("payment_id"), r.getString("event_key"),
            r.getString("order_id"), PaymentEventType.SUCCEEDED,
            new Money(r.getLong("amount"), r.getString("currency")), r.getString("method"),
            r.getInstant("journaled_at")));
  }

  /**
   * The day's payments and the day's settled events — the day's settled sets, and the rows of
   * {@code stl_settled_by_day} runs wrote before the sets existed — are read side by side, all in
   * clustering order (payment id, event key), and joined as they stream. A payment settled by none
   * is looked up in {@code stl_settled}, where events settled before either existed are kept.
   */
  @Override
  public Source<LedgerPayment, NotUsed> unsettledOn(String day, String gateway) {
    Source<SettledJoin.Item, NotUsed> payments = paymentsOn(day, gateway).map(SettledJoin.Item::payment);
    Source<SettledJoin.Item, NotUsed> settled = session.select("SELECT payment_id, event_key FROM " + ks
            + ".stl_settled_by_day WHERE day = ? AND gateway = ?", day, gateway)
        .map(r -> SettledJoin.Item.settled(r.getString("payment_id"), r.getString("event_key")))
        .mergeSorted(sets.settledOn(day, gateway), SettledJoin.ORDER);
    return SettledJoin.unsettled(payments, settled)
        .mapAsync(16, p -> settled(p).thenApply(done -> done ? Optional.<LedgerPayment>empty() : Optional.of(p)))
        .filter(Optional::isPresent)
        .map(Optional::get);
  }

  @Override
  public CompletionStage<Done> saveOrderLines(String importId, java.time.Instant runAt,
      List<SetParts.Group<OrderLineSets.Key>> groups) {
    return sets.saveOrderLines(importId, runAt, groups);
  }

  @Override
  public CompletionStage<Done> saveSettledSets(String importId, java.time.Instant runAt,
      List<SetParts.Group<SettledSets.Day>> groups) {
    return sets.saveSettledSets(importId, runAt, groups);
  }

  @Override
  public CompletionStage<OrderSettlement> orderSettlement(String orderId) {
    CompletionStage<List<Row>> before = session.selectAll("SELECT * FROM " + ks + ".stl_order_lines"
        + " WHERE order_id = ?", orderId);
    CompletionStage<List<Row>> bucketed = session.selectAll("SELECT * FROM " + ks + ".stl_order_lines_by_bucket"
        + " WHERE bucket = ? AND order_id = ?", OrderLineSets.bucket(orderId), orderId);
    CompletionStage<List<OrderSettlement.Line>> inSets = sets.orderLines(orderId);
    return before.thenCombine(bucketed, (a, b) -> {
      List<OrderSettlement.Line> rows = new ArrayList<>();
      a.forEach(r -> rows.add(orderLine(r)));
      b.forEach(r -> rows.add(orderLine(r)));
      return rows;
    }).thenCombine(inSets, (rows, set) -> {
      Map<String, OrderSettlement.Line> lines = new TreeMap<>();
      for (OrderSettlement.Line l : rows) {
        lines.put(l.importId() + "\u0000" + String.format("%019d", l.line()), l);
      }
      for (OrderSettlement.Line l : set) {
        lines.put(l.importId() + "\u0000" + String.format("%019d", l.line()), l);
      }
      return OrderSettlement.of(orderId, List.copyOf(lines.values()));
    });
  }

  private static OrderSettlement.Line orderLine(Row r) {
    String netCurrency = r.getString("net_currency");
    return new OrderSettlement.Line(r.getString("import_id"), r.getLong("line"), r.getString("gateway"),
        r.getString("batch_id"), r.getString("kind"), r.getString("payment_id"), r.getString("method"),
        new Money(r.getLong("gross"), r.getString("gross_currency")), new Money(r.getLong("fee"), netCurrency),
        new Money(r.getLong("net"), netCurrency), r.getBoolean("matched"), r.getInstant("occurred_at"));
  }

  @Override
  public CompletionStage<Boolean> settled(LedgerPayment p) {
    return session.selectOne("SELECT import_id FROM " + ks + ".stl_settled WHERE gateway = ? AND payment_id = ?"
        + " AND event_key = ?", p.gateway(), p.paymentId(), p.eventKey()).thenApply(Optional::isPresent);
  }

  @Override
  public CompletionStage<Done> saveFindings(String importId, List<Finding> findings) {
    PartitionWrites writes = new PartitionWrites();
    for (Finding f : findings) {
      writes.add("stl_findings|" + importId, "INSERT INTO " + ks + ".stl_findings (import_id, finding_id, type,"
          + " gateway, batch_id, line, payment_id, order_id, method, expected, expected_currency, actual,"
          + " actual_currency, detail, detected_at, notice_by, resolve_by) VALUES"
          + " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", importId, f.findingId(), f.type().name(),
          f.gateway(), f.batch(), f.line(), f.paymentId(), f.orderId(), f.method(),
          f.expected() == null ? null : f.expected().value(), f.expected() == null ? null : f.expected().currency(),
          f.actual() == null ? null : f.actual().value(), f.actual() == null ? null : f.actual().currency(),
          f.detail(), f.detectedAt(), f.noticeBy(), f.resolveBy());
    }
    return writes.execute(session);
  }

  @Override
  public CompletionStage<Done> saveKpis(String importId, List<SettlementKpis.Row> rows) {
    PartitionWrites writes = new PartitionWrites();
    for (SettlementKpis.Row r : rows) {
      writes.add("stl_kpi_daily|" + r.day(), "INSERT INTO " + ks + ".stl_kpi_daily (day, import_id, gateway,"
          + " method, currency, lines, matched, payments, payments_matched, fees) VALUES"
          + " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", r.day(), importId, r.gateway(), r.method(), r.currency(),
          r.lines(), r.matched(), r.payments(), r.paymentsMatched(), r.fees());
    }
    return writes.execute(session);
  }

  @Override
  public CompletionStage<List<SettlementKpis.Row>> kpis(String day) {
    return session.selectAll("SELECT * FROM " + ks + ".stl_kpi_daily WHERE day = ?", day)
        .thenApply(rows -> rows.stream().map(r -> new SettlementKpis.Row(day, r.getString("gateway"),
            r.getString("method"), r.getString("currency"), r.getLong("lines"), r.getLong("matched"),
            r.getLong("payments"), r.getLong("payments_matched"), r.getLong("fees"))).toList());
  }

  @Override
  public CompletionStage<Done> saveRun(String importId, String summaryJson) {
    return session.executeWrite("INSERT INTO " + ks + ".stl_runs (import_id, summary) VALUES (?, ?)",
        importId, summaryJson);
  }

  @Override
  public CompletionStage<Optional<String>> run(String importId) {
    return session.selectOne("SELECT summary FROM " + ks + ".stl_runs WHERE import_id = ?", importId)
        .thenApply(row -> row.map(r -> r.getString("summary")));
  }

  @Override
  public Source<Finding, NotUsed> findings(String importId) {
    return session.select("SELECT * FROM " + ks + ".stl_findings WHERE import_id = ?", importId)
        .map(r -> new Finding(r.getString("finding_id"), FindingType.valueOf(r.getString("type")),
            r.getString("gateway"), r.getString("batch_id"), r.getLong("line"), r.getString("payment_id"),
            r.getString("order_id"), r.getString("method"), money(r, "expected"), money(r, "actual"),
            r.getString("detail"), r.getInstant("detected_at"), r.getInstant("notice_by"),
            r.getInstant("resolve_by")));
  }

  private static Money money(Row r, String column) {
    return r.isNull(column) ? null : new Money(r.getLong(column), r.getString(column + "_currency"));
  }

  private static ImportRecord record(Row r) {
    return new ImportRecord(r.getString("import_id"), r.getString("sha256"), r.getString("file_name"),
        r.getString("layout"), ImportRecord.Status.valueOf(r.getString("status")), r.getLong("lines"),
        r.getLong("staged"), r.getList("batches", String.class), r.getInstant("started_at"),
        r.getInstant("completed_at"), r.isNull("reconciled") ? 0 : r.getLong("reconciled"),
        r.getString("failure"));
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
