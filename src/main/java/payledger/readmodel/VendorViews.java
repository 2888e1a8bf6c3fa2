package payledger.readmodel;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import payledger.vendor.VendorState;

/**
 * Where the vendor read-model projection keeps its folds ({@code rm_vendor_view}) and writes the
 * KPI facts of the vendors' payout periods: the facts first, then the fold, as for orders and cases.
 */
public interface VendorViews {

  CompletionStage<Optional<ReadModelStore.Stored<VendorState>>> vendorView(String vendorId);

  /** Writes the changed facts, then the vendor's fold at {@code seqNr}. */
  CompletionStage<Done> applyVendor(VendorState after, List<KpiFact> facts, long seqNr);
}
