package payledger.gateway;

import payledger.vendor.PayoutEvent;

/** What a gateway's payout message means: a payout event for a vendor or its account, or nothing. */
public sealed interface PayoutMessage {

  /**
   * @param vendorId the vendor, when the message names it (the generic format); else null
   * @param account the gateway's account of the vendor (a Stripe connected account, an Adyen account
   *     holder), looked up among the vendors' linked accounts; else null
   */
  record Payout(String vendorId, String account, PayoutEvent event) implements PayoutMessage {}

  /** Acknowledged, counted, not recorded: a type payledger does not use, or a redundant copy. */
  record Ignored(String eventType, String reason) implements PayoutMessage {}
}
