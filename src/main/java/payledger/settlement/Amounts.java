package payledger.settlement;

import java.math.BigDecimal;
import java.util.Currency;
import payledger.money.Money;

/**
 * Settlement files state amounts in major units ("12.34" EUR, "1200" JPY); the ledger counts minor
 * units. The conversion is exact: more decimals than the currency's exponent is an error, never a
 * rounding.
 */
final class Amounts {

  private Amounts() {}

  /** The decimal text as minor units of {@code currency}; blank is zero. */
  static Money money(String text, String currency) {
    if (!Money.isCurrency(currency)) {
      throw new IllegalArgumentException("not an ISO 4217 currency code: \"" + currency + "\"");
    }
    return new Money(minor(text, Currency.getInstance(currency).getDefaultFractionDigits()), currency);
  }

  static long minor(String text, int exponent) {
    String trimmed = text == null ? "" : text.trim();
    if (trimmed.isEmpty()) {
      return 0;
    }
    BigDecimal value;
    try {
      value = new BigDecimal(trimmed);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a decimal amount: \"" + trimmed + "\"");
    }
    try {
      return value.movePointRight(Math.max(0, exponent)).longValueExact();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          "\"" + trimmed + "\" has more decimals than the currency's " + exponent + ", or is too large");
    }
  }

  /** A positive exchange rate, or null when blank. */
  static BigDecimal rate(String text) {
    String trimmed = text == null ? "" : text.trim();
    if (trimmed.isEmpty()) {
      return null;
    }
    try {
      BigDecimal rate = new BigDecimal(trimmed);
      if (rate.signum() <= 0) {
        throw new IllegalArgumentException("the exchange rate must be positive: \"" + trimmed + "\"");
      }
      return rate;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a decimal exchange rate: \"" + trimmed + "\"");
    }
  }
}
