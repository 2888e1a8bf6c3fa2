package payledger.readmodel;

import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.type.reflect.GenericType;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSession;
import org.apache.pekko.stream.javadsl.Sink;
import payledger.money.Money;

/**
 * {@link KpiStore} on the KPI tables of {@code cassandra/read-side.cql}: facts
 * ({@code rm_kpi_facts}), the partitions whose summary is stale ({@code rm_kpi_dirty}) and the
 * daily summaries ({@code rm_kpi_daily}). A summary's histograms ({@link Tally}) are kept in whole
 * seconds: the cases' resolution times in {@code resolve_seconds} (a summary row written before
 * that column existed has them in whole minutes, {@code resolve_minutes}, and is read as such),
 * every other histogram by name in {@code histograms}.
 */
public final class CassandraKpiStore implements KpiStore {

  private static final GenericType<Map<String, List<Long>>> OPEN_DUE =
      GenericType.mapOf(GenericType.STRING, GenericType.listOf(GenericType.LONG));

  private static final GenericType<Map<String, Map<Integer, Integer>>> HISTOGRAMS =
      GenericType.mapOf(GenericType.STRING, GenericType.mapOf(GenericType.INTEGER, GenericType.INTEGER));

  /** The histogram kept in its own column, {@code resolve_seconds}. */
  private static final String CASES = KpiCatalog.CASES_RESOLVED.name();

  private final CassandraSession session;
  private final ActorSystem<?> system;
  private final String ks;
  private final AtomicLong lastTimestamp = new AtomicLong();

  public CassandraKpiStore(CassandraSession session, ActorSystem<?> system, String keyspace) {
    this.session = session;
    this.system = system;
    this.ks = keyspace;
  }

  @Override
  public CompletionStage<List<Dirty>> dirty() {
    return session.selectAll("SELECT day, shard, writetime(marked) AS w FROM " + ks
            + ".rm_kpi_dirty WHERE name = ?", CassandraReadModelStore.DIRTY)
        .thenApply(rows -> rows.stream()
            .map(r -> new Dirty(r.getString("day"), r.getInt("shard"), r.getLong("w"))).toList());
  }

  @Override
  public CompletionStage<List<KpiFact>> facts(String day, int shard) {
    return session.select(SimpleStatement.newInstance("SELECT * FROM " + ks
                + ".rm_kpi_facts WHERE day = ? AND shard = ?", day, shard).setPageSize(5_000))
        .map(CassandraKpiStore::fact)
        .runWith(Sink.seq(), system);
  }

  /**
   * The old rows are deleted at timestamp t and the new ones written at t + 1, so a combination of
   * method and gateway that no longer occurs disappears.
   */
  @Override
  public CompletionStage<Done> replaceSummary(String day, int shard, Map<ReadModelStore.Dims, Tally> tallies) {
    long t = nextTimestamp();
    List<CompletionStage<Done>> writes = new ArrayList<>();
    writes.add(session.executeWrite("DELETE FROM " + ks + ".rm_kpi_daily USING TIMESTAMP " + t
        + " WHERE day = ? AND shard = ?", day, shard));
    tallies.forEach((dims, tally) -> {
      Map<String, Map<Integer, Integer>> others = new TreeMap<>(tally.histograms());
      others.remove(CASES);
      writes.add(session.executeWrite("INSERT INTO " + ks
              + ".rm_kpi_daily (day, shard, method, gateway, counts, open_due, resolve_seconds, histograms)"
              + " VALUES (?, ?, ?, ?, ?, ?, ?, ?) USING TIMESTAMP " + (t + 1),
          day, shard, dims.method(), dims.gateway(), tally.counts(), tally.openDue(), tally.histogram(CASES),
          others));
    });
    return CassandraReadModelStore.all(writes);
  }

  @Override
  public CompletionStage<Done> clear(Dirty dirty) {
    return session.executeWrite("DELETE FROM " + ks + ".rm_kpi_dirty USING TIMESTAMP " + dirty.markedAt()
        + " WHERE name = ? AND day = ? AND shard = ?", CassandraReadModelStore.DIRTY, dirty.day(), dirty.shard());
  }

  @Override
  public CompletionStage<List<Daily>> daily(LocalDate day) {
    return session.selectAll("SELECT method, gateway, counts, open_due, resolve_minutes, resolve_seconds,"
            + " histograms FROM " + ks + ".rm_kpi_daily WHERE day = ?", day.toString())
        .thenApply(rows -> rows.stream().map(r -> new Daily(day,
            new ReadModelStore.Dims(r.getString("method"), r.getString("gateway")),
            new Tally(r.getMap("counts", String.class, Long.class), r.get("open_due", OPEN_DUE),
                histograms(r)))).toList());
  }

  private static Map<String, Map<Integer, Integer>> histograms(Row r) {
    Map<String, Map<Integer, Integer>> histograms = new TreeMap<>();
    Map<String, Map<Integer, Integer>> named = r.get("histograms", HISTOGRAMS);
    if (named != null) {
      histograms.putAll(named);
    }
    histograms.put(CASES, resolveSeconds(r));
    return histograms;
  }

  /** The histogram in seconds; from the minutes of a row written before seconds were kept. */
  private static Map<Integer, Integer> resolveSeconds(Row r) {
    Map<Integer, Integer> seconds = r.getMap("resolve_seconds", Integer.class, Integer.class);
    if (!seconds.isEmpty()) {
      return seconds;
    }
    Map<Integer, Integer> fromMinutes = new TreeMap<>();
    r.getMap("resolve_minutes", Integer.class, Integer.class)
        .forEach((minutes, n) -> fromMinutes.merge(minutes * 60, n, Integer::sum));
    return fromMinutes;
  }

  private long nextTimestamp() {
    long now = System.currentTimeMillis() * 1000;
    return lastTimestamp.updateAndGet(last -> Math.max(now, last + 2));
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
