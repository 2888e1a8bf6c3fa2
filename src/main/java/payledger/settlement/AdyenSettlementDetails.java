package payledger.settlement;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.DateTimeException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import payledger.money.Money;

/**
 * Adyen's Settlement details report: one record per settled journal entry, columns by their
 * documented names ("Psp Reference", "Gross Credit (GC)", "Net Debit (NC)", "Batch Number", …),
 * amounts in major units, the gross in the charge's currency (GC), the net and the fees (commission,
 * markup, scheme fees, interchange) in the settlement currency (NC). A modification (refund,
 * chargeback) carries its payment's "Psp Reference", which is how the ledger knows it; the
 * "MerchantPayout" record is the payout. A batch is {@code <Merchant Account>:<Batch Number>}.
 */
final class AdyenSettlementDetails implements Layout {

  static final List<String> REQUIRED = List.of("Merchant Account", "Psp Reference", "Creation Date",
      "Type", "Gross Currency", "Gross Debit (GC)", "Gross Credit (GC)", "Net Currency",
      "Net Debit (NC)", "Net Credit (NC)", "Batch Number");

  private static final List<String> FEES =
      List.of("Commission (NC)", "Markup (NC)", "Scheme Fees (NC)", "Interchange (NC)");

  /** The abbreviations Adyen writes in "TimeZone" that {@link ZoneId} does not know. */
  private static final Map<String, ZoneOffset> ABBREVIATIONS = Map.of(
      "UTC", ZoneOffset.UTC, "GMT", ZoneOffset.UTC, "CET", ZoneOffset.ofHours(1),
      "CEST", ZoneOffset.ofHours(2), "BST", ZoneOffset.ofHours(1), "EET", ZoneOffset.ofHours(2),
      "EEST", ZoneOffset.ofHours(3));

  @Override
  public String name() {
    return "adyen";
  }

  @Override
  public List<String> required() {
    return REQUIRED;
  }

  @Override
  public SettlementLine read(Columns.Row row) {
    try {
      String netCurrency = row.required("Net Currency").toUpperCase(Locale.ROOT);
      Money net = Amounts.money(row.get("Net Credit (NC)"), netCurrency)
          .minus(Amounts.money(row.get("Net Debit (NC)"), netCurrency));
      Money fee = Money.zero(netCurrency);
      for (String column : FEES) {
        fee = fee.plus(Amounts.money(row.get(column), netCurrency));
      }
      String grossCurrency = row.get("Gross Currency").toUpperCase(Locale.ROOT);
      Money gross = grossCurrency.isEmpty() ? net
          : Amounts.money(row.get("Gross Credit (GC)"), grossCurrency)
              .minus(Amounts.money(row.get("Gross Debit (GC)"), grossCurrency));
      BigDecimal rate = gross.currency().equals(netCurrency) ? null : Amounts.rate(row.required("Exchange Rate"));
      SettlementKind kind = kind(row.required("Type"));
      String psp = row.optional("Psp Reference");
      if (kind.matchesLedger() && psp == null) {
        throw new IllegalArgumentException("\"Psp Reference\" is empty on a " + row.get("Type") + " record");
      }
      String modification = row.optional("Modification Reference");
      String lineId = modification != null ? modification : psp != null ? psp + ":" + row.get("Type") : null;
      String batch = row.required("Merchant Account") + ":" + batchNumber(row.required("Batch Number"));
      return new SettlementLine(row.line(), name(), batch, lineId, kind,
          psp == null ? List.of() : List.of(psp), row.optional("Merchant Reference"),
          Layout.method(row.optional("Payment Method")),
          Layout.time(row.required("Creation Date"), offset(row.get("TimeZone"))), gross, fee, net, rate);
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new MalformedSettlement(row.line(), e.getMessage());
    }
  }

  private static final java.util.regex.Pattern BATCH_NUMBER = java.util.regex.Pattern.compile("[0-9]{1,12}");

  private static String batchNumber(String text) {
    if (!BATCH_NUMBER.matcher(text).matches()) {
      throw new IllegalArgumentException("\"Batch Number\" must be a number: \"" + text + "\"");
    }
    return text;
  }

  private static ZoneId offset(String zone) {
    if (zone.isEmpty()) {
      return ZoneOffset.UTC;
    }
    ZoneOffset known = ABBREVIATIONS.get(zone.toUpperCase(Locale.ROOT));
    if (known != null) {
      return known;
    }
    try {
      return ZoneId.of(zone);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("unknown \"TimeZone\": \"" + zone + "\"");
    }
  }

  private static SettlementKind kind(String type) {
    return switch (type) {
      case "Settled", "SettledBulk" -> SettlementKind.PAYMENT;
      case "Refunded", "RefundedBulk" -> SettlementKind.REFUND;
      case "Chargeback", "SecondChargeback" -> SettlementKind.CHARGEBACK;
      case "ChargebackReversed" -> SettlementKind.CHARGEBACK_REVERSAL;
      case "Fee", "InvoiceDeduction", "PaymentCost" -> SettlementKind.FEE;
      case "MerchantPayout" -> SettlementKind.PAYOUT;
      default -> SettlementKind.OTHER;
    };
  }
}
