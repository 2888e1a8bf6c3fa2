package payledger.readmodel;

import com.datastax.oss.driver.api.core.cql.Row;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSession;
import payledger.dispute.DisputeCase;
import payledger.order.OrderState;

/** {@link ReadModelStore} on the {@code rm_*} tables of {@code cassandra/read-side.cql}. */
public final class CassandraReadModelStore implements ReadModelStore {

  static final String OPEN = "open";
  static final String ACTIVE = "active";
  static final String DIRTY = "kpi";

  private final CassandraSession session;
  private final String ks;
  private final ObjectMapper cbor;

  /** @param cbor the service's CBOR mapper (the one the journal uses for states) */
  public CassandraReadModelStore(CassandraSession session, String keyspace, ObjectMapper cbor) {
    this.session = session;
    this.ks = keyspace;
    this.cbor = cbor;
  }

  @Override
  public CompletionStage<Optional<Stored<OrderState>>> orderView(String orderId) {
    return session.selectOne("SELECT seq_nr, state FROM " + ks + ".rm_order_view WHERE order_id = ?", orderId)
        .thenApply(row -> row.map(r -> new Stored<>(r.getLong("seq_nr"), read(r, OrderState.class))));
  }

  @Override
  public CompletionStage<Optional<Stored<DisputeCase>>> disputeView(String disputeId) {
    return session.selectOne("SELECT seq_nr, state FROM " + ks + ".rm_dispute_view WHERE dispute_id = ?", disputeId)
        .thenApply(row -> row.map(r -> new Stored<>(r.getLong("seq_nr"), read(r, DisputeCase.class))));
  }

  @Override
  public CompletionStage<Dims> orderDims(String orderId) {
    if (orderId == null) {
      return CompletableFuture.completedFuture(Dims.NONE);
    }
    return session.selectOne("SELECT method, gateway FROM " + ks + ".rm_order_view WHERE order_id = ?", orderId)
        .thenApply(row -> row.filter(r -> r.getString("method") != null)
            .map(r -> new Dims(r.getString("method"), r.getString("gateway"))).orElse(Dims.NONE));
  }

  @Override
  public CompletionStage<Done> applyOrder(OrderReadModel.Changes c, long seqNr) {
    List<CompletionStage<Done>> writes = new ArrayList<>();
    if (c.rowChanged()) {
      writes.addAll(orderRows(c.rowBefore(), c.rowAfter()));
    }
    c.discrepancies().forEach(d -> writes.addAll(discrepancy(d)));
    OrderRow row = c.rowAfter();
    return all(writes)
        .thenCompose(done -> facts(c.facts()))
        .thenCompose(done -> session.executeWrite("INSERT INTO " + ks
            + ".rm_order_view (order_id, seq_nr, state, method, gateway) VALUES (?, ?, ?, ?, ?)",
            c.after().orderId(), seqNr, write(c.after()),
            row == null ? null : row.method(), row == null ? null : row.gateway()));
  }

  @Override
  public CompletionStage<Done> applyDispute(DisputeReadModel.Changes c, long seqNr) {
    List<CompletionStage<Done>> writes = new ArrayList<>();
    if (c.rowChanged()) {
      writes.addAll(disputeRows(c.rowBefore(), c.rowAfter()));
    }
    return all(writes)
        .thenCompose(done -> facts(c.facts()))
        .thenCompose(done -> session.executeWrite(
            "INSERT INTO " + ks + ".rm_dispute_view (dispute_id, seq_nr, state) VALUES (?, ?, ?)",
            c.after().disputeId(), seqNr, write(c.after())));
  }

  private List<CompletionStage<Done>> orderRows(OrderRow before, OrderRow after) {
    List<CompletionStage<Done>> writes = new ArrayList<>();
    if (before != null) {
      if (after == null || !before.at().equals(after.at())) {
        writes.add(session.executeWrite("DELETE FROM " + ks
            + ".rm_orders_by_day WHERE day = ? AND at = ? AND order_id = ?", before.day(), before.at(), before.orderId()));
      }
      if (after == null || !before.at().equals(after.at()) || !before.status().equals(after.status())) {
        writes.add(session.executeWrite("DELETE FROM " + ks + ".rm_orders_by_status"
            + " WHERE status = ? AND day = ? AND at = ? AND order_id = ?",
            before.status(), before.day(), before.at(), before.orderId()));
      }
      if (before.customerId() != null && (after == null || !before.at().equals(after.at())
          || !before.customerId().equals(after.customerId()))) {
        writes.add(session.executeWrite("DELETE FROM " + ks
            + ".rm_orders_by_customer WHERE customer_id = ? AND at = ? AND order_id = ?",
            before.customerId(), before.at(), before.orderId()));
      }
    }
    if (after != null) {
      String columns = "customer_id, status, currency, due, net_paid, auto_reconciled, method, gateway, updated_at";
      Object[] values = {after.customerId(), after.status(), after.currency(), after.due(),
          after.netPaid(), after.autoReconciled(), after.method(), after.gateway(), java.time.Instant.now()};
      writes.add(session.executeWrite("INSERT INTO " + ks + ".rm_orders_by_day (day, at, order_id, "
          + columns + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", concat(values, after.day(), after.at(), after.orderId())));
      writes.add(session.executeWrite("INSERT INTO " + ks + ".rm_orders_by_status (day, at, order_id, "
          + columns + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", concat(values, after.day(), after.at(), after.orderId())));
      if (after.customerId() != null) {
        writes.add(session.executeWrite("INSERT INTO " + ks + ".rm_orders_by_customer (at, order_id, "
            + columns + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", concat(values, after.at(), after.orderId())));
      }
    }
    return writes;
  }

  private List<CompletionStage<Done>> discrepancy(DiscrepancyRow d) {
    if (d.isOpen()) {
      return List.of(session.executeWrite("INSERT INTO " + ks + ".rm_open_discrepancies (bucket, resolve_by,"
          + " item_key, order_id, discrepancy_id, type, detected_at, customer_notify_by, expected, actual,"
          + " currency, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          OPEN, d.resolveBy(), d.key(), d.orderId(), d.discrepancyId(), d.type(), d.detectedAt(),
          d.customerNotifyBy(), d.expected(), d.actual(), d.currency(), d.detail()));
    }
    return List.of(
        session.executeWrite("DELETE FROM " + ks
            + ".rm_open_discrepancies WHERE bucket = ? AND resolve_by = ? AND item_key = ?",
            OPEN, d.resolveBy(), d.key()),
        session.executeWrite("INSERT INTO " + ks + ".rm_resolved_discrepancies (month, resolved_at,"
            + " item_key, order_id, discrepancy_id, type, detected_at, customer_notify_by, resolve_by,"
            + " expected, actual, currency, detail, resolution, resolved_by)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            Days.month(d.resolvedAt()), d.resolvedAt(), d.key(), d.orderId(), d.discrepancyId(),
            d.type(), d.detectedAt(), d.customerNotifyBy(), d.resolveBy(), d.expected(), d.actual(),
            d.currency(), d.detail(), d.resolution(), d.resolvedBy()));
  }

  private List<CompletionStage<Done>> disputeRows(DisputeRow before, DisputeRow after) {
    List<CompletionStage<Done>> writes = new ArrayList<>();
    if (before != null && before.isActive() && (after == null || !after.isActive()
        || !Objects.equals(before.resolveBy(), after.resolveBy()))) {
      writes.add(session.executeWrite("DELETE FROM " + ks
          + ".rm_active_disputes WHERE bucket = ? AND resolve_by = ? AND dispute_id = ?",
          ACTIVE, before.resolveBy(), before.disputeId()));
    }
    if (after == null) {
      return writes;
    }
    String columns = "state, priority, category, kind, order_id, customer_id, escalation, opened_at,"
        + " acknowledge_by, acknowledged_at";
    Object[] values = {after.state(), after.priority(), after.category(), after.kind(),
        after.orderId(), after.customerId(), after.escalation(), after.openedAt(),
        after.acknowledgeBy(), after.acknowledgedAt()};
    if (after.isActive()) {
      writes.add(session.executeWrite("INSERT INTO " + ks + ".rm_active_disputes (bucket, resolve_by,"
          + " dispute_id, resolved_at, " + columns + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          concat(values, ACTIVE, after.resolveBy(), after.disputeId(), after.resolvedAt())));
    } else {
      writes.add(session.executeWrite("INSERT INTO " + ks + ".rm_closed_disputes (month, resolved_at,"
          + " dispute_id, resolve_by, " + columns + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          concat(values, Days.month(after.resolvedAt()), after.resolvedAt(), after.disputeId(), after.resolveBy())));
    }
    if (after.orderId() != null) {
      writes.add(session.executeWrite("INSERT INTO " + ks + ".rm_disputes_by_order (order_id,"
          + " dispute_id, resolve_by, resolved_at, " + columns.replace("order_id, ", "")
          + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          after.orderId(), after.disputeId(), after.resolveBy(), after.resolvedAt(), after.state(),
          after.priority(), after.category(), after.kind(), after.customerId(), after.escalation(),
          after.openedAt(), after.acknowledgeBy(), after.acknowledgedAt()));
    }
    return writes;
  }

  /** The facts, then (only once they are written) the dirty marks of their partitions. */
  private CompletionStage<Done> facts(List<KpiFact> facts) {
    if (facts.isEmpty()) {
      return CompletableFuture.completedFuture(Done.getInstance());
    }
    List<CompletionStage<Done>> writes = facts.stream().map(this::insertFact).toList();
    return all(writes).thenCompose(done -> all(facts.stream()
        .map(f -> f.day() + "|" + f.shard()).distinct()
        .map(p -> session.executeWrite("INSERT INTO " + ks
            + ".rm_kpi_dirty (name, day, shard, marked) VALUES (?, ?, ?, true)",
            DIRTY, p.substring(0, p.indexOf('|')), Integer.parseInt(p.substring(p.indexOf('|') + 1))))
        .toList()));
  }

  /**
   * A fact's times, category and rating are only ever set, never cleared, so a missing one is left
   * out of the insert: binding it as null would write a tombstone on every rewrite, and the
   * aggregator reads whole partitions of facts.
   */
  private CompletionStage<Done> insertFact(KpiFact f) {
    Map<String, Object> columns = new LinkedHashMap<>();
    columns.put("day", f.day());
    columns.put("shard", f.shard());
    columns.put("kind", f.kind().name());
    columns.put("item_id", f.itemId());
    columns.put("method", f.method());
    columns.put("gateway", f.gateway());
    columns.put("category", f.category());
    columns.put("started_at", f.startedAt());
    columns.put("ack_at", f.ackAt());
    columns.put("ack_due", f.ackDue());
    columns.put("done_at", f.doneAt());
    columns.put("done_due", f.doneDue());
    columns.put("flags", f.flags()); // flags come and go (a reconciled order can stop being so)
    columns.put("csat", f.csat());
    columns.values().removeIf(Objects::isNull);
    return session.executeWrite("INSERT INTO " + ks + ".rm_kpi_facts (" + String.join(", ", columns.keySet())
        + ") VALUES (" + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")",
        columns.values().toArray());
  }

  static CompletionStage<Done> all(List<CompletionStage<Done>> writes) {
    return CompletableFuture.allOf(writes.stream().map(CompletionStage::toCompletableFuture)
        .toArray(CompletableFuture[]::new)).thenApply(v -> Done.getInstance());
  }

  private static Object[] concat(Object[] tail, Object... head) {
    Object[] all = new Object[head.length + tail.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(tail, 0, all, head.length, tail.length);
    return all;
  }

  private ByteBuffer write(Object state) {
    try {
      return ByteBuffer.wrap(cbor.writeValueAsBytes(state));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private <S> S read(Row row, Class<S> type) {
    ByteBuffer bytes = row.getByteBuffer("state");
    byte[] array = new byte[bytes.remaining()];
    bytes.get(array);
    try {
      return cbor.readValue(array, type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
