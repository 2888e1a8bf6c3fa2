package payledger.readmodel;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSession;
import payledger.cassandra.PartitionWrites;

/**
 * The working sets (the open discrepancy queue, the active cases) in one partition per UTC hour of
 * their deadline, and the index of the hours that hold rows ({@value #INDEX}), for one projection
 * group: the hours its rows went into and the hours it deleted rows from.
 *
 * <p>An hour's index row is written after (not beside) its rows, and an hour a group deleted from
 * is read ({@code LIMIT 1}) and, when empty, loses its index row with a delete {@code USING
 * TIMESTAMP} of a moment before that read, less {@link #SKEW}. An insert into the hour that the
 * read did not see wrote its index row after the read began, so with a later timestamp: it wins
 * over the delete, and an hour that holds rows is never left out of the index. An hour indexed
 * within {@link #SKEW} of emptying may keep its row: a listing then reads one empty partition.
 */
final class WorkingSets {

  static final String OPEN = "open";
  static final String ACTIVE = "active";
  static final String INDEX = "rm_working_hours";
  /** The clocks of the nodes (and of Cassandra) may differ by this much. */
  static final Duration SKEW = Duration.ofSeconds(2);

  private record Hour(String list, String hour) {}

  private final Set<Hour> filled = new LinkedHashSet<>();
  private final Set<Hour> emptied = new LinkedHashSet<>();

  /** A row went into {@code hour} of {@code list}. */
  void filled(String list, String hour) {
    filled.add(new Hour(list, hour));
  }

  /** A row left {@code hour} of {@code list}. */
  void emptied(String list, String hour) {
    emptied.add(new Hour(list, hour));
  }

  static String table(String list) {
    return OPEN.equals(list) ? ReadModelRows.OPEN_DISCREPANCIES : ReadModelRows.ACTIVE_DISPUTES;
  }

  /** After the group's rows are written: the index rows of the hours filled, then the emptied hours'. */
  CompletionStage<Done> index(CassandraSession session, String ks) {
    PartitionWrites rows = new PartitionWrites();
    filled.forEach(h -> rows.add(INDEX + "|" + h.list(), "INSERT INTO " + ks + "." + INDEX
        + " (list, hour) VALUES (?, ?)", h.list(), h.hour()));
    return rows.execute(session).thenCompose(done -> {
      List<CompletableFuture<Done>> checks = new ArrayList<>();
      for (Hour h : emptied) {
        if (!filled.contains(h)) {
          checks.add(dropIfEmpty(session, ks, h).toCompletableFuture());
        }
      }
      return CompletableFuture.allOf(checks.toArray(CompletableFuture[]::new))
          .thenApply(v -> Done.getInstance());
    });
  }

  private static CompletionStage<Done> dropIfEmpty(CassandraSession session, String ks, Hour h) {
    long before = micros(Instant.now().minus(SKEW));
    return session.selectOne("SELECT resolve_by FROM " + ks + "." + table(h.list())
        + " WHERE hour = ? LIMIT 1", h.hour())
        .thenCompose(row -> row.isPresent() ? CompletableFuture.completedFuture(Done.getInstance())
            : session.executeWrite("DELETE FROM " + ks + "." + INDEX + " USING TIMESTAMP ?"
                + " WHERE list = ? AND hour = ?", before, h.list(), h.hour()));
  }

  private static long micros(Instant at) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, at);
  }
}
