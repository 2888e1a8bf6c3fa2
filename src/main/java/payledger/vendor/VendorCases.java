package payledger.vendor;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import payledger.dispute.CaseDetails;
import payledger.dispute.Dispute;
import payledger.dispute.DisputeClient;

/**
 * A case opened by or for a vendor about its payouts (source {@code VENDOR}, a payout category):
 * the vendor must be known to its ledger (a {@code NOT_FOUND} refusal otherwise), and a payout
 * discrepancy the case names must be one of the vendor's ({@link Result.NoSuchDiscrepancy}
 * otherwise). The case then runs the lifecycle and SLA of every case, referencing the vendor
 * instead of a customer.
 */
public final class VendorCases {

  /** What became of the request. */
  public sealed interface Result {
    record Opened(Dispute.View view) implements Result {}

    /** The payout discrepancy named is not the vendor's: nothing was opened. */
    record NoSuchDiscrepancy() implements Result {}
  }

  private final VendorClient vendors;
  private final DisputeClient disputes;

  public VendorCases(VendorClient vendors, DisputeClient disputes) {
    this.vendors = vendors;
    this.disputes = disputes;
  }

  /** @param payoutDiscrepancyId one of the vendor's payout discrepancies, or null */
  public CompletionStage<Result> open(String vendorId, String disputeId, CaseDetails details,
      String payoutDiscrepancyId) {
    return vendors.get(vendorId).thenCompose(view -> payoutDiscrepancyId != null
        && view.vendor().payouts().discrepancy(payoutDiscrepancyId) == null
        ? CompletableFuture.completedFuture(new Result.NoSuchDiscrepancy())
        : disputes.openForVendor(disputeId, details, vendorId, payoutDiscrepancyId)
            .thenApply(Result.Opened::new));
  }
}
