package payledger.readmodel;

import com.datastax.oss.driver.api.core.cql.Row;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSession;
import payledger.readmodel.Listing.Page;
import payledger.readmodel.Listing.Segment;

/**
 * The list queries over the read models. Each picks the table designed for its filter and reads
 * partitions in clustering order: orders by hour (optionally by status; the shards of an hour
 * merged) or by customer, in time order; the open discrepancy queue and active cases by deadline; resolved items newest first,
 * hour by hour over the hours of the last {@link #HISTORY_MONTHS} months that hold any.
 */
public final class ReadModelQueries {

  public static final int HISTORY_MONTHS = 12;

  /** @param status, customerId null for any; {@code from}/{@code to} bound the order's time */
  public record OrderQuery(String status, String customerId, Instant from, Instant to, int limit, PageToken token) {}

  /**
   * @param type, overdue, gateway null for any; for resolved ones, overdue true means resolved
   *     after the deadline
   */
  public record DiscrepancyQuery(boolean resolved, String type, Boolean overdue, String gateway,
      int limit, PageToken token) {

    /**
     * Whether a row of the list the query reads passes its filters (type, gateway and, for
     * resolved ones, overdue; the open queue's overdue is where its reading starts and stops). A
     * row without a gateway (written before rows had one) passes only when any gateway will do.
     */
    public boolean keeps(DiscrepancyRow d) {
      return (type == null || type.equals(d.type()))
          && (gateway == null || gateway.equals(d.gateway()))
          && (!resolved || overdue == null || overdue == d.resolvedAt().isAfter(d.resolveBy()));
    }
  }

  /** @param state, priority, overdue, orderId, gateway null for any */
  public record DisputeQuery(String state, String priority, Boolean overdue, String orderId,
      String gateway, int limit, PageToken token) {

    /** Whether a case's row passes the filters at {@code now}; as {@link DiscrepancyQuery#keeps}. */
    public boolean keeps(DisputeRow d, Instant now) {
      return (state == null || state.equals(d.state()))
          && (priority == null || priority.equals(d.priority()))
          && (gateway == null || gateway.equals(d.gateway()))
          && (overdue == null || overdue == (d.isActive()
              ? d.overdueAt(now) : d.resolvedAt().isAfter(d.resolveBy())));
    }
  }

  private final Listing<OrderRow> orders;
  private final Listing<DiscrepancyRow> discrepancies;
  private final Listing<DisputeRow> disputes;
  private final CassandraSession session;
  private final String keyspace;

  public ReadModelQueries(CassandraSession session, String keyspace) {
    this.session = session;
    this.keyspace = keyspace;
    this.orders = new Listing<>(session, keyspace, ReadModelQueries::order, OrderRow::at, OrderRow::orderId);
    this.discrepancies = new Listing<>(session, keyspace, ReadModelQueries::discrepancy,
        d -> d.isOpen() ? d.resolveBy() : d.resolvedAt(), DiscrepancyRow::key);
    this.disputes = new Listing<>(session, keyspace, ReadModelQueries::dispute,
        d -> d.isActive() ? d.resolveBy() : d.resolvedAt(), DisputeRow::disputeId);
  }

  public CompletionStage<Page<OrderRow>> orders(OrderQuery q) {
    PageToken start = new PageToken(null, q.from(), "");
    Predicate<OrderRow> stop = o -> o.at().isAfter(q.to());
    if (q.customerId() != null) {
      Segment seg = new Segment("c", "rm_orders_by_customer", "customer_id = ?",
          List.of(q.customerId()), "at", "order_id", false);
      return orders.page(List.of(seg), q.token(), named(start, "c"),
          o -> q.status() == null || q.status().equals(o.status()), stop, q.limit());
    }
    List<Segment> hours = new ArrayList<>();
    for (String h : Days.hours(q.from(), q.to())) {
      hours.add(q.status() == null
          ? new Segment(h, ReadModelRows.ORDERS_BY_HOUR, "hour = ?", List.of(h), "at", "order_id",
              false, Shards.COUNT)
          : new Segment(h, ReadModelRows.ORDERS_BY_STATUS, "status = ? AND hour = ?",
              List.of(q.status(), h), "at", "order_id", false, Shards.COUNT));
    }
    return orders.page(hours, q.token(), named(start, hours.get(0).name()), o -> true, stop, q.limit());
  }

  public CompletionStage<Page<DiscrepancyRow>> discrepancies(DiscrepancyQuery q, Instant now) {
    if (!q.resolved()) {
      // Ordered by deadline: the overdue ones come first, the rest after now.
      String current = Days.hour(now);
      PageToken start = Boolean.FALSE.equals(q.overdue()) ? new PageToken(OPEN + current, now, "") : null;
      Predicate<DiscrepancyRow> stop = d -> Boolean.TRUE.equals(q.overdue()) && !d.resolveBy().isBefore(now);
      return workingHours(WorkingSets.OPEN, q.overdue(), current, "item_key").thenCompose(hours ->
          discrepancies.page(hours, q.token(), start, q::keeps, stop, q.limit()));
    }
    return hours(CassandraReadModelStore.DISCREPANCY_HOURS, now, ReadModelRows.RESOLVED_DISCREPANCIES,
        "resolved_at", "item_key").thenCompose(hours ->
            discrepancies.page(hours, q.token(), null, q::keeps, d -> false, q.limit()));
  }

  /**
   * The gateways the discrepancy and case lists have seen (every gateway a row was written with),
   * in order: what their gateway filter accepts.
   */
  public CompletionStage<List<String>> gateways() {
    return session.selectAll("SELECT gateway FROM " + keyspace + ".rm_list_gateways WHERE bucket = ?",
        CassandraReadModelStore.GATEWAYS).thenApply(rows -> rows.stream().map(r -> r.getString("gateway")).toList());
  }

  public CompletionStage<Page<DisputeRow>> disputes(DisputeQuery q, Instant now) {
    Predicate<DisputeRow> keep = d -> q.keeps(d, now);
    if (q.orderId() != null) {
      Segment seg = new Segment("o", "rm_disputes_by_order", "order_id = ?", List.of(q.orderId()),
          null, "dispute_id", false);
      return disputes.page(List.of(seg), q.token(), null, keep, d -> false, q.limit());
    }
    List<Segment> segments = new ArrayList<>();
    boolean closedState = "RESOLVED".equals(q.state()) || "CLOSED".equals(q.state());
    CompletionStage<List<Segment>> active = closedState ? CompletableFuture.completedFuture(List.of())
        : workingHours(WorkingSets.ACTIVE, null, Days.hour(now), "dispute_id");
    if (q.state() != null && !closedState) {
      return active.thenCompose(hours -> disputes.page(hours, q.token(), null, keep, d -> false, q.limit()));
    }
    return active.thenCompose(hours -> {
      segments.addAll(hours);
      return hours(CassandraReadModelStore.DISPUTE_HOURS, now, ReadModelRows.CLOSED_DISPUTES,
          "resolved_at", "dispute_id");
    }).thenCompose(hours -> {
      segments.addAll(hours);
      return disputes.page(segments, q.token(), null, keep, d -> false, q.limit());
    });
  }

  /**
   * A history list's hour partitions of the last {@link #HISTORY_MONTHS} months that hold rows
   * ({@code rm_list_hours}), newest first: empty hours are never read.
   */
  private CompletionStage<List<Segment>> hours(String list, Instant now, String table, String time,
      String id) {
    String since = Days.hour(now.atZone(ZoneOffset.UTC).minusMonths(HISTORY_MONTHS).toInstant());
    return session.selectAll("SELECT hour FROM " + keyspace + ".rm_list_hours WHERE list = ? AND hour > ?",
        list, since).thenApply(rows -> rows.stream().map(r -> r.getString("hour"))
            .map(h -> new Segment(h, table, "hour = ?", List.of(h), time, id, true)).toList());
  }

  /** Segment names of the working sets' hours: apart from the history lists' hours. */
  private static final String OPEN = "open/";
  private static final String ACTIVE = "active/";

  /**
   * A working set's hour partitions that hold rows ({@code rm_working_hours}), oldest deadline
   * first; {@code overdue} true: those up to {@code current} only, false: from it on, null: all.
   */
  private CompletionStage<List<Segment>> workingHours(String list, Boolean overdue, String current, String id) {
    String cql = "SELECT hour FROM " + keyspace + "." + WorkingSets.INDEX + " WHERE list = ?"
        + (overdue == null ? "" : overdue ? " AND hour <= ?" : " AND hour >= ?");
    String prefix = WorkingSets.OPEN.equals(list) ? OPEN : ACTIVE;
    String table = WorkingSets.table(list);
    return (overdue == null ? session.selectAll(cql, list) : session.selectAll(cql, list, current))
        .thenApply(rows -> rows.stream().map(r -> r.getString("hour"))
            .map(h -> new Segment(prefix + h, table, "hour = ?", List.of(h), "resolve_by", id, false))
            .toList());
  }

  private static PageToken named(PageToken start, String segment) {
    return new PageToken(segment, start.at(), start.id());
  }

  static OrderRow order(Row r) {
    return new OrderRow(r.getString("order_id"), r.getString("customer_id"), r.getString("status"),
        r.getString("currency"), r.get("due", Long.class), r.get("net_paid", Long.class),
        r.getBoolean("auto_reconciled"), r.getString("method"), r.getString("gateway"), r.getInstant("at"));
  }

  static DiscrepancyRow discrepancy(Row r) {
    return new DiscrepancyRow(r.getString("order_id"), r.getString("discrepancy_id"), r.getString("type"),
        r.getInstant("detected_at"), r.getInstant("customer_notify_by"), r.getInstant("resolve_by"),
        r.get("expected", Long.class), r.get("actual", Long.class), r.getString("currency"),
        r.getString("detail"), text(r, "resolution"), text(r, "resolved_by"), instant(r, "resolved_at"),
        r.getInt("escalation"), r.getList("sla_passed", String.class), text(r, "gateway"));
  }

  static DisputeRow dispute(Row r) {
    return new DisputeRow(r.getString("dispute_id"), r.getString("state"), r.getString("priority"),
        r.getString("category"), r.getString("kind"), text(r, "order_id"), r.getString("customer_id"),
        r.getInt("escalation"), r.getInstant("opened_at"), r.getInstant("acknowledge_by"),
        r.getInstant("acknowledged_at"), r.getInstant("resolve_by"), instant(r, "resolved_at"),
        text(r, "gateway"));
  }

  private static String text(Row r, String column) {
    return r.getColumnDefinitions().contains(column) ? r.getString(column) : null;
  }

  private static Instant instant(Row r, String column) {
    return r.getColumnDefinitions().contains(column) ? r.getInstant(column) : null;
  }
}
