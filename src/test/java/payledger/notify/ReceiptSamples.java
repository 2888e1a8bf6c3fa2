package payledger.notify;

import java.time.Instant;
import java.util.List;
import payledger.order.Invoice;
import payledger.order.PaymentEvent;
import payledger.order.Receipt;

/**
 * Receipts as shops issue them, one per kind of layout: a single tax rate with shipping, paid by
 * Visa; two rates, a discount and two payments (a Mastercard through Apple Pay, a SEPA debit); a
 * refund and an adjustment, paid by a Visa through Google Pay and by BLIK (no card: the method's
 * name). Their item names carry the
 * letters that a Latin-1 font loses (ß „“ – ł ő ż, Greek, Cyrillic, €).
 */
final class ReceiptSamples {

  static final Instant PAID = Instant.parse("2026-11-22T09:41:07Z");
  static final Instant ISSUED = Instant.parse("2026-11-22T09:41:09Z");

  /** The names of the samples, for test output. */
  static final List<String> NAMES = List.of("single-rate", "two-rates", "refunded");

  private ReceiptSamples() {}

  static Receipt sample(String name, String locale) {
    return switch (name) {
      case "single-rate" -> singleRate(locale);
      case "two-rates" -> twoRates(locale);
      case "refunded" -> refunded(locale);
      default -> throw new IllegalArgumentException(name);
    };
  }

  /** €30.90: 2 mugs at €12.50, €4.95 shipping, a €5.00 discount, 19 % VAT on €24.95 is €4.74. */
  static Receipt singleRate(String locale) {
    List<Receipt.Line> items = List.of(
        new Receipt.Line("MUG-350-W", "Kaffeebecher „Groß“ – weiß", 2, 1250, 2500));
    long net = 2500 + 495 - 500;
    long tax = 474;
    return new Receipt("R-order-7", "order-7", "cust-1", "ada@example.com", locale, "EUR", items,
        495, List.of(new Invoice.Charge(vat(locale, 19), tax)),
        List.of(new Invoice.Charge("WELCOME5", 500)),
        List.of(), net + tax, 0, net + tax,
        List.of(new Receipt.Payment("stripe", "pi_3Q7xYz", "card", net + tax, PAID,
            new PaymentEvent.Card("visa", "4242", "Xt5EWLLDS7FJjR1c", "credit", null))), PAID, ISSUED);
  }

  /**
   * Food at 7 %, goods at 19 %, one discount on the goods, free shipping, paid in two parts (a card
   * and a SEPA debit).
   */
  static Receipt twoRates(String locale) {
    List<Receipt.Line> items = List.of(
        new Receipt.Line("TEA-GR-100", "Grüner Tee „Sencha“ 100 g", 3, 649, 1947),
        new Receipt.Line("SPOON-PL", "Łyżeczka do herbaty, żółta – Kraków", 4, 350, 1400),
        new Receipt.Line("CUP-ELL", "Φλιτζάνι Ελληνικό (Greek cup), őszi kiadás", 1, 1890, 1890),
        new Receipt.Line("KETTLE-RU", "Чайник «Самовар» 1,5 л", 1, 4990, 4990));
    // Tea 19.47 at 7 % = 1.36; the rest 82.80 − 10.00 discount = 72.80 at 19 % = 13.83.
    long tax7 = 136;
    long tax19 = 1383;
    long total = 1947 + 1400 + 1890 + 4990 - 1000 + tax7 + tax19;
    return new Receipt("R-order-8", "order-8", "cust-2", "zofia.łęcka@example.pl", locale, "EUR",
        items, 0, List.of(new Invoice.Charge(vat(locale, 7), tax7),
            new Invoice.Charge(vat(locale, 19), tax19)),
        List.of(new Invoice.Charge("AUTUMN10", 1000)), List.of(), total, 0, total,
        List.of(new Receipt.Payment("adyen", "8835511210681130", "card", 5000, PAID.minusSeconds(90),
                new PaymentEvent.Card("mastercard", "5454", null, "debit", "apple_pay")),
            new Receipt.Payment("stripe", "pi_3Q7xZa", "sepa_debit", total - 5000, PAID)),
        PAID, ISSUED);
  }

  /** PLN, 23 % VAT, a goodwill adjustment, two payments, and a partial refund after payment. */
  static Receipt refunded(String locale) {
    List<Receipt.Line> items = List.of(
        new Receipt.Line("BAG-ZOL", "Torba „Żółw“ – bawełna ekologiczna", 1, 8900, 8900),
        new Receipt.Line("PEN-SET", "Zestaw długopisów (5 szt.)", 2, 1999, 3998));
    long net = 8900 + 3998 + 1500;
    long tax = 3312;
    long adjustment = -1000;
    long due = net + tax + adjustment;
    long refunded = 1999;
    return new Receipt("R-order-9", "order-9", "cust-3", "jan@example.pl", locale, "PLN", items,
        1500, List.of(new Invoice.Charge(vat(locale, 23), tax)), List.of(),
        List.of(new Receipt.Line("adj-1", "Rabat za opóźnioną dostawę", 1, adjustment, adjustment)),
        due, refunded, due - refunded,
        List.of(new Receipt.Payment("stripe", "pi_3Q7xZc", "card", 10000, PAID.minusSeconds(300),
                new PaymentEvent.Card("visa", "1881", null, "debit", "google_pay")),
            new Receipt.Payment("stripe", "pi_3Q7xZb", "blik", due - 10000, PAID)), PAID, ISSUED);
  }

  /** The tax's name as the shop's order system writes it for the customer's language. */
  private static String vat(String locale, int percent) {
    return locale.equals("de") ? "MwSt. " + percent + " %" : "VAT " + percent + "%";
  }
}
