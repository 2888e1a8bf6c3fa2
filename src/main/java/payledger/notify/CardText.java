package payledger.notify;

import java.util.Map;
import payledger.order.PaymentEvent;

/**
 * A card as the customer knows it, in their words: "Visa •••• 4242", "Mastercard •••• 0005 (Apple
 * Pay)", and for a card whose brand the gateway did not name, "Card •••• 4242" ("Karte", "Karta").
 * Scheme names are names and stay untranslated; the generic word comes from the receipt labels.
 */
final class CardText {

  /** The field names a payment notification carries its card in (strings, like every field). */
  static final String BRAND = "cardBrand";
  static final String LAST4 = "cardLast4";
  static final String WALLET = "cardWallet";

  private static final Map<String, String> SCHEMES = Map.ofEntries(
      Map.entry("visa", "Visa"),
      Map.entry("mastercard", "Mastercard"),
      Map.entry("amex", "American Express"),
      Map.entry("maestro", "Maestro"),
      Map.entry("discover", "Discover"),
      Map.entry("jcb", "JCB"),
      Map.entry("diners", "Diners Club"),
      Map.entry("unionpay", "UnionPay"),
      Map.entry("cartes_bancaires", "Cartes Bancaires"),
      Map.entry("bancontact", "Bancontact"),
      Map.entry("eftpos_au", "eftpos"),
      Map.entry("elo", "Elo"),
      Map.entry("mir", "Mir"),
      Map.entry("rupay", "RuPay"));

  private CardText() {}

  static String of(PaymentEvent.Card card, Map<String, String> labels) {
    return of(card.brand(), card.last4(), card.wallet(), labels);
  }

  /** The card from a notification's fields, or null when it carries none. */
  static String of(Map<String, String> fields, Map<String, String> labels) {
    String last4 = fields.get(LAST4);
    return last4 == null || last4.isEmpty() ? null
        : of(fields.get(BRAND), last4, fields.get(WALLET), labels);
  }

  static String of(String brand, String last4, String wallet, Map<String, String> labels) {
    String scheme = brand == null ? null : SCHEMES.get(brand);
    if (scheme == null) {
      scheme = brand == null || brand.equals("card") || brand.isBlank()
          ? labels.getOrDefault("method.card", "Card")
          : ReceiptView.method(brand, Map.of());
    }
    String text = scheme + " \u2022\u2022\u2022\u2022 " + last4;
    if (wallet != null && !wallet.isBlank()) {
      text = text + " (" + ReceiptView.method(wallet, labels) + ")";
    }
    return text;
  }
}
