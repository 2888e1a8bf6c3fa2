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

  CompletionStage<Done> add(String vendorId, String disputeId, Instant openedAt);

  /** Every case listed for the vendor, in no particular order. */
  CompletionStage<List<Listed>> all(String vendorId);

  /**
   * One page of the vendor's cases, newest first ({@link VendorCasePages}): the first page, or the
   * one after the case {@code after} (the last of an earlier page).
   */
  default CompletionStage<VendorCasePages.Page> page(String vendorId, int size, Listed after) {
    return all(vendorId).thenApply(rows -> VendorCasePages.page(rows, size, after));
  }

  /** A listed case and when it was opened (null for a row that never recorded it). */
  record Listed(String disputeId, Instant openedAt) {}
}
