package payledger.vendor;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.junit.jupiter.api.Test;
import payledger.dispute.DisputeEvent;
import payledger.dispute.Lifecycle;

/**
 * The {@code vendor-cases} projection lists a case on its vendor's list from the case's
 * {@code VendorReferenced} event, whoever opened it; on that vendor's list only; once, however
 * often the event is delivered; and nothing for other events.
 */
class VendorCaseProjectionTest {

  private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

  /** The list in memory: vendor → case → when it opened, in the order first written. */
  private static final class Listed implements VendorCaseList {
    final Map<String, Map<String, Instant>> rows = new LinkedHashMap<>();
    int writes;

    @Override
    public CompletionStage<Done> add(String vendorId, String disputeId, Instant openedAt) {
      writes++;
      rows.computeIfAbsent(vendorId, v -> new LinkedHashMap<>()).put(disputeId, openedAt);
      return CompletableFuture.completedFuture(Done.getInstance());
    }

    @Override
    public CompletionStage<List<Listed>> all(String vendorId) {
      List<Listed> all = new ArrayList<>();
      rows.getOrDefault(vendorId, Map.of()).forEach((id, at) -> all.add(new Listed(id, at)));
      return CompletableFuture.completedFuture(all);
    }
  }

  private final Listed list = new Listed();
  private final VendorCaseProjection handler = new VendorCaseProjection(list);
  private long seq;

  private void deliver(DisputeEvent event) throws Exception {
    handler.process(EventEnvelope.create(Offset.sequence(++seq), "Dispute|" + event.disputeId(),
        seq, event, event.at().toEpochMilli())).toCompletableFuture().get();
  }

  private List<String> of(String vendor) throws Exception {
    return list.all(vendor).toCompletableFuture().get().stream()
        .map(VendorCaseList.Listed::disputeId).toList();
  }

  @Test
  void everyVendorCaseIsListedForItsVendorOnly() throws Exception {
    // Opened through the portal's form (with a payout discrepancy) and by support over the API.
    deliver(new DisputeEvent.VendorReferenced("PL-PORTAL1", "acme", "PD1", T0));
    deliver(new DisputeEvent.VendorReferenced("PL-SUPPORT1", "acme", null, T0.plusSeconds(60)));
    deliver(new DisputeEvent.VendorReferenced("PL-OTHER1", "bolt", null, T0.plusSeconds(120)));
    assertEquals(List.of("PL-PORTAL1", "PL-SUPPORT1"), of("acme"));
    assertEquals(List.of("PL-OTHER1"), of("bolt"));
    assertEquals(List.of(), of("nobody"));
    assertEquals(T0.plusSeconds(60), list.rows.get("acme").get("PL-SUPPORT1"), "listed as of its opening");
  }

  @Test
  void aRedeliveredOrReplayedEventListsTheCaseOnce() throws Exception {
    DisputeEvent.VendorReferenced referenced = new DisputeEvent.VendorReferenced("PL-VC1", "acme", null, T0);
    deliver(referenced);
    deliver(referenced);
    deliver(referenced);
    assertEquals(List.of("PL-VC1"), of("acme"));
    assertEquals(Map.of("PL-VC1", T0), list.rows.get("acme"), "the same row each time");
  }

  @Test
  void otherCaseEventsWriteNothing() throws Exception {
    deliver(new DisputeEvent.ActionTaken("PL-VC1", Lifecycle.Action.ACKNOWLEDGE, "agent-7", null, T0));
    deliver(new DisputeEvent.OrderNoted("PL-C2", T0));
    assertEquals(0, list.writes);
    assertTrue(list.rows.isEmpty());
  }
}
