package payledger.notify;

import java.util.List;
import java.util.Map;
import payledger.order.Invoice;
import payledger.order.Receipt;

/**
 * A receipt as its templates see it: amounts formatted for the customer's locale, the merchant,
 * and the self-service link. HTML, the PDF's text and the receipt email all render from this one
 * model, which renders from the one {@link Receipt}.
 */
public final class ReceiptView {

  private ReceiptView() {}

  public static Map<String, Object> of(Receipt r, Merchant merchant, String link) {
    String locale = r.locale();
    return Map.ofEntries(
        Map.entry("number", r.number()),
        Map.entry("orderId", r.orderId()),
        Map.entry("customerId", r.customerId()),
        Map.entry("customerEmail", r.customerEmail() == null ? "" : r.customerEmail()),
        Map.entry("issuedAt", Formats.time(r.issuedAt())),
        Map.entry("paidAt", Formats.time(r.paidAt())),
        Map.entry("merchant", merchant),
        Map.entry("items", r.items().stream().map(l -> line(l, r.currency(), locale)).toList()),
        Map.entry("shipping", Formats.money(r.shipping(), r.currency(), locale)),
        Map.entry("taxes", charges(r.taxes(), r.currency(), locale)),
        Map.entry("discounts", charges(r.discounts(), r.currency(), locale)),
        Map.entry("adjustments", r.adjustments().stream().map(l -> line(l, r.currency(), locale)).toList()),
        Map.entry("totalDue", Formats.money(r.totalDue(), r.currency(), locale)),
        Map.entry("refunded", r.refunded() == 0 ? "" : Formats.money(r.refunded(), r.currency(), locale)),
        Map.entry("totalPaid", Formats.money(r.totalPaid(), r.currency(), locale)),
        Map.entry("payments", r.payments().stream().map(p -> Map.of(
            "gateway", p.gateway(), "reference", p.reference(),
            "method", p.method() == null ? "" : p.method(),
            "amount", Formats.money(p.amount(), r.currency(), locale),
            "at", Formats.time(p.occurredAt()))).toList()),
        Map.entry("link", link == null ? "" : link));
  }

  private static Map<String, String> line(Receipt.Line l, String currency, String locale) {
    return Map.of("sku", l.sku(), "description", l.description() == null ? "" : l.description(),
        "quantity", Long.toString(l.quantity()),
        "unitPrice", Formats.money(l.unitPrice(), currency, locale),
        "total", Formats.money(l.total(), currency, locale));
  }

  private static List<Map<String, String>> charges(
      List<Invoice.Charge> charges, String currency, String locale) {
    return charges.stream()
        .map(c -> Map.of("name", c.name(), "amount", Formats.money(c.amount(), currency, locale)))
        .toList();
  }
}
