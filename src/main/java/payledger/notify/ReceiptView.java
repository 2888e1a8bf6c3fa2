package payledger.notify;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import payledger.money.MoneyFormat;
import payledger.order.Receipt;

/**
 * A receipt as its templates see it: every amount, date and quantity formatted for the customer's
 * locale, the labels in their language, the merchant, the taxes by rate, and the self-service link.
 * HTML (the source of the PDF) and the text of the mail render from this one model, which renders
 * from the one {@link Receipt}. Internal ids stay out: no customer id, no gateway or PSP reference.
 */
public final class ReceiptView {

  private ReceiptView() {}

  /** @param link the self-service link, or null where the receipt is that copy already */
  public static Map<String, Object> of(Receipt r, Merchant merchant, Map<String, String> labels,
      String link) {
    Locale locale = Formats.locale(r.locale());
    Money money = (minor) -> MoneyFormat.format(minor, r.currency(), locale);
    Map<String, Object> view = new HashMap<>();
    view.put("t", labels);
    view.put("lang", locale.getLanguage());
    view.put("merchant", merchant);
    view.put("initial", initial(merchant.name()));
    view.put("number", clean(r.number()));
    view.put("orderId", clean(r.orderId()));
    view.put("customerEmail", r.customerEmail() == null ? "" : clean(r.customerEmail()));
    view.put("issuedAt", Formats.date(r.issuedAt(), locale));
    view.put("paidAt", Formats.dateTime(r.paidAt(), locale));
    view.put("paidDate", Formats.date(r.paidAt(), locale));
    view.put("items", r.items().stream().map(l -> Map.of(
        "description", clean(l.description() == null || l.description().isBlank() ? l.sku() : l.description()),
        "sku", clean(l.sku()),
        "quantity", Formats.quantity(l.quantity(), locale),
        "unitPrice", money.of(l.unitPrice()),
        "total", money.of(l.total()))).toList());
    long subtotal = r.items().stream().mapToLong(Receipt.Line::total).sum();
    view.put("subtotal", money.of(subtotal));
    view.put("discounts", r.discounts().stream().map(d -> Map.of(
        "name", clean(d.name()), "amount", money.of(-d.amount()))).toList());
    view.put("shipping", r.shipping() == 0 ? "" : money.of(r.shipping()));
    view.put("netTotal", r.taxes().isEmpty() ? "" : money.of(ReceiptTaxes.net(r)));
    view.put("taxes", taxes(r, money, locale, labels));
    view.put("hasTaxes", !r.taxes().isEmpty());
    view.put("adjustments", r.adjustments().stream().map(l -> Map.of(
        "description", clean(l.description() == null ? "" : l.description()),
        "amount", money.of(l.total()))).toList());
    view.put("totalDue", money.of(r.totalDue()));
    view.put("refunded", r.refunded() == 0 ? "" : money.of(-r.refunded()));
    view.put("totalPaid", money.of(r.totalPaid()));
    view.put("payments", r.payments().stream().map(p -> Map.of(
        "at", Formats.dateTime(p.occurredAt(), locale),
        "method", paidWith(p, labels),
        "amount", money.of(p.amount()))).toList());
    view.put("paymentMethod", paymentMethod(r, labels));
    view.put("link", link == null ? "" : link);
    view.put("pdfLink", link == null ? "" : link + "?format=pdf");
    return view;
  }

  /** Taxes by rate: the total's lines ("VAT 19% on €24.95") and the summary's rows. */
  private static List<Map<String, String>> taxes(Receipt r, Money money, Locale locale,
      Map<String, String> labels) {
    List<Map<String, String>> rows = new ArrayList<>();
    for (ReceiptTaxes.Rate rate : ReceiptTaxes.of(r)) {
      String name = clean(rate.name());
      if (rate.percent() != null && !ReceiptTaxes.namesRate(rate.name())) {
        name = name + " " + Formats.percent(rate.percent(), locale);
      }
      Map<String, String> row = new HashMap<>();
      row.put("name", name);
      row.put("rate", rate.percent() == null ? "" : Formats.percent(rate.percent(), locale));
      row.put("tax", money.of(rate.tax()));
      row.put("net", rate.net() == null ? "–" : money.of(rate.net()));
      row.put("gross", rate.gross() == null ? "–" : money.of(rate.gross()));
      row.put("on", rate.net() == null ? ""
          : labels.getOrDefault("taxOn", "on") + " " + money.of(rate.net()));
      rows.add(row);
    }
    return rows;
  }

  /** What the customer paid with, in their words: "Visa •••• 4242", "Karte", "PayPal". */
  private static String paymentMethod(Receipt r, Map<String, String> labels) {
    Set<String> methods = new LinkedHashSet<>();
    for (Receipt.Payment p : r.payments()) {
      methods.add(paidWith(p, labels));
    }
    return String.join(", ", methods);
  }

  /** The card as brand and last four digits when the gateway said, else the method's name. */
  private static String paidWith(Receipt.Payment p, Map<String, String> labels) {
    return p.card() != null ? CardText.of(p.card(), labels) : method(p.method(), labels);
  }

  /** A gateway's method code as the customer knows it: "Card", "SEPA Direct Debit", "BLIK". */
  static String method(String code, Map<String, String> labels) {
    if (code == null || code.isBlank() || code.equals("unknown")) {
      return labels.getOrDefault("method.unknown", "");
    }
    String known = labels.get("method." + code);
    if (known != null) {
      return known;
    }
    String words = code.replace('_', ' ').replace('-', ' ').trim();
    return words.isEmpty() ? "" : Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }

  private static String initial(String name) {
    String trimmed = name == null ? "" : name.strip();
    return trimmed.isEmpty() ? "" : new String(Character.toChars(trimmed.codePointAt(0))).toUpperCase(Locale.ROOT);
  }

  /** Text from outside (item names, discount codes) without control characters, which XML refuses. */
  static String clean(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(s.length());
    s.codePoints().forEach(c -> {
      boolean control = Character.getType(c) == Character.CONTROL
          || Character.getType(c) == Character.SURROGATE || c == 0xfffe || c == 0xffff;
      out.appendCodePoint(control ? ' ' : c);
    });
    return out.toString();
  }

  @FunctionalInterface
  private interface Money {
    String of(long minor);
  }
}
