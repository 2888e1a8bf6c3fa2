package payledger.sla;

import com.datastax.oss.driver.api.core.cql.Row;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSession;

/**
 * {@link DeadlineRepository} on two tables of the service keyspace (see
 * {@code cassandra/schema.cql}): {@code deadlines}, partitioned by hour and clustered by time, so
 * the scheduler reads a range of one partition (no {@code ALLOW FILTERING}); and
 * {@code deadline_scheduler}, the scan watermark.
 */
public final class CassandraDeadlineRepository implements DeadlineRepository {

  private static final String SCHEDULER = "deadlines";

  private final CassandraSession session;
  private final String keyspace;

  public CassandraDeadlineRepository(CassandraSession session, String keyspace) {
    this.session = session;
    this.keyspace = keyspace;
  }

  @Override
  public CompletionStage<Done> schedule(Deadline d, String bucket) {
    return session.executeWrite(
        "INSERT INTO " + keyspace + ".deadlines (bucket, due_at, entity_type, entity_id) VALUES (?, ?, ?, ?)",
        bucket, d.dueAt(), d.entityType(), d.entityId());
  }

  @Override
  public CompletionStage<List<Deadline>> due(String bucket, Instant upTo) {
    return session.selectAll(
            "SELECT due_at, entity_type, entity_id FROM " + keyspace
                + ".deadlines WHERE bucket = ? AND due_at <= ?",
            bucket, upTo)
        .thenApply(rows -> rows.stream().map(CassandraDeadlineRepository::deadline).toList());
  }

  @Override
  public CompletionStage<Done> remove(Deadline d, String bucket) {
    return session.executeWrite(
        "DELETE FROM " + keyspace
            + ".deadlines WHERE bucket = ? AND due_at = ? AND entity_type = ? AND entity_id = ?",
        bucket, d.dueAt(), d.entityType(), d.entityId());
  }

  @Override
  public CompletionStage<Optional<Instant>> watermark() {
    return session.selectOne(
            "SELECT watermark FROM " + keyspace + ".deadline_scheduler WHERE name = ?", SCHEDULER)
        .thenApply(row -> row.map(r -> r.getInstant("watermark")));
  }

  @Override
  public CompletionStage<Done> saveWatermark(Instant watermark) {
    return session.executeWrite(
        "INSERT INTO " + keyspace + ".deadline_scheduler (name, watermark) VALUES (?, ?)",
        SCHEDULER, watermark);
  }

  private static Deadline deadline(Row row) {
    return new Deadline(row.getString("entity_type"), row.getString("entity_id"),
        row.getInstant("due_at"));
  }
}
