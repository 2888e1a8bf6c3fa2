package payledger.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import payledger.json.JsonFields;
import payledger.order.PaymentEvent.Card;
import payledger.order.PaymentEvent.Risk;
import payledger.order.PaymentEvent.RiskLevel;

/**
 * The card as the customer knows it and the gateway's risk assessment, read from a gateway's
 * message. Informational: a gateway's odd card or risk field drops that detail (null), it never
 * refuses the payment event, whose money matters more. The generic format is the API's own, so
 * there a bad detail is a 400 like any bad field. A card is never more than brand and last four
 * digits (plus the gateway's fingerprint token): a card number never gets this far, as the HTTP
 * edge refuses any body holding one.
 */
final class PaymentDetails {

  /** Card scheme names as gateways spell them, to one code per scheme. */
  private static final Map<String, String> BRAND_ALIASES = Map.ofEntries(
      Map.entry("mc", "mastercard"),
      Map.entry("master_card", "mastercard"),
      Map.entry("american_express", "amex"),
      Map.entry("cup", "unionpay"),
      Map.entry("china_union_pay", "unionpay"),
      Map.entry("diners_club", "diners"),
      Map.entry("bcmc", "bancontact"),
      Map.entry("cartebancaire", "cartes_bancaires"),
      Map.entry("unknown", "card"));

  /** Adyen's payment method (variant) prefixes of card schemes, longest match first where they overlap. */
  private static final List<Map.Entry<String, String>> ADYEN_BRANDS = List.of(
      Map.entry("visa", "visa"), Map.entry("mc", "mastercard"), Map.entry("amex", "amex"),
      Map.entry("maestro", "maestro"), Map.entry("cartebancaire", "cartes_bancaires"),
      Map.entry("discover", "discover"), Map.entry("jcb", "jcb"), Map.entry("diners", "diners"),
      Map.entry("cup", "unionpay"), Map.entry("bcmc", "bancontact"), Map.entry("elo", "elo"));

  private PaymentDetails() {}

  /** A Stripe charge's {@code payment_method_details.card}. */
  static Card stripeCard(JsonNode charge) {
    JsonNode card = charge.path("payment_method_details").path("card");
    if (!card.isObject()) {
      return null;
    }
    return card(brand(text(card, "brand")), text(card, "last4"), text(card, "fingerprint"),
        text(card, "funding"), text(card.path("wallet"), "type"));
  }

  /** A Stripe charge's {@code outcome.risk_level} and {@code outcome.risk_score}. */
  static Risk stripeRisk(JsonNode charge) {
    JsonNode outcome = charge.path("outcome");
    String label = text(outcome, "risk_level");
    if (label == null) {
      return null;
    }
    RiskLevel level = switch (label.toLowerCase(Locale.ROOT)) {
      case "normal" -> RiskLevel.NORMAL;
      case "elevated" -> RiskLevel.ELEVATED;
      case "highest" -> RiskLevel.HIGH;
      default -> RiskLevel.NOT_ASSESSED;
    };
    return new Risk(level, integer(outcome.path("risk_score")), label);
  }

  /**
   * The charge a payment intent's card and risk are read from: its {@code latest_charge} when
   * expanded, else the newest of the embedded {@code charges.data} (older API versions); null when
   * the event carries only the charge's id.
   */
  static JsonNode stripeLatestCharge(JsonNode paymentIntent) {
    JsonNode latest = paymentIntent.path("latest_charge");
    if (latest.isObject()) {
      return latest;
    }
    JsonNode newest = null;
    for (JsonNode charge : paymentIntent.path("charges").path("data")) {
      if (charge.isObject() && (newest == null
          || charge.path("created").asLong() > newest.path("created").asLong())) {
        newest = charge;
      }
    }
    return newest;
  }

  /**
   * An Adyen item's card: the last four digits from {@code additionalData.cardSummary}, the brand
   * from {@code additionalData.paymentMethodVariant} ({@code visagold}, {@code mc_applepay}) or else
   * {@code paymentMethod}, the funding from {@code fundingSource}, Adyen's card alias as fingerprint.
   */
  static Card adyenCard(JsonNode item) {
    JsonNode data = item.path("additionalData");
    String variant = lower(text(data, "paymentMethodVariant"));
    String method = lower(text(item, "paymentMethod"));
    String brand = adyenBrand(variant);
    if (brand == null) {
      brand = adyenBrand(method);
    }
    return card(brand == null ? "card" : brand, text(data, "cardSummary"), text(data, "alias"),
        text(data, "fundingSource"), adyenWallet(variant, method));
  }

  /** An Adyen item's {@code additionalData.fraudResultType} (GREEN, AMBER, RED) and {@code totalFraudScore}. */
  static Risk adyenRisk(JsonNode item) {
    JsonNode data = item.path("additionalData");
    String label = text(data, "fraudResultType");
    Integer score = integer(data.path("totalFraudScore"));
    if (label == null && score == null) {
      return null;
    }
    RiskLevel level;
    if (label == null) {
      // Adyen refuses a payment as fraud from a total score of 100.
      level = score >= 100 ? RiskLevel.HIGH : RiskLevel.NORMAL;
    } else {
      level = switch (label.toUpperCase(Locale.ROOT)) {
        case "GREEN" -> RiskLevel.NORMAL;
        case "AMBER" -> RiskLevel.ELEVATED;
        case "RED", "FRAUD" -> RiskLevel.HIGH;
        default -> RiskLevel.NOT_ASSESSED;
      };
    }
    return new Risk(level, score, label);
  }

  /** The generic format's optional {@code card {brand, last4, fingerprint?, funding?, wallet?}}. */
  static Card genericCard(JsonFields f) {
    if (!f.has("card")) {
      return null;
    }
    JsonFields card = f.object("card");
    String brand = card.code("brand", true);
    String last4 = card.text("last4");
    if (last4 != null && !Card.LAST4.matcher(last4).matches()) {
      card.error("last4", "must be exactly 4 digits (the last four of the card number, never the number)");
      last4 = null;
    }
    String fingerprint = card.optionalId("fingerprint");
    String funding = card.code("funding", false);
    String wallet = card.code("wallet", false);
    return brand == null || last4 == null ? null
        : new Card(brand(brand), last4, fingerprint, funding, wallet);
  }

  /** The generic format's optional {@code risk {level, score?, label?}}. */
  static Risk genericRisk(JsonFields f) {
    if (!f.has("risk")) {
      return null;
    }
    JsonFields risk = f.object("risk");
    RiskLevel level = risk.enumValue("level", RiskLevel.class);
    Integer score = risk.has("score") ? (int) risk.integer("score", -1_000_000, 1_000_000) : null;
    String label = risk.optionalText("label");
    if (label != null && label.length() > 64) {
      risk.error("label", "must be at most 64 characters");
      label = null;
    }
    return level == null ? null : new Risk(level, score, label == null ? level.name() : label);
  }

  /** A card from a gateway's fields, or null when the last four digits are not four digits. */
  private static Card card(String brand, String last4, String fingerprint, String funding, String wallet) {
    if (brand == null || last4 == null || !Card.LAST4.matcher(last4).matches()) {
      return null;
    }
    return new Card(brand, last4,
        fingerprint != null && JsonFields.ID.matcher(fingerprint).matches() ? fingerprint : null,
        code(funding), code(wallet));
  }

  private static String brand(String raw) {
    if (raw == null) {
      return "card";
    }
    String code = PaymentMethod.code(raw.replace(' ', '_'));
    return BRAND_ALIASES.getOrDefault(code, code);
  }

  private static String adyenBrand(String method) {
    if (method == null) {
      return null;
    }
    for (Map.Entry<String, String> brand : ADYEN_BRANDS) {
      if (method.startsWith(brand.getKey())) {
        return brand.getValue();
      }
    }
    return null;
  }

  private static String adyenWallet(String variant, String method) {
    String both = (variant == null ? "" : variant) + " " + (method == null ? "" : method);
    if (both.contains("applepay")) {
      return "apple_pay";
    }
    if (both.contains("googlepay") || both.contains("paywithgoogle")) {
      return "google_pay";
    }
    return both.contains("samsungpay") ? "samsung_pay" : null;
  }

  private static String code(String raw) {
    return raw == null ? null : PaymentMethod.code(raw);
  }

  private static String lower(String raw) {
    return raw == null ? null : raw.toLowerCase(Locale.ROOT);
  }

  /** A non-blank string of at most 128 characters, trimmed, else null. */
  private static String text(JsonNode node, String name) {
    JsonNode value = node.path(name);
    if (!value.isTextual() || value.textValue().isBlank() || value.textValue().length() > 128) {
      return null;
    }
    return value.textValue().trim();
  }

  /** A whole number, written as a number or (as Adyen does) a string, else null. */
  private static Integer integer(JsonNode value) {
    try {
      long n = value.isIntegralNumber() && value.canConvertToLong() ? value.longValue()
          : value.isTextual() ? Long.parseLong(value.textValue().trim()) : Long.MIN_VALUE;
      return n >= -1_000_000 && n <= 1_000_000 ? (int) n : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
