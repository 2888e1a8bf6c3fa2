package payledger.dispute;

import java.util.concurrent.CompletionStage;

/**
 * What a case needs from the order's ledger. Both calls are idempotent on the dispute id, so the
 * case simply retries them until confirmed: a crash between the two entities never applies a
 * resolution twice.
 */
public interface LedgerPort {

  /** The order lists the case among its disputes. */
  CompletionStage<Void> noteDispute(String orderId, String disputeId, DisputeCategory category);

  /** A resolution that moves money (refund, invoice adjustment, payment retry) reaches the order. */
  CompletionStage<Void> applyResolution(String orderId, String disputeId, CaseResolution resolution);
}
