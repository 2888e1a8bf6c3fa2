package payledger.settlement;

import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import payledger.money.Money;

/**
 * The generic settlement CSV for any other gateway (docs/SETTLEMENTS.md): {@code gateway, batch_id,
 * line_id, type, payment_id, order_id, method, occurred_at, gross, gross_currency, fee, net,
 * net_currency, exchange_rate}; {@code type} is a {@link SettlementKind} name, amounts in major
 * units with the merchant's signs, {@code fee} positive for a cost.
 */
final class GenericSettlementCsv implements Layout {

  private static final java.util.regex.Pattern GATEWAY = java.util.regex.Pattern.compile("[a-z0-9_\\-]{1,40}");
  static final List<String> HEADER = List.of("gateway", "batch_id", "line_id", "type", "payment_id",
      "order_id", "method", "occurred_at", "gross", "gross_currency", "fee", "net", "net_currency",
      "exchange_rate");

  static final List<String> REQUIRED = List.of("gateway", "batch_id", "type", "payment_id",
      "occurred_at", "gross", "gross_currency", "net", "net_currency");

  @Override
  public String name() {
    return "generic";
  }

  @Override
  public List<String> required() {
    return REQUIRED;
  }

  @Override
  public SettlementLine read(Columns.Row row) {
    try {
      SettlementKind kind = kind(row.required("type"));
      String netCurrency = row.required("net_currency").toUpperCase(Locale.ROOT);
      Money net = Amounts.money(row.required("net"), netCurrency);
      Money fee = Amounts.money(row.get("fee"), netCurrency);
      String grossCurrency = row.get("gross_currency").toUpperCase(Locale.ROOT);
      Money gross = grossCurrency.isEmpty() ? net : Amounts.money(row.get("gross"), grossCurrency);
      BigDecimal rate = gross.currency().equals(netCurrency) ? null : Amounts.rate(row.required("exchange_rate"));
      String payment = row.optional("payment_id");
      if (kind.matchesLedger() && payment == null) {
        throw new IllegalArgumentException("\"payment_id\" is empty on a " + kind + " line");
      }
      String gateway = row.required("gateway").toLowerCase(Locale.ROOT);
      if (!GATEWAY.matcher(gateway).matches()) {
        throw new IllegalArgumentException("\"gateway\" must be a gateway name: \"" + gateway + "\"");
      }
      return new SettlementLine(row.line(), gateway, row.required("batch_id"), row.optional("line_id"),
          kind, payment == null ? List.of() : List.of(payment), row.optional("order_id"),
          Layout.method(row.optional("method")), Layout.time(row.required("occurred_at"), ZoneOffset.UTC),
          gross, fee, net, rate);
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new MalformedSettlement(row.line(), e.getMessage());
    }
  }

  private static SettlementKind kind(String type) {
    try {
      return SettlementKind.valueOf(type.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("\"type\" must be one of PAYMENT, REFUND, CHARGEBACK,"
          + " CHARGEBACK_REVERSAL, FEE, PAYOUT, OTHER: \"" + type + "\"");
    }
  }
}
