package payledger.settlement;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import payledger.money.Money;

/**
 * Stripe's itemized payout reconciliation report ({@code payout_reconciliation.itemized.5}): one
 * balance transaction per record, amounts in major units, times in UTC, columns by their
 * documented names. A record belongs to the payout in {@code automatic_payout_id}. The ledger knows
 * a Stripe payment by its payment intent or its charge ({@code payment_intent_id}, {@code
 * charge_id}, {@code source_id}, tried in that order); {@code customer_facing_amount} in {@code
 * customer_facing_currency} is the amount charged when it differs from the settlement currency.
 * The optional column {@code payment_metadata[order_id]} names the order.
 */
final class StripeItemized implements Layout {

  static final List<String> REQUIRED = List.of("balance_transaction_id", "created_utc", "currency",
      "gross", "fee", "net", "reporting_category", "source_id", "automatic_payout_id");

  @Override
  public String name() {
    return "stripe";
  }

  @Override
  public List<String> required() {
    return REQUIRED;
  }

  @Override
  public SettlementLine read(Columns.Row row) {
    try {
      String currency = row.required("currency").toUpperCase(java.util.Locale.ROOT);
      Money gross = Amounts.money(row.required("gross"), currency);
      Money net = Amounts.money(row.required("net"), currency);
      Money stated = Amounts.money(row.get("fee"), currency);
      Money fee = gross.minus(net);
      if (Math.abs(stated.value()) != Math.abs(fee.value())) {
        throw new IllegalArgumentException("net " + row.get("net") + " is not gross " + row.get("gross")
            + " less fee " + row.get("fee"));
      }
      SettlementKind kind = kind(row.required("reporting_category"));
      Money charged = gross;
      BigDecimal rate = null;
      String facingCurrency = row.get("customer_facing_currency").toUpperCase(java.util.Locale.ROOT);
      if (!facingCurrency.isEmpty() && !facingCurrency.equals(currency)) {
        Money facing = Amounts.money(row.required("customer_facing_amount"), facingCurrency);
        long value = Math.abs(facing.value()) * Long.signum(gross.value());
        charged = new Money(value, facingCurrency);
        rate = value == 0 ? null : BigDecimal.valueOf(gross.value()).divide(BigDecimal.valueOf(value), 10,
            RoundingMode.HALF_EVEN).stripTrailingZeros();
      }
      List<String> references = new ArrayList<>(3);
      for (String column : List.of("payment_intent_id", "charge_id", "source_id")) {
        String ref = row.optional(column);
        if (ref != null && !references.contains(ref)) {
          references.add(ref);
        }
      }
      String method = Layout.method(row.optional("payment_method_type") != null
          ? row.get("payment_method_type") : row.get("card_brand").isEmpty() ? null : "card");
      return new SettlementLine(row.line(), name(), row.required("automatic_payout_id"),
          row.required("balance_transaction_id"), kind, references,
          row.optional("payment_metadata[order_id]"), method,
          Layout.time(row.required("created_utc"), ZoneOffset.UTC), charged, fee, net, rate);
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new MalformedSettlement(row.line(), e.getMessage());
    }
  }

  private static SettlementKind kind(String category) {
    return switch (category) {
      case "charge" -> SettlementKind.PAYMENT;
      case "refund" -> SettlementKind.REFUND;
      case "dispute" -> SettlementKind.CHARGEBACK;
      case "dispute_reversal" -> SettlementKind.CHARGEBACK_REVERSAL;
      case "fee" -> SettlementKind.FEE;
      case "payout" -> SettlementKind.PAYOUT;
      default -> SettlementKind.OTHER;
    };
  }
}
