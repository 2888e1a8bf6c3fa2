package payledger.vendor;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.persistence.cassandra.query.javadsl.CassandraReadJournal;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.projection.cassandra.javadsl.CassandraProjection;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.javadsl.Handler;
import org.apache.pekko.stream.javadsl.Sink;
import payledger.order.OrderEvent;
import payledger.order.OrderLedger;
import payledger.projection.TagProjections;

/**
 * The {@code vendor-shares} projection: its own pass over the order tags (its own offsets), which
 * turns each order event that may move money into {@link ShareUpdate}s for the order's vendors
 * ({@link OrderShares}) and sends them to their {@link VendorLedger}s. At least once: an update
 * is keyed by the order's event (sequence number) and cumulative, so a redelivery, a replay or a
 * duplicate never applies twice.
 *
 * <p>An update needs the order as it was at the event: the order's events up to it, read from the
 * journal by persistence id ({@link History}), for the few event types that may move money. An
 * order registered without a vendor on any line never moves a vendor's money (its lines are fixed
 * at registration), so the pass remembers such orders from their registration and reads no
 * history for their payments (measured: ~1.8 journal reads per payment event otherwise). The
 * memory is bounded; an order it forgot, or registered before a restart, is read as before.
 */
public final class VendorShares extends Handler<EventEnvelope<OrderEvent>> {

  public static final String PROJECTION = "vendor-shares";

  /** The order's events from its first up to and including {@code toSeqNr}. */
  public interface History {
    CompletionStage<List<OrderEvent>> upTo(String persistenceId, long toSeqNr);
  }

  /** Where the updates go: the vendor's ledger. */
  public interface Ledgers {
    CompletionStage<Done> recordShare(String vendorId, ShareUpdate update);
  }

  /** Orders remembered to have no vendor: at most this many, the oldest forgotten first. */
  static final int VENDORLESS_REMEMBERED = 100_000;

  private final History history;
  private final Ledgers ledgers;
  private final Set<String> vendorless = Collections.newSetFromMap(new LinkedHashMap<>() {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
      return size() > VENDORLESS_REMEMBERED;
    }
  });

  public VendorShares(History history, Ledgers ledgers) {
    this.history = history;
    this.ledgers = ledgers;
  }

  public static void init(ActorSystem<?> system, Duration askTimeout) {
    VendorClient client = new VendorClient(ClusterSharding.get(system), askTimeout);
    History history = journal(system);
    TagProjections.<OrderEvent>init(system, PROJECTION, OrderLedger.TAGS,
        (id, source) -> CassandraProjection.atLeastOnce(id, source,
            () -> new VendorShares(history, client::recordShare)));
  }

  /** The order history from the Cassandra journal (domain events: the journal's adapter unchains). */
  public static History journal(ActorSystem<?> system) {
    CassandraReadJournal journal = PersistenceQuery.get(system)
        .getReadJournalFor(CassandraReadJournal.class, CassandraReadJournal.Identifier());
    return (persistenceId, toSeqNr) -> journal
        .currentEventsByPersistenceId(persistenceId, 0L, toSeqNr)
        .map(envelope -> (OrderEvent) envelope.event())
        .runWith(Sink.seq(), system);
  }

  @Override
  public CompletionStage<Done> process(EventEnvelope<OrderEvent> envelope) {
    String orderId = envelope.event().orderId();
    if (envelope.event() instanceof OrderEvent.OrderRegistered registered
        && registered.invoice().items().stream().allMatch(line -> line.vendorId() == null)) {
      vendorless.add(orderId);
    }
    if (!OrderShares.mayMoveMoney(envelope.event()) || vendorless.contains(orderId)) {
      return CompletableFuture.completedFuture(Done.getInstance());
    }
    return history.upTo(envelope.persistenceId(), envelope.sequenceNr())
        .thenCompose(events -> send(OrderShares.updates(orderId, events, envelope.sequenceNr(),
            Instant.ofEpochMilli(envelope.timestamp()))));
  }

  private CompletionStage<Done> send(List<ShareUpdate> updates) {
    // One update per vendor, in the order's vendor order; each ledger applies its own once.
    CompletionStage<Done> all = CompletableFuture.completedFuture(Done.getInstance());
    for (ShareUpdate u : updates) {
      all = all.thenCompose(d -> ledgers.recordShare(u.vendorId(), u));
    }
    return all;
  }
}
