package payledger.readmodel;

import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.type.reflect.GenericType;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSession;
import org.apache.pekko.stream.javadsl.Sink;

/**
 * The KPI tables: facts ({@code rm_kpi_facts}), the partitions whose summary is stale
 * ({@code rm_kpi_dirty}) and the daily summaries ({@code rm_kpi_daily}) the report reads.
 */
public final class KpiStore {

  private static final GenericType<Map<String, List<Long>>> OPEN_DUE =
      GenericType.mapOf(GenericType.STRING, GenericType.listOf(GenericType.LONG));

  /** A stale partition, with the write time of its mark (a later mark outlives its clearing). */
  public record Dirty(String day, int shard, long markedAt) {}

  /** One summary row: a day's tally for one shard, payment method and gateway. */
  public record Daily(LocalDate day, ReadModelStore.Dims dims, Tally tally) {}

  private final CassandraSession session;
  private final ActorSystem<?> system;
  private final String ks;
  private final AtomicLong lastTimestamp = new AtomicLong();

  public KpiStore(CassandraSession session, ActorSystem<?> system, String keyspace) {
    this.session = session;
    this.system = system;
    this.ks = keyspace;
  }

  public CompletionStage<List<Dirty>> dirty() {
    return session.selectAll("SELECT day, shard, writetime(marked) AS w FROM " + ks
            + ".rm_kpi_dirty WHERE name = ?", CassandraReadModelStore.DIRTY)
        .thenApply(rows -> rows.stream()
            .map(r -> new Dirty(r.getString("day"), r.getInt("shard"), r.getLong("w"))).toList());
  }

  public CompletionStage<List<KpiFact>> facts(String day, int shard) {
    return session.select(SimpleStatement.newInstance("SELECT * FROM " + ks
                + ".rm_kpi_facts WHERE day = ? AND shard = ?", day, shard).setPageSize(5_000))
        .map(KpiStore::fact)
        .runWith(Sink.seq(), system);
  }

  /**
   * Replaces the partition's summary rows: the old ones are deleted at timestamp t and the new ones
   * written at t + 1, so a combination of method and gateway that no longer occurs disappears.
   */
  public CompletionStage<Done> replaceSummary(String day, int shard, Map<ReadModelStore.Dims, Tally> tallies) {
    long t = nextTimestamp();
    List<CompletionStage<Done>> writes = new ArrayList<>();
    writes.add(session.executeWrite("DELETE FROM " + ks + ".rm_kpi_daily USING TIMESTAMP " + t
        + " WHERE day = ? AND shard = ?", day, shard));
    tallies.forEach((dims, tally) -> writes.add(session.executeWrite("INSERT INTO " + ks
            + ".rm_kpi_daily (day, shard, method, gateway, counts, open_due, resolve_minutes)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?) USING TIMESTAMP " + (t + 1),
        day, shard, dims.method(), dims.gateway(), tally.counts(), tally.openDue(), tally.resolveMinutes())));
    return CassandraReadModelStore.all(writes);
  }

  /** Clears a mark unless it was set again after {@code dirty} was read. */
  public CompletionStage<Done> clear(Dirty dirty) {
    return session.executeWrite("DELETE FROM " + ks + ".rm_kpi_dirty USING TIMESTAMP " + dirty.markedAt()
        + " WHERE name = ? AND day = ? AND shard = ?", CassandraReadModelStore.DIRTY, dirty.day(), dirty.shard());
  }

  /** Every summary row of one day (all shards, methods and gateways): one partition. */
  public CompletionStage<List<Daily>> daily(LocalDate day) {
    return session.selectAll("SELECT method, gateway, counts, open_due, resolve_minutes FROM " + ks
            + ".rm_kpi_daily WHERE day = ?", day.toString())
        .thenApply(rows -> rows.stream().map(r -> new Daily(day,
            new ReadModelStore.Dims(r.getString("method"), r.getString("gateway")),
            new Tally(r.getMap("counts", String.class, Long.class), r.get("open_due", OPEN_DUE),
                r.getMap("resolve_minutes", Integer.class, Integer.class)))).toList());
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
        r.getInstant("done_at"), r.getInstant("done_due"), flags, r.get("csat", Integer.class));
  }
}
