package payledger.sla;

import com.datastax.oss.driver.api.core.uuid.Uuids;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.persistence.cassandra.query.javadsl.CassandraReadJournal;
import org.apache.pekko.persistence.query.NoOffset;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.persistence.query.TimeBasedUUID;
import org.apache.pekko.projection.ProjectionId;
import org.apache.pekko.projection.javadsl.ProjectionManagement;
import org.apache.pekko.stream.javadsl.Sink;
import payledger.order.OrderLedger;
import payledger.readmodel.ReadModelProjections;

/**
 * How far the order projection ({@code readmodel-orders}, one instance per order tag) has come,
 * in journal time (the wall clock of the nodes that wrote the events): every order event written
 * before the instant answered is in the read models. Per tag, the time of its stored offset; for a
 * tag whose offset is older than what is asked (an idle tag, or a projection behind), the journal
 * is asked for the tag's first event after that offset: everything before it was projected, or,
 * when there is none, everything up to what the query could see (now less the events-by-tag
 * query's eventual-consistency delay). What a tag was found clean up to is remembered, so an idle
 * tag is not read from its old offset again.
 */
public final class OrderProjectionProgress implements PaymentGraceScan.Progress {

  private final ActorSystem<?> system;
  private final CassandraReadJournal journal;
  private final Duration queryDelay;
  private final Map<String, Clean> clean = new ConcurrentHashMap<>();

  /** A tag with its offset at {@code offset} had nothing after it up to {@code upTo}. */
  private record Clean(Optional<Offset> offset, Instant upTo) {}

  public OrderProjectionProgress(ActorSystem<?> system) {
    this.system = system;
    this.journal = PersistenceQuery.get(system)
        .getReadJournalFor(CassandraReadJournal.class, CassandraReadJournal.Identifier());
    // The query sees an event once it is this old; a second more for the clocks of the nodes.
    this.queryDelay = system.settings().config()
        .getDuration("pekko.persistence.cassandra.events-by-tag.eventual-consistency-delay")
        .plusSeconds(1);
  }

  @Override
  public CompletionStage<Instant> processedUpTo(Instant wanted) {
    List<CompletableFuture<Instant>> tags = OrderLedger.TAGS.stream()
        .map(tag -> tag(tag, wanted).toCompletableFuture()).toList();
    return CompletableFuture.allOf(tags.toArray(CompletableFuture[]::new))
        .thenApply(v -> tags.stream().map(CompletableFuture::join).min(Instant::compareTo)
            .orElse(Instant.EPOCH));
  }

  private CompletionStage<Instant> tag(String tag, Instant wanted) {
    ProjectionId id = ProjectionId.of(ReadModelProjections.ORDERS, tag);
    return ProjectionManagement.get(system).<Offset>getOffset(id).thenCompose(offset -> {
      // Events of the offset's millisecond after it may still be pending.
      Instant stored = offset.map(o -> time(o).minusMillis(1)).orElse(Instant.EPOCH);
      if (!stored.isBefore(wanted)) {
        return CompletableFuture.completedFuture(stored);
      }
      Clean known = clean.get(tag);
      Offset from = known != null && known.offset().equals(offset)
          ? TimeBasedUUID.apply(Uuids.startOf(known.upTo().toEpochMilli())) // nothing before
          : offset.orElse(NoOffset.getInstance());
      Instant visible = Instant.now().minus(queryDelay);
      return journal.currentEventsByTag(tag, from).take(1)
          .runWith(Sink.headOption(), system)
          .thenApply(first -> {
            Instant upTo = first.map(e -> time(e.offset()).minusMillis(1)).orElse(visible);
            Instant after = upTo.isBefore(stored) ? stored : upTo;
            clean.put(tag, new Clean(offset, after));
            return after;
          });
    });
  }

  private static Instant time(Offset offset) {
    return offset instanceof TimeBasedUUID uuid
        ? Instant.ofEpochMilli(Uuids.unixTimestamp(uuid.value())) : Instant.EPOCH;
  }
}
