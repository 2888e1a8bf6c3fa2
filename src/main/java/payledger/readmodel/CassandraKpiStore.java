package payledger.readmodel;

import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchableStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.type.reflect.GenericType;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSession;
import org.apache.pekko.stream.javadsl.Sink;
import payledger.money.Money;

/**
 * {@link KpiStore} on the KPI tables of {@code cassandra/read-side.cql}: the tallies
 * ({@code rm_kpi_tally}, one partition per tag, a row per day, payment method and gateway) and the
 * facts ({@code rm_kpi_facts_shard}). Every column of a tally row is a frozen collection written whole,
 * so an update writes no tombstone. The report reads a day as one clustering slice of each tag's
 * partition.
 */
public final class CassandraKpiStore implements KpiStore {

  private static final GenericType<Map<String, List<Long>>> OPEN_DUE =
      GenericType.mapOf(GenericType.STRING, GenericType.listOf(GenericType.LONG));

  private static final GenericType<Map<String, Map<Integer, Integer>>> HISTOGRAMS =
      GenericType.mapOf(GenericType.STRING, GenericType.mapOf(GenericType.INTEGER, GenericType.INTEGER));

  private final CassandraSession session;
  private final ActorSystem<?> system;
  private final String ks;
  private final List<String> tags;

  /** @param tags every tag whose projection keeps tallies: the report sums them all */
  public CassandraKpiStore(CassandraSession session, ActorSystem<?> system, String keyspace, List<String> tags) {
    this.session = session;
    this.system = system;
    this.ks = keyspace;
    this.tags = List.copyOf(tags);
  }

  @Override
  public CompletionStage<Head> head(String tag) {
    return session.selectOne("SELECT pending, since FROM " + ks + ".rm_kpi_tally WHERE tag = ? LIMIT 1", tag)
        .thenApply(row -> row.map(r -> new Head(
                new LinkedHashMap<>(r.getMap("pending", String.class, Long.class)), r.getString("since")))
            .orElseGet(() -> new Head(new LinkedHashMap<>(), null)));
  }

  @Override
  public CompletionStage<Map<ReadModelStore.Dims, Tally>> tallies(String tag, String day) {
    return session.selectAll("SELECT method, gateway, counts, open_due, histograms FROM " + ks
            + ".rm_kpi_tally WHERE tag = ? AND day = ?", tag, day)
        .thenApply(rows -> {
          Map<ReadModelStore.Dims, Tally> tallies = new LinkedHashMap<>();
          rows.stream().filter(r -> r.getString("method") != null)
              .forEach(r -> tallies.put(new ReadModelStore.Dims(r.getString("method"), r.getString("gateway")),
                  tally(r)));
          return tallies;
        });
  }

  @Override
  public CompletionStage<Done> writeTallies(String tag, Map<KpiSummary.Key, Tally> rows,
      Map<String, Long> pending, String since) {
    List<CompletableFuture<BoundStatement>> bound = new ArrayList<>();
    rows.forEach((key, tally) -> bound.add(tally.isEmpty()
        ? bind("DELETE FROM " + ks + ".rm_kpi_tally WHERE tag = ? AND day = ? AND method = ? AND gateway = ?",
            tag, key.day(), key.dims().method(), key.dims().gateway())
        : bind("INSERT INTO " + ks + ".rm_kpi_tally (tag, day, method, gateway, counts, open_due, histograms)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?)", tag, key.day(), key.dims().method(), key.dims().gateway(),
            tally.counts(), tally.openDue(), tally.histograms())));
    bound.add(since == null
        ? bind("UPDATE " + ks + ".rm_kpi_tally SET pending = ? WHERE tag = ?", pending, tag)
        : bind("UPDATE " + ks + ".rm_kpi_tally SET pending = ?, since = ? WHERE tag = ?", pending, since, tag));
    return CompletableFuture.allOf(bound.toArray(CompletableFuture[]::new))
        .thenCompose(v -> session.executeWriteBatch(BatchStatement.newInstance(DefaultBatchType.UNLOGGED,
            bound.stream().map(CompletableFuture::join).toArray(BatchableStatement[]::new))));
  }

  @Override
  public CompletionStage<List<KpiFact>> facts(String day, int shard) {
    return session.select(SimpleStatement.newInstance("SELECT * FROM " + ks
                + "." + ReadModelRows.KPI_FACTS + " WHERE day = ? AND shard = ?", day, shard).setPageSize(5_000))
        .map(CassandraKpiStore::fact)
        .runWith(Sink.seq(), system);
  }

  @Override
  public CompletionStage<Optional<KpiFact>> fact(String day, int shard, KpiFact.Kind kind, String itemId) {
    return session.selectOne("SELECT * FROM " + ks + "." + ReadModelRows.KPI_FACTS + " WHERE day = ? AND shard = ? AND kind = ?"
            + " AND item_id = ?", day, shard, kind.name(), itemId)
        .thenApply(row -> row.map(CassandraKpiStore::fact));
  }

  @Override
  public CompletionStage<List<FactPartition>> factPartitions() {
    return session.select(SimpleStatement.newInstance("SELECT DISTINCT day, shard FROM " + ks + "." + ReadModelRows.KPI_FACTS)
            .setPageSize(5_000))
        .map(r -> new FactPartition(r.getString("day"), r.getInt("shard")))
        .runWith(Sink.seq(), system);
  }

  /** One row per payment method and gateway: the sum of every tag's. */
  @Override
  public CompletionStage<List<Daily>> daily(LocalDate day) {
    List<CompletableFuture<Map<ReadModelStore.Dims, Tally>>> reads = tags.stream()
        .map(tag -> tallies(tag, day.toString()).toCompletableFuture()).toList();
    return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenApply(v -> {
      Map<ReadModelStore.Dims, Tally> sum = new TreeMap<>(
          java.util.Comparator.comparing(ReadModelStore.Dims::method).thenComparing(ReadModelStore.Dims::gateway));
      reads.forEach(r -> r.join().forEach((dims, tally) -> sum.merge(dims, tally, Tally::plus)));
      return sum.entrySet().stream().filter(e -> !e.getValue().isEmpty())
          .map(e -> new Daily(day, e.getKey(), e.getValue())).toList();
    });
  }

  private CompletableFuture<BoundStatement> bind(String cql, Object... values) {
    return session.prepare(cql).thenApply(p -> p.bind(values)).toCompletableFuture();
  }

  private static Tally tally(Row r) {
    Map<String, List<Long>> openDue = r.get("open_due", OPEN_DUE);
    Map<String, Map<Integer, Integer>> histograms = r.get("histograms", HISTOGRAMS);
    return new Tally(r.getMap("counts", String.class, Long.class), openDue == null ? Map.of() : openDue,
        histograms == null ? Map.of() : histograms);
  }

  static KpiFact fact(Row r) {
    Set<String> flags = r.getSet("flags", String.class);
    return new KpiFact(r.getString("day"), r.getInt("shard"), KpiFact.Kind.valueOf(r.getString("kind")),
        r.getString("item_id"), r.getString("method"), r.getString("gateway"), r.getString("category"),
        r.getInstant("started_at"), r.getInstant("ack_at"), r.getInstant("ack_due"),
        r.getInstant("done_at"), r.getInstant("done_due"), flags, r.get("csat", Integer.class),
        r.isNull("amount") ? null : new Money(r.getLong("amount"), r.getString("currency")));
  }
}
