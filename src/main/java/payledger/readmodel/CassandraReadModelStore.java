package payledger.readmodel;

import com.datastax.oss.driver.api.core.cql.Row;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSession;
import payledger.cassandra.Insert;
import payledger.cassandra.PartitionWrites;
import payledger.dispute.DisputeCase;
import payledger.order.OrderState;
import payledger.vendor.VendorState;

/**
 * {@link ReadModelStore} and {@link VendorViews} on the {@code rm_*} tables of
 * {@code cassandra/read-side.cql}. A group's rows go out per partition ({@link PartitionWrites}):
 * the orders of a group share an hour and status, cut into {@link Shards}, so each of those
 * partitions takes one mutation per group. No partition grows with traffic beyond a shard of an
 * hour's rows or an hour of deadlines in the working sets ({@link WorkingSets}), except a
 * customer's or an order's own rows.
 */
public final class CassandraReadModelStore implements ReadModelStore, VendorViews {

  static final String GATEWAYS = "all";
  /** The history lists' names in {@code rm_list_hours}. */
  static final String DISCREPANCY_HOURS = "discrepancies";
  static final String DISPUTE_HOURS = "disputes";

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
  public CompletionStage<Done> applyOrders(List<OrderWrite> group) {
    PartitionWrites rows = new PartitionWrites();
    PartitionWrites views = new PartitionWrites();
    WorkingSets sets = new WorkingSets();
    Set<String> gateways = new HashSet<>();
    for (OrderWrite w : group) {
      OrderReadModel.Changes c = w.changes();
      if (c.rowChanged()) {
        orderRows(c.rowBefore(), c.rowAfter(), rows);
      }
      c.discrepancies().forEach(d -> {
        discrepancy(d, rows, sets);
        gateways.add(d.gateway());
      });
      c.facts().forEach(f -> insertFact(f, rows));
      OrderRow row = c.rowAfter();
      views.add("rm_order_view|" + c.after().orderId(), "INSERT INTO " + ks
          + ".rm_order_view (order_id, seq_nr, state, method, gateway) VALUES (?, ?, ?, ?, ?)",
          c.after().orderId(), w.seqNr(), write(c.after()),
          row == null ? null : row.method(), row == null ? null : row.gateway());
    }
    listGateways(gateways, rows);
    return rows.execute(session).thenCompose(done -> sets.index(session, ks))
        .thenCompose(done -> views.execute(session));
  }

  @Override
  public CompletionStage<Done> applyDispute(DisputeReadModel.Changes c, long seqNr) {
    PartitionWrites rows = new PartitionWrites();
    WorkingSets sets = new WorkingSets();
    if (c.rowChanged()) {
      disputeRows(c.rowBefore(), c.rowAfter(), rows, sets);
      if (c.rowAfter() != null) {
        listGateways(Collections.singleton(c.rowAfter().gateway()), rows);
      }
    }
    c.facts().forEach(f -> insertFact(f, rows));
    return rows.execute(session).thenCompose(done -> sets.index(session, ks))
        .thenCompose(done -> session.executeWrite(
            "INSERT INTO " + ks + ".rm_dispute_view (dispute_id, seq_nr, state) VALUES (?, ?, ?)",
            c.after().disputeId(), seqNr, write(c.after())));
  }

  @Override
  public CompletionStage<Optional<Stored<VendorState>>> vendorView(String vendorId) {
    return session.selectOne("SELECT seq_nr, state FROM " + ks + ".rm_vendor_view WHERE vendor_id = ?", vendorId)
        .thenApply(row -> row.map(r -> new Stored<>(r.getLong("seq_nr"), read(r, VendorState.class))));
  }

  @Override
  public CompletionStage<Done> applyVendor(VendorState after, List<KpiFact> facts, long seqNr) {
    PartitionWrites rows = new PartitionWrites();
    facts.forEach(f -> insertFact(f, rows));
    return rows.execute(session)
        .thenCompose(done -> session.executeWrite(
            "INSERT INTO " + ks + ".rm_vendor_view (vendor_id, seq_nr, state) VALUES (?, ?, ?)",
            after.vendorId(), seqNr, write(after)));
  }

  /**
   * An order's rows in the three order lists; in the hour lists under the hour and
   * {@link Shards shard} of its time (a change of time moves them, as it moves their hour).
   */
  private void orderRows(OrderRow before, OrderRow after, PartitionWrites writes) {
    String byHour = ReadModelRows.ORDERS_BY_HOUR;
    String byStatus = ReadModelRows.ORDERS_BY_STATUS;
    if (before != null) {
      int shard = Shards.of(before.at());
      if (after == null || !before.at().equals(after.at())) {
        writes.add(byHour + "|" + before.hour() + "|" + shard, "DELETE FROM " + ks + "." + byHour
            + " WHERE hour = ? AND shard = ? AND at = ? AND order_id = ?",
            before.hour(), shard, before.at(), before.orderId());
      }
      if (after == null || !before.at().equals(after.at()) || !before.status().equals(after.status())) {
        writes.add(byStatus + "|" + before.status() + "|" + before.hour() + "|" + shard, "DELETE FROM "
            + ks + "." + byStatus + " WHERE status = ? AND hour = ? AND shard = ? AND at = ? AND order_id = ?",
            before.status(), before.hour(), shard, before.at(), before.orderId());
      }
      if (before.customerId() != null && (after == null || !before.at().equals(after.at())
          || !before.customerId().equals(after.customerId()))) {
        writes.add("rm_orders_by_customer|" + before.customerId(), "DELETE FROM " + ks
            + ".rm_orders_by_customer WHERE customer_id = ? AND at = ? AND order_id = ?",
            before.customerId(), before.at(), before.orderId());
      }
    }
    if (after != null) {
      int shard = Shards.of(after.at());
      String columns = "customer_id, status, currency, due, net_paid, auto_reconciled, method, gateway, updated_at";
      Object[] values = {after.customerId(), after.status(), after.currency(), after.due(),
          after.netPaid(), after.autoReconciled(), after.method(), after.gateway(), java.time.Instant.now()};
      writes.add(byHour + "|" + after.hour() + "|" + shard, "INSERT INTO " + ks + "." + byHour
          + " (hour, shard, at, order_id, " + columns + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          concat(values, after.hour(), shard, after.at(), after.orderId()));
      writes.add(byStatus + "|" + after.status() + "|" + after.hour() + "|" + shard, "INSERT INTO " + ks
          + "." + byStatus + " (hour, shard, at, order_id, " + columns
          + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          concat(values, after.hour(), shard, after.at(), after.orderId()));
      if (after.customerId() != null) {
        writes.add("rm_orders_by_customer|" + after.customerId(), "INSERT INTO " + ks
            + ".rm_orders_by_customer (at, order_id, " + columns
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", concat(values, after.at(), after.orderId()));
      }
    }
  }

  /** An open discrepancy in the queue's hour of its deadline; a resolved one leaves it. */
  private void discrepancy(DiscrepancyRow d, PartitionWrites writes, WorkingSets sets) {
    String open = ReadModelRows.OPEN_DISCREPANCIES;
    String due = Days.hour(d.resolveBy());
    if (d.isOpen()) {
      writes.add(open + "|" + due, "INSERT INTO " + ks + "." + open + " (hour,"
          + " resolve_by, item_key, order_id, discrepancy_id, type, detected_at, customer_notify_by,"
          + " expected, actual, currency, detail, escalation, sla_passed, gateway)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          due, d.resolveBy(), d.key(), d.orderId(), d.discrepancyId(), d.type(), d.detectedAt(),
          d.customerNotifyBy(), d.expected(), d.actual(), d.currency(), d.detail(),
          d.escalation(), d.slaPassed(), d.gateway());
      sets.filled(WorkingSets.OPEN, due);
      return;
    }
    writes.add(open + "|" + due, "DELETE FROM " + ks + "." + open
        + " WHERE hour = ? AND resolve_by = ? AND item_key = ?", due, d.resolveBy(), d.key());
    sets.emptied(WorkingSets.OPEN, due);
    String hour = Days.hour(d.resolvedAt());
    writes.add("rm_resolved_discrepancies_hour|" + hour, "INSERT INTO " + ks
        + ".rm_resolved_discrepancies_hour (hour, resolved_at, item_key, order_id, discrepancy_id, type,"
        + " detected_at, customer_notify_by, resolve_by, expected, actual, currency, detail,"
        + " resolution, resolved_by, escalation, sla_passed, gateway)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        hour, d.resolvedAt(), d.key(), d.orderId(), d.discrepancyId(),
        d.type(), d.detectedAt(), d.customerNotifyBy(), d.resolveBy(), d.expected(), d.actual(),
        d.currency(), d.detail(), d.resolution(), d.resolvedBy(), d.escalation(), d.slaPassed(),
        d.gateway());
    listHour(DISCREPANCY_HOURS, hour, writes);
  }

  /**
   * The hour a history list's row went into, among the hours the list reads
   * ({@link ReadModelQueries}): upserts of one small partition, each hour once a group.
   */
  private void listHour(String list, String hour, PartitionWrites writes) {
    writes.add("rm_list_hours|" + list, "INSERT INTO " + ks
        + ".rm_list_hours (list, hour) VALUES (?, ?)", list, hour);
  }

  /**
   * The gateways of the rows written, among those the lists have seen
   * ({@link ReadModelQueries#gateways}): upserts of one small partition, each gateway once a group.
   */
  private void listGateways(Set<String> gateways, PartitionWrites writes) {
    gateways.stream().filter(Objects::nonNull).forEach(gateway ->
        writes.add("rm_list_gateways|" + GATEWAYS, "INSERT INTO " + ks
            + ".rm_list_gateways (bucket, gateway) VALUES (?, ?)", GATEWAYS, gateway));
  }

  private void disputeRows(DisputeRow before, DisputeRow after, PartitionWrites writes, WorkingSets sets) {
    String active = ReadModelRows.ACTIVE_DISPUTES;
    if (before != null && before.isActive() && (after == null || !after.isActive()
        || !Objects.equals(before.resolveBy(), after.resolveBy()))) {
      String due = Days.hour(before.resolveBy());
      writes.add(active + "|" + due, "DELETE FROM " + ks + "." + active
          + " WHERE hour = ? AND resolve_by = ? AND dispute_id = ?", due, before.resolveBy(), before.disputeId());
      sets.emptied(WorkingSets.ACTIVE, due);
    }
    if (after == null) {
      return;
    }
    String columns = "state, priority, category, kind, order_id, customer_id, escalation, opened_at,"
        + " acknowledge_by, acknowledged_at, gateway";
    Object[] values = {after.state(), after.priority(), after.category(), after.kind(),
        after.orderId(), after.customerId(), after.escalation(), after.openedAt(),
        after.acknowledgeBy(), after.acknowledgedAt(), after.gateway()};
    if (after.isActive()) {
      String due = Days.hour(after.resolveBy());
      writes.add(active + "|" + due, "INSERT INTO " + ks + "." + active + " (hour,"
          + " resolve_by, dispute_id, resolved_at, " + columns
          + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          concat(values, due, after.resolveBy(), after.disputeId(), after.resolvedAt()));
      sets.filled(WorkingSets.ACTIVE, due);
    } else {
      String hour = Days.hour(after.resolvedAt());
      writes.add("rm_closed_disputes_hour|" + hour, "INSERT INTO " + ks
          + ".rm_closed_disputes_hour (hour, resolved_at, dispute_id, resolve_by, " + columns
          + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          concat(values, hour, after.resolvedAt(), after.disputeId(), after.resolveBy()));
      listHour(DISPUTE_HOURS, hour, writes);
    }
    if (after.orderId() != null) {
      writes.add("rm_disputes_by_order|" + after.orderId(), "INSERT INTO " + ks
          + ".rm_disputes_by_order (order_id,"
          + " dispute_id, resolve_by, resolved_at, " + columns.replace("order_id, ", "")
          + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          after.orderId(), after.disputeId(), after.resolveBy(), after.resolvedAt(), after.state(),
          after.priority(), after.category(), after.kind(), after.customerId(), after.escalation(),
          after.openedAt(), after.acknowledgeBy(), after.acknowledgedAt(), after.gateway());
    }
  }

  /**
   * A fact's times, category and rating are only ever set, never cleared, so a missing one is left
   * out of the insert: binding it as null would write a tombstone on every rewrite, and tallies
   * are started from whole partitions of facts.
   */
  private void insertFact(KpiFact f, PartitionWrites writes) {
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
    columns.putAll(f.amountColumns());
    Insert insert = Insert.of(ks, ReadModelRows.KPI_FACTS, columns);
    writes.add(ReadModelRows.KPI_FACTS + "|" + f.day() + "|" + f.shard(), insert.cql(), insert.values());
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
