package payledger.money;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Amounts as people read them: minor units shown in the currency's major unit, with the locale's
 * symbol, separators and symbol position ({@code 3090 EUR} is "€30.90" in {@code en}, "30,90 €" in
 * {@code de} and {@code pl}; JPY has no minor unit). The one formatter for every human text: mails,
 * receipts, reports' labels. JSON keeps minor units; {@link Money#toString()} stays the log form.
 */
public final class MoneyFormat {

  /** The language used when a customer has none. */
  public static final Locale DEFAULT_LOCALE = Locale.ENGLISH;

  private static final Map<String, NumberFormat> PROTOTYPES = new ConcurrentHashMap<>();
  private static final Pattern LETTER_DIGIT = Pattern.compile("(\\p{IsAlphabetic})(\\d)");
  private static final Pattern DIGIT_LETTER = Pattern.compile("(\\d)(\\p{IsAlphabetic})");

  private MoneyFormat() {}

  public static String format(Money amount, Locale locale) {
    return format(amount.value(), amount.currency(), locale);
  }

  /** {@code minor} units of {@code currency}, signed, in {@code locale}. */
  public static String format(long minor, String currency, Locale locale) {
    Currency c = Currency.getInstance(currency);
    int digits = Math.max(0, c.getDefaultFractionDigits());
    NumberFormat format = prototype(locale, currency, c, digits);
    String text = format.format(BigDecimal.valueOf(minor, digits));
    // A code used as the symbol ("PLN", "CHF") is kept off the digits, as CLDR's currency spacing
    // says and java.text does not: "PLN 30.90", not "PLN30.90".
    return LETTER_DIGIT.matcher(DIGIT_LETTER.matcher(text).replaceAll("$1\u00a0$2"))
        .replaceAll("$1\u00a0$2");
  }

  /** A language tag such as "de" or "pl-PL" as a locale; null or blank is the default. */
  public static Locale locale(String tag) {
    return tag == null || tag.isBlank() ? DEFAULT_LOCALE : Locale.forLanguageTag(tag.trim());
  }

  private static NumberFormat prototype(Locale locale, String code, Currency c, int digits) {
    // NumberFormat is not thread-safe: the cached one is a prototype, each call gets a clone.
    return (NumberFormat) PROTOTYPES.computeIfAbsent(locale.toLanguageTag() + "|" + code, key -> {
      NumberFormat f = NumberFormat.getCurrencyInstance(locale);
      f.setCurrency(c);
      f.setMinimumFractionDigits(digits);
      f.setMaximumFractionDigits(digits);
      return f;
    }).clone();
  }
}
