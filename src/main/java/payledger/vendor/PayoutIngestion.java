package payledger.vendor;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import payledger.order.AskFailure;
import payledger.order.Rejection;

/**
 * The one path by which a gateway's payout event reaches a vendor's ledger: the vendor named by the
 * event, or the one its gateway account is linked to ({@link PayoutAccounts}), then
 * {@link VendorClient#recordPayout}. The stage completes only once the event is journaled; a
 * redelivery completes as a duplicate without effect. An account linked to no vendor is refused as
 * not found (the gateway retries; link the account, and its next retry is recorded).
 */
public final class PayoutIngestion {

  private final VendorClient vendors;
  private final PayoutAccounts accounts;

  public PayoutIngestion(VendorClient vendors, PayoutAccounts accounts) {
    this.vendors = vendors;
    this.accounts = accounts;
  }

  /** @param vendorId the vendor, or null to look up {@code account} of the event's gateway */
  public CompletionStage<VendorLedger.PayoutAck> record(String vendorId, String account, PayoutEvent event) {
    if (vendorId != null) {
      return vendors.recordPayout(vendorId, event);
    }
    return unavailableOnFailure(accounts.vendorOf(event.gateway(), account)).thenCompose(vendor -> vendor
        .map(id -> vendors.recordPayout(id, event))
        .orElseGet(() -> CompletableFuture.failedFuture(new AskFailure.Refused(Rejection.NOT_FOUND,
            "no vendor is linked to " + event.gateway() + " account " + account))));
  }

  /** Links a gateway account to a vendor that exists; refused when it is another vendor's. */
  public CompletionStage<PayoutAccounts.Linked> link(String vendorId, String gateway, String account) {
    return vendors.get(vendorId)
        .thenCompose(view -> unavailableOnFailure(accounts.link(gateway, account, vendorId)))
        .thenCompose(linked -> linked == PayoutAccounts.Linked.OTHER_VENDOR
            ? CompletableFuture.failedFuture(new AskFailure.Refused(Rejection.CONFLICT,
                gateway + " account " + account + " is linked to another vendor"))
            : CompletableFuture.completedFuture(linked));
  }

  /** The account table unreachable is the ledger unreachable: 503, the gateway retries. */
  private static <T> CompletionStage<T> unavailableOnFailure(CompletionStage<T> stage) {
    return stage.handle((value, failure) -> {
      if (failure != null) {
        throw new AskFailure.Unavailable("vendor payout accounts: " + failure.getMessage());
      }
      return value;
    });
  }
}
