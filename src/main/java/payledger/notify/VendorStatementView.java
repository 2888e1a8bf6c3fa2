package payledger.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import payledger.money.MoneyFormat;
import payledger.vendor.Movement;
import payledger.vendor.Statement;

/**
 * A vendor's statement as its PDF shows it (the values of {@code vendor_statement.html.mustache},
 * rendered to PDF by {@link ReceiptPdf} like a receipt): the opening balance, every movement with
 * its gross, commission, net and the running balance, the period summed by group — sales (sales,
 * later payments, adjustments), refunds and chargebacks (with their reversals), payouts (with
 * returned ones) — and the closing balance. The groups add up: opening + Σ net = closing.
 */
public final class VendorStatementView {

  private VendorStatementView() {}

  /**
   * @param vendorName as registered, or the vendor id for a vendor not registered
   * @param labels its words ({@code templates/{locale}/vendor_statement.properties}: {@code l.*} in
   *     the template, {@code kind.*} and {@code group.*} here)
   * @param language the vendor's (its dates and amounts are written in it), null for English
   */
  public static Map<String, Object> of(Statement s, String vendorName, Merchant merchant, Instant now,
      Map<String, String> labels, String language) {
    Locale locale = Formats.locale(Formats.localeOrDefault(language));
    String c = s.currency();
    Map<String, Object> view = new HashMap<>();
    view.put("merchant", merchant);
    view.put("l", labels);
    view.put("initial", merchant.name().isEmpty() ? "" : merchant.name().substring(0, 1));
    view.put("vendorId", s.vendorId());
    view.put("vendorName", vendorName);
    view.put("currency", c);
    view.put("from", Formats.dateTime(s.from(), locale));
    view.put("to", Formats.dateTime(s.to(), locale));
    view.put("periodDays", Long.toString(Duration.between(s.from(), s.to()).toDays()));
    view.put("issuedAt", Formats.dateTime(now, locale));
    view.put("opening", money(s.opening(), c, locale));
    view.put("closing", money(s.closing(), c, locale));
    List<Map<String, String>> lines = new ArrayList<>();
    for (Statement.Line l : s.lines()) {
      lines.add(Map.of("at", Formats.dateTime(l.at(), locale), "kind", labels.get("kind." + l.kind().name()),
          "reference", l.reference() == null ? "" : l.reference(),
          "gross", money(l.gross(), c, locale),
          "commission", l.kind().isPayout() ? "" : money(-l.commission(), c, locale),
          "net", money(l.net(), c, locale), "balance", money(l.balance(), c, locale),
          "availableAt", l.availableAt() == null ? "" : Formats.date(l.availableAt(), locale)));
    }
    view.put("lines", lines);
    view.put("empty", lines.isEmpty());
    List<Map<String, String>> groups = new ArrayList<>();
    long[] sales = sum(s, Movement.Kind.SALE, Movement.Kind.PAYMENT, Movement.Kind.ADJUSTMENT);
    long[] refunds = sum(s, Movement.Kind.REFUND, Movement.Kind.CHARGEBACK,
        Movement.Kind.CHARGEBACK_REVERSED);
    long[] payouts = sum(s, Movement.Kind.PAYOUT, Movement.Kind.PAYOUT_RETURNED);
    groups.add(group(labels.get("group.sales"), sales, c, locale));
    groups.add(group(labels.get("group.refunds"), refunds, c, locale));
    groups.add(group(labels.get("group.payouts"), payouts, c, locale));
    view.put("groups", groups);
    long[] total = {sales[0] + refunds[0] + payouts[0], sales[1] + refunds[1] + payouts[1]};
    view.put("totalGross", money(total[0], c, locale));
    view.put("totalCommission", money(-total[1], c, locale));
    view.put("totalNet", money(total[0] - total[1], c, locale));
    return view;
  }

  /** Gross and commission of the period's movements of {@code kinds}. */
  private static long[] sum(Statement s, Movement.Kind... kinds) {
    long[] out = new long[2];
    for (Movement.Kind kind : kinds) {
      Statement.Total t = s.totals().get(kind);
      if (t != null) {
        out[0] += t.gross();
        out[1] += t.commission();
      }
    }
    return out;
  }

  private static Map<String, String> group(String name, long[] sum, String c, Locale locale) {
    return Map.of("name", name, "gross", money(sum[0], c, locale),
        "commission", money(-sum[1], c, locale), "net", money(sum[0] - sum[1], c, locale));
  }

  private static String money(long minor, String currency, Locale locale) {
    return MoneyFormat.format(minor, currency, locale);
  }
}
