package payledger.sla;

import com.datastax.oss.driver.api.core.cql.Row;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSession;
import org.apache.pekko.stream.javadsl.Source;

/**
 * {@link DeadlineRepository} on two tables of the service keyspace (see
 * {@code cassandra/read-side.cql}): {@code deadlines}, partitioned by hour and clustered by time, so
 * the scheduler reads a time slice of one partition (no {@code ALLOW FILTERING}) and, once it is
 * delivered, deletes it with one range delete; and {@code deadline_scheduler}, the scan watermark.
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
  public CompletionStage<Done> schedule(Deadline d) {
    return session.executeWrite(
        "INSERT INTO " + keyspace + ".deadlines (bucket, due_at, entity_type, entity_id) VALUES (?, ?, ?, ?)",
        Deadline.bucket(d.dueAt()), d.dueAt(), d.entityType(), d.entityId());
  }

  @Override
  public CompletionStage<Done> cancel(Deadline d) {
    return session.executeWrite("DELETE FROM " + keyspace + ".deadlines WHERE bucket = ? AND due_at = ?"
        + " AND entity_type = ? AND entity_id = ?",
        Deadline.bucket(d.dueAt()), d.dueAt(), d.entityType(), d.entityId());
  }

  /** Streamed with the driver's paging: a backlog of any size is read in constant memory. */
  @Override
  public Source<Deadline, NotUsed> due(String bucket, Instant after, Instant upTo) {
    return session.select(
            "SELECT due_at, entity_type, entity_id FROM " + keyspace
                + ".deadlines WHERE bucket = ? AND due_at > ? AND due_at <= ?",
            bucket, after, upTo)
        .map(CassandraDeadlineRepository::deadline);
  }

  /** One range tombstone per window: the scan never reads a row tombstone per delivered row. */
  @Override
  public CompletionStage<Done> removeDelivered(String bucket, Instant after, Instant upTo) {
    return session.executeWrite(
        "DELETE FROM " + keyspace + ".deadlines WHERE bucket = ? AND due_at > ? AND due_at <= ?",
        bucket, after, upTo);
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
