package payledger.money;

import java.util.Currency;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An amount in minor units of an ISO 4217 currency (cents for EUR, yen for JPY), as gateways send it.
 * Arithmetic is exact: mixing currencies or overflowing a {@code long} throws instead of guessing.
 */
public record Money(long value, String currency) {

  /** Checked on every amount built (replays and sums too), so looked up once. */
  private static final Set<String> CODES = Currency.getAvailableCurrencies().stream()
      .filter(c -> c.getDefaultFractionDigits() >= 0)
      .map(Currency::getCurrencyCode)
      .filter(code -> code.matches("[A-Z]{3}"))
      .collect(Collectors.toUnmodifiableSet());

  public Money {
    Objects.requireNonNull(currency, "currency");
    if (!isCurrency(currency)) {
      throw new IllegalArgumentException("not an ISO 4217 currency code: " + currency);
    }
  }

  public static Money zero(String currency) {
    return new Money(0, currency);
  }

  /**
   * True for upper-case ISO 4217 codes of real money. Codes without a minor unit (XAU gold, XDR,
   * XXX "no currency", …) are refused: a marketplace cannot be paid in them.
   */
  public static boolean isCurrency(String code) {
    return code != null && CODES.contains(code);
  }

  /** The canonical code for user input such as "usd", or the input unchanged when it is not one. */
  public static String normalizeCurrency(String code) {
    return code == null ? null : code.trim().toUpperCase(Locale.ROOT);
  }

  public Money plus(Money other) {
    return new Money(Math.addExact(value, sameCurrency(other).value), currency);
  }

  public Money minus(Money other) {
    return new Money(Math.subtractExact(value, sameCurrency(other).value), currency);
  }

  public Money times(long factor) {
    return new Money(Math.multiplyExact(value, factor), currency);
  }

  public int compareTo(Money other) {
    return Long.compare(value, sameCurrency(other).value);
  }

  private Money sameCurrency(Money other) {
    if (!currency.equals(other.currency)) {
      throw new IllegalArgumentException(
          "cannot combine " + currency + " with " + other.currency);
    }
    return other;
  }

  @Override
  public String toString() {
    return value + " " + currency;
  }
}
