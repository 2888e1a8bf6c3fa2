package payledger.vendor;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;

/**
 * The cases opened by or for each vendor, however they were opened (the vendor portal's form,
 * {@code POST /v1/vendors/{id}/cases}, any later path): what the vendor portal's issues page lists.
 * Written only by {@link VendorCaseProjection}, from the cases' {@code VendorReferenced} events; an
 * upsert keyed by (vendor, case), so a redelivered or replayed event writes the same row.
 */
public interface VendorCaseList {

  /** At most this many of a vendor's cases are listed. */
  int LIMIT = 200;

  CompletionStage<Done> add(String vendorId, String disputeId, Instant openedAt);

  /** The ids of the vendor's cases, at most {@link #LIMIT}. */
  CompletionStage<List<String>> of(String vendorId);
}
