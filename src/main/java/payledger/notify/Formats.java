package payledger.notify;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Currency;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Amounts and times as customers read them, per locale; always with the currency code and UTC. */
public final class Formats {

  public static final String DEFAULT_LOCALE = "en";

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private static final Map<String, NumberFormat> FORMATS = new ConcurrentHashMap<>();

  private Formats() {}

  /** 3090 EUR in "de" is "30,90 EUR"; in "en" "30.90 EUR"; JPY has no minor unit. */
  public static String money(long minor, String currency, String locale) {
    int digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
    NumberFormat format = (NumberFormat) FORMATS.computeIfAbsent(localeOrDefault(locale),
        tag -> NumberFormat.getNumberInstance(Locale.forLanguageTag(tag))).clone(); // not thread-safe
    format.setMinimumFractionDigits(digits);
    format.setMaximumFractionDigits(digits);
    return format.format(BigDecimal.valueOf(minor, digits)) + " " + currency;
  }

  public static String time(Instant at) {
    return at == null ? "" : TIME.format(at);
  }

  public static String localeOrDefault(String locale) {
    return locale == null || locale.isBlank() ? DEFAULT_LOCALE : locale;
  }
}
