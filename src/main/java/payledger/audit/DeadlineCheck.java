package payledger.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSession;
import payledger.sla.Deadline;

/**
 * The replayed journal against the deadlines table (payledger.sla): every wake-up the entity asks
 * for that is still ahead must be in the table, in its hour's bucket. Wake-ups already due may have
 * been delivered and removed: not compared. The deadlines table keeps no sequence number, so an
 * entity with events younger than {@code projectionLag} may not be projected yet: it is reported
 * behind, not compared. Orders follow the projection's rule ({@code WakeUp.row}): the
 * payment grace of an order awaiting payment has no row (the scheduler reads the orders awaiting
 * payment from the order list instead, which the read-model check compares), so it is not looked
 * for here; a row the previous version wrote for it may still be there, and is not an error.
 */
public final class DeadlineCheck implements EntityCheck {

  private final CassandraSession session;
  private final String keyspace;
  private final Clock clock;
  private final Duration projectionLag;
  private final Map<String, Function<VerifiedEntity<?, ?>, List<Instant>>> wakeUps;

  /**
   * @param wakeUps per entity type, the wake-ups a replayed entity asks for (the projection's own
   *     rule)
   */
  public DeadlineCheck(CassandraSession session, String keyspace, Clock clock,
      Duration projectionLag, Map<String, Function<VerifiedEntity<?, ?>, List<Instant>>> wakeUps) {
    this.session = session;
    this.keyspace = keyspace;
    this.clock = clock;
    this.projectionLag = projectionLag;
    this.wakeUps = Map.copyOf(wakeUps);
  }

  /** The wake-ups of every replayed event, for entities whose projection writes one set per event. */
  public static Function<VerifiedEntity<?, ?>, List<Instant>> perEvent(
      Function<Object, List<Instant>> rule) {
    return entity -> entity.replayed().stream().flatMap(e -> rule.apply(e).stream()).toList();
  }

  @Override
  public Kind kind() {
    return Kind.READ_MODEL;
  }

  @Override
  public String name() {
    return "deadlines table";
  }

  @Override
  public CompletionStage<Result> check(VerifiedEntity<?, ?> entity) {
    Function<VerifiedEntity<?, ?>, List<Instant>> rule = wakeUps.get(entity.entity().entityType());
    List<JournalRow> rows = entity.rows();
    if (rule == null || rows.isEmpty()) {
      return CompletableFuture.completedFuture(Result.agree());
    }
    Instant last = rows.get(rows.size() - 1).timestamp();
    if (last.isAfter(Instant.now().minus(projectionLag))) {
      return CompletableFuture.completedFuture(Result.behind("its last event (" + last
          + ") is younger than payledger.audit.projection-lag (" + projectionLag + ")"));
    }
    Instant now = clock.instant();
    List<CompletableFuture<Difference>> lookups = new ArrayList<>();
    for (Instant due : rule.apply(entity).stream().distinct().toList()) {
      if (due.isAfter(now)) {
        Deadline d = new Deadline(entity.entity().entityType(), entity.entityId(), due);
        lookups.add(present(d).thenApply(found -> found ? null
            : new Difference("deadlines", "due_at", due.toString(), "absent"))
            .toCompletableFuture());
      }
    }
    return CompletableFuture.allOf(lookups.toArray(CompletableFuture[]::new))
        .thenApply(done -> Result.differ(lookups.stream().map(CompletableFuture::join)
            .filter(java.util.Objects::nonNull).toList()));
  }

  private CompletionStage<Boolean> present(Deadline d) {
    return session.selectOne("SELECT entity_id FROM " + keyspace + ".deadlines WHERE bucket = ? "
            + "AND due_at = ? AND entity_type = ? AND entity_id = ?",
            Deadline.bucket(d.dueAt()), d.dueAt(), d.entityType(), d.entityId())
        .thenApply(row -> row.isPresent());
  }
}
