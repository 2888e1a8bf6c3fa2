package payledger.vendor;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.projection.cassandra.javadsl.CassandraProjection;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.javadsl.Handler;
import payledger.dispute.Dispute;
import payledger.dispute.DisputeEvent;
import payledger.projection.TagProjections;

/**
 * The {@code vendor-cases} projection: its own pass over the dispute tags (its own offsets) that
 * lists each vendor's cases ({@link VendorCaseList}). Every vendor case, whoever opened it and
 * however, is journaled with a {@link DisputeEvent.VendorReferenced} naming its vendor
 * ({@code Dispute.OpenForVendor}): that event, and nothing else, puts the case on its vendor's
 * list, so no opening path writes the list itself and none can forget it. At least once: the row
 * is an upsert, so a redelivery or a replay changes nothing.
 *
 * <p>A keyspace where the projection never ran starts it at the journal's first time bucket
 * ({@code events-by-tag.first-time-bucket}), so the cases opened before it existed are listed too.
 */
public final class VendorCaseProjection extends Handler<EventEnvelope<DisputeEvent>> {

  public static final String PROJECTION = "vendor-cases";

  private static final CompletionStage<Done> DONE = CompletableFuture.completedFuture(Done.getInstance());

  private final VendorCaseList list;

  public VendorCaseProjection(VendorCaseList list) {
    this.list = list;
  }

  public static void init(ActorSystem<?> system, VendorCaseList list) {
    TagProjections.<DisputeEvent>init(system, PROJECTION, Dispute.TAGS,
        (id, source) -> CassandraProjection.atLeastOnce(id, source, () -> new VendorCaseProjection(list)));
  }

  @Override
  public CompletionStage<Done> process(EventEnvelope<DisputeEvent> envelope) {
    return envelope.event() instanceof DisputeEvent.VendorReferenced v
        ? list.add(v.vendorId(), v.disputeId(), v.at())
        : DONE;
  }
}
