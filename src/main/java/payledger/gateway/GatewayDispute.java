package payledger.gateway;

import java.time.Instant;
import java.util.Locale;
import payledger.money.Money;

/**
 * A gateway's dispute (a chargeback or an inquiry) as the dispute side needs it, whichever gateway
 * reported it.
 *
 * @param disputeRef the gateway's id of the dispute (Stripe {@code dp_…}; for Adyen the disputed
 *     payment's PSP reference)
 * @param evidenceDueBy the gateway's deadline for the merchant's evidence, or null
 * @param outcome {@code WON} or {@code LOST} once the gateway decided, else null
 */
public record GatewayDispute(
    String gateway, String disputeRef, String reason, Money amount, Instant evidenceDueBy,
    String outcome) {

  public boolean isFraud() {
    return reason != null && reason.toLowerCase(Locale.ROOT).contains("fraud");
  }
}
