package payledger.web;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Map;
import java.util.Optional;

/** Reads the console's and portal's form fields: text, and amounts typed in major units. */
public final class Forms {

  private Forms() {}

  /** The trimmed field, empty when missing or blank; at most {@code max} characters. */
  public static Optional<String> text(Map<String, String> fields, String name, int max) {
    String v = fields.get(name);
    if (v == null || v.isBlank() || v.strip().length() > max) {
      return Optional.empty();
    }
    return Optional.of(v.strip());
  }

  /**
   * An amount typed as {@code 12.34} (or {@code 12,34}) in {@code currency}, in minor units; empty
   * when it is not a number with at most the currency's decimals.
   */
  public static Optional<Long> minorUnits(String typed, String currency) {
    if (typed == null || typed.isBlank()) {
      return Optional.empty();
    }
    try {
      int digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
      BigDecimal major = new BigDecimal(typed.strip().replace(',', '.'));
      if (major.scale() > digits || major.abs().compareTo(BigDecimal.valueOf(1_000_000_000L)) > 0) {
        return Optional.empty();
      }
      return Optional.of(major.movePointRight(digits).longValueExact());
    } catch (IllegalArgumentException | ArithmeticException e) {
      return Optional.empty();
    }
  }
}
