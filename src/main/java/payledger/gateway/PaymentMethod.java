package payledger.gateway;

import java.util.Locale;

/** A gateway's payment method name as a ledger code: lower case, letters, digits, _ and - only. */
final class PaymentMethod {

  private PaymentMethod() {}

  static String code(String raw) {
    if (raw == null || raw.isBlank()) {
      return "unknown";
    }
    String code = raw.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_\\-]", "_");
    return code.length() > 32 ? code.substring(0, 32) : code;
  }
}
