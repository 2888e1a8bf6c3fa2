package payledger.readmodel;

import com.datastax.oss.driver.api.core.cql.Row;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSession;
import payledger.order.OrderStatus;

/**
 * Read-only: the rows the read-model projections keep for one order, discrepancy, case or KPI
 * fact, each read by its primary key (the key the projection computes from the entity's state), so
 * the audit can compare them with the state its replay of the journal gives. The lists' own
 * queries are {@link ReadModelQueries}.
 */
public final class ReadModelRows {

  public static final String ORDERS_BY_HOUR = "rm_orders_by_hour_shard";
  public static final String ORDERS_BY_STATUS = "rm_orders_by_status_hour_shard";
  public static final String ORDERS_BY_CUSTOMER = "rm_orders_by_customer";
  public static final String OPEN_DISCREPANCIES = "rm_open_discrepancies_hour";
  public static final String RESOLVED_DISCREPANCIES = "rm_resolved_discrepancies_hour";
  public static final String ACTIVE_DISPUTES = "rm_active_disputes_hour";
  public static final String CLOSED_DISPUTES = "rm_closed_disputes_hour";
  public static final String DISPUTES_BY_ORDER = "rm_disputes_by_order";
  public static final String KPI_FACTS = "rm_kpi_facts_shard";

  private static final List<String> STATUSES =
      Arrays.stream(OrderStatus.values()).map(Enum::name).toList();

  private final CassandraSession session;
  private final String ks;

  public ReadModelRows(CassandraSession session, String keyspace) {
    this.session = session;
    this.ks = keyspace;
  }

  /**
   * The order's rows in the three order lists at the hour and time of {@code key}, by table; in
   * {@link #ORDERS_BY_STATUS} under whatever status they are (one is right, more are stale).
   */
  public CompletionStage<Map<String, List<OrderRow>>> orders(OrderRow key) {
    CompletionStage<List<OrderRow>> byHour = all("SELECT * FROM " + ks + "." + ORDERS_BY_HOUR
        + " WHERE hour = ? AND shard = ? AND at = ? AND order_id = ?", ReadModelQueries::order,
        key.hour(), Shards.of(key.at()), key.at(), key.orderId());
    CompletionStage<List<OrderRow>> byStatus = all("SELECT * FROM " + ks + "." + ORDERS_BY_STATUS
        + " WHERE status IN ? AND hour = ? AND shard = ? AND at = ? AND order_id = ?",
        ReadModelQueries::order, STATUSES, key.hour(), Shards.of(key.at()), key.at(), key.orderId());
    CompletionStage<List<OrderRow>> byCustomer = key.customerId() == null
        ? CompletableFuture.completedFuture(List.of())
        : all("SELECT * FROM " + ks + "." + ORDERS_BY_CUSTOMER
            + " WHERE customer_id = ? AND at = ? AND order_id = ?", ReadModelQueries::order,
            key.customerId(), key.at(), key.orderId());
    return byHour.thenCombine(byStatus, (hour, status) -> {
      Map<String, List<OrderRow>> rows = new LinkedHashMap<>();
      rows.put(ORDERS_BY_HOUR, hour);
      rows.put(ORDERS_BY_STATUS, status);
      return rows;
    }).thenCombine(byCustomer, (rows, customer) -> {
      rows.put(ORDERS_BY_CUSTOMER, customer);
      return rows;
    });
  }

  /** The open-queue row at {@code key}'s resolveBy (its hour's partition). */
  public CompletionStage<Optional<DiscrepancyRow>> openDiscrepancy(DiscrepancyRow key) {
    return one("SELECT * FROM " + ks + "." + OPEN_DISCREPANCIES + " WHERE hour = ? AND"
            + " resolve_by = ? AND item_key = ?", ReadModelQueries::discrepancy,
        Days.hour(key.resolveBy()), key.resolveBy(), key.key());
  }

  /** The resolved row at {@code key}'s resolvedAt (its hour's partition). */
  public CompletionStage<Optional<DiscrepancyRow>> resolvedDiscrepancy(DiscrepancyRow key) {
    return one("SELECT * FROM " + ks + "." + RESOLVED_DISCREPANCIES + " WHERE hour = ? AND"
            + " resolved_at = ? AND item_key = ?", ReadModelQueries::discrepancy,
        Days.hour(key.resolvedAt()), key.resolvedAt(), key.key());
  }

  /** The working-set row at {@code key}'s resolveBy (its hour's partition). */
  public CompletionStage<Optional<DisputeRow>> activeDispute(DisputeRow key) {
    return one("SELECT * FROM " + ks + "." + ACTIVE_DISPUTES + " WHERE hour = ? AND"
            + " resolve_by = ? AND dispute_id = ?", ReadModelQueries::dispute,
        Days.hour(key.resolveBy()), key.resolveBy(), key.disputeId());
  }

  /** The resolved-or-closed row at {@code key}'s resolvedAt (its hour's partition). */
  public CompletionStage<Optional<DisputeRow>> closedDispute(DisputeRow key) {
    return one("SELECT * FROM " + ks + "." + CLOSED_DISPUTES + " WHERE hour = ? AND"
            + " resolved_at = ? AND dispute_id = ?", ReadModelQueries::dispute,
        Days.hour(key.resolvedAt()), key.resolvedAt(), key.disputeId());
  }

  /** The row under {@code key}'s order. */
  public CompletionStage<Optional<DisputeRow>> disputeOfOrder(DisputeRow key) {
    return one("SELECT * FROM " + ks + "." + DISPUTES_BY_ORDER + " WHERE order_id = ? AND"
            + " dispute_id = ?", ReadModelQueries::dispute, key.orderId(), key.disputeId());
  }

  /** The fact stored under {@code key}'s day, shard, kind and item. */
  public CompletionStage<Optional<KpiFact>> fact(KpiFact key) {
    return one("SELECT * FROM " + ks + "." + KPI_FACTS + " WHERE day = ? AND shard = ? AND"
            + " kind = ? AND item_id = ?", CassandraKpiStore::fact,
        key.day(), key.shard(), key.kind().name(), key.itemId());
  }

  private <T> CompletionStage<List<T>> all(String cql, Function<Row, T> map, Object... values) {
    return session.selectAll(cql, values).thenApply(rows -> rows.stream().map(map).toList());
  }

  private <T> CompletionStage<Optional<T>> one(String cql, Function<Row, T> map, Object... values) {
    return session.selectOne(cql, values).thenApply(row -> row.map(map));
  }
}
