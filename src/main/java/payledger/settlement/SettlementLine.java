package payledger.settlement;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import payledger.money.Money;

/**
 * One line of a settlement file, in any layout, normalized. Signs are the merchant's: a credit
 * (payment) is positive, a debit (refund, chargeback, the payout) negative.
 *
 * @param line the physical line of the file it was read from (the header is line 1)
 * @param gateway {@code stripe}, {@code adyen}, or the generic file's gateway
 * @param batch the payout batch it belongs to (Stripe's automatic payout id, Adyen's
 *     {@code merchant account:batch number}, the generic {@code batch_id})
 * @param lineId the gateway's id of the line (balance transaction, modification reference)
 * @param references the gateway's payment ids to match the ledger by, most specific first
 * @param merchantReference the order id when the gateway carries one, else null
 * @param method the payment method as the gateway names it, or null
 * @param gross the amount charged, in the charge's currency (what the ledger journaled)
 * @param fee what the gateway kept, in the settlement currency (positive is a cost)
 * @param net what the line adds to the payout, in the settlement currency
 * @param exchangeRate settlement units per charge unit; null when both currencies are one
 */
public record SettlementLine(
    long line,
    String gateway,
    String batch,
    String lineId,
    SettlementKind kind,
    List<String> references,
    String merchantReference,
    String method,
    Instant occurredAt,
    Money gross,
    Money fee,
    Money net,
    BigDecimal exchangeRate) {

  public SettlementLine {
    Objects.requireNonNull(gateway, "gateway");
    Objects.requireNonNull(batch, "batch");
    Objects.requireNonNull(kind, "kind");
    references = List.copyOf(references);
    Objects.requireNonNull(gross, "gross");
    Objects.requireNonNull(fee, "fee");
    Objects.requireNonNull(net, "net");
    if (!fee.currency().equals(net.currency())) {
      throw new IllegalArgumentException("fee and net must be in the settlement currency");
    }
  }

  /** True when the charge and the settlement are in different currencies. */
  public boolean converted() {
    return !gross.currency().equals(net.currency());
  }
}
