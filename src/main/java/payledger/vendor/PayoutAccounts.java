package payledger.vendor;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Which vendor a gateway account belongs to (a Stripe connected account, an Adyen account holder):
 * a gateway's payout names the account, the ledger is the vendor's. One account is one vendor's.
 */
public interface PayoutAccounts {

  /** What became of a link: made now, there already, or the account is another vendor's. */
  enum Linked {
    LINKED,
    ALREADY,
    OTHER_VENDOR
  }

  CompletionStage<Linked> link(String gateway, String account, String vendorId);

  CompletionStage<Optional<String>> vendorOf(String gateway, String account);
}
