package payledger.report;

import java.util.Map;
import payledger.readmodel.KpiCatalog;
import payledger.settlement.RunTally;
import payledger.settlement.SettlementKpis;

/**
 * The report as CSV, one line per period, slice and figure:
 * {@code period_start,period_end,dimension,dimension_value,kpi,value,unit,target,comparison,met,numerator,denominator,pending,definition}.
 * The whole range comes last with {@code dimension} prefixed by {@code total:}. Empty cells are
 * nulls (nothing to judge yet, no target). A period in which nothing started has only its volume
 * lines (zeros) for {@code all}. {@code definition} says in words what the line counts. A period
 * with settlement lines adds its settlement figures under the dimensions {@code settlement},
 * {@code settlement_gateway}, {@code settlement_method} ({@code gateway/method}) and
 * {@code settlement_fees} ({@code gateway/method/currency}, in minor units).
 */
public final class ReportCsv {

  static final String HEADER = "period_start,period_end,dimension,dimension_value,kpi,value,unit,"
      + "target,comparison,met,numerator,denominator,pending,definition";

  private ReportCsv() {}

  public static String of(ReconciliationReport report) {
    StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
    for (ReconciliationReport.Section s : report.periods()) {
      section(csv, s, "");
    }
    section(csv, report.total(), "total:");
    return csv.toString();
  }

  private static void section(StringBuilder csv, ReconciliationReport.Section s, String prefix) {
    if (s.empty()) {
      String head = s.start() + "," + s.end() + "," + prefix + "all,,";
      KpiCatalog.VOLUMES.forEach(v -> count(csv, head, v.name(), 0, v.definition()));
    } else {
      kpis(csv, s, prefix + "all", "", s.overall());
      s.byPaymentMethod().forEach((v, k) -> kpis(csv, s, prefix + "payment_method", v, k));
      s.byGateway().forEach((v, k) -> kpis(csv, s, prefix + "gateway", v, k));
    }
    if (s.settlement() != null) {
      settlement(csv, s, prefix, s.settlement());
    }
  }

  private static void settlement(StringBuilder csv, ReconciliationReport.Section s, String prefix,
      SettlementKpis.Summary t) {
    String period = s.start() + "," + s.end() + "," + prefix;
    share(csv, period + "settlement,,", "paymentsSettledMatched", t.paymentsSettled(),
        "Payment lines of the gateways' settlement files that matched a ledger payment at its amount, of the payment lines settled.");
    share(csv, period + "settlement,,", "ledgerLinesMatched", t.ledgerLines(),
        "Settlement lines of payments, refunds, chargebacks and reversals that matched their ledger event at its amount, of those lines.");
    t.byGateway().forEach((g, share) -> share(csv, period + "settlement_gateway," + cell(g) + ",",
        "ledgerLinesMatched", share, "The same, for the lines of one gateway."));
    t.byMethod().forEach((m, share) -> share(csv, period + "settlement_method," + cell(m) + ",",
        "ledgerLinesMatched", share, "The same, for the lines of one gateway and payment method."));
    t.fees().forEach((key, fee) -> csv.append(period).append("settlement_fees,").append(cell(key))
        .append(",fees,").append(fee).append(",minor,,,,,,,")
        .append(cell("What the gateway kept in fees, in minor units of the settlement currency.")).append("\r\n"));
  }

  private static void share(StringBuilder csv, String head, String kpi, RunTally.Share share, String definition) {
    csv.append(head).append(kpi).append(',').append(share.percent()).append(",%,,,,")
        .append(share.matched()).append(',').append(share.lines()).append(",,").append(cell(definition))
        .append("\r\n");
  }

  private static void kpis(StringBuilder csv, ReconciliationReport.Section s, String dimension,
      String value, Kpis k) {
    String head = s.start() + "," + s.end() + "," + dimension + "," + cell(value) + ",";
    KpiCatalog.VOLUMES.forEach(v -> count(csv, head, v.name(), k.volume(v.name()), v.definition()));
    k.discrepanciesByType().forEach((type, n) ->
        count(csv, head, "discrepancies." + type, n, "Discrepancies of type " + type + " detected."));
    for (Map.Entry<String, Measure> e : k.measures().entrySet()) {
      Measure m = e.getValue();
      csv.append(head).append(e.getKey()).append(',').append(str(m.value())).append(',')
          .append(m.unit()).append(',').append(str(m.target())).append(',')
          .append(m.target() == null ? "" : m.comparison()).append(',').append(str(m.met())).append(',')
          .append(str(m.numerator())).append(',').append(str(m.denominator())).append(',')
          .append(str(m.pending())).append(',').append(cell(m.definition())).append("\r\n");
    }
  }

  private static void count(StringBuilder csv, String head, String kpi, long n, String definition) {
    csv.append(head).append(kpi).append(',').append(n).append(",count,,,,,,,").append(cell(definition))
        .append("\r\n");
  }

  private static String str(Object o) {
    return o == null ? "" : o.toString();
  }

  /** Quotes a value holding a comma, quote or line break (RFC 4180). */
  static String cell(String v) {
    if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
      return "\"" + v.replace("\"", "\"\"") + "\"";
    }
    return v;
  }
}
