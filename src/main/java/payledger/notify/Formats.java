package payledger.notify;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import payledger.money.MoneyFormat;

/**
 * Dates, times, quantities and rates as customers read them, per locale, in UTC (the ledger knows no
 * customer's time zone, so it says which one it uses). Amounts are {@link MoneyFormat}'s.
 */
public final class Formats {

  public static final String DEFAULT_LOCALE = "en";

  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private Formats() {}

  /** "November 22, 2026" (en), "22. November 2026" (de), "22 listopada 2026" (pl). */
  public static String date(Instant at, Locale locale) {
    return at == null ? ""
        : DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale)
            .withZone(ZoneOffset.UTC).format(at);
  }

  /** The date as {@link #date}, then the time of day: "22. November 2026, 09:59 UTC". */
  public static String dateTime(Instant at, Locale locale) {
    return at == null ? "" : date(at, locale) + ", " + CLOCK.format(at);
  }

  public static String quantity(long quantity, Locale locale) {
    return NumberFormat.getIntegerInstance(locale).format(quantity);
  }

  /** A rate in percent (19.5 for 19.5 %) as the locale writes it: "19.5%", "19,5 %". */
  public static String percent(BigDecimal percent, Locale locale) {
    NumberFormat f = NumberFormat.getPercentInstance(locale);
    f.setMaximumFractionDigits(2);
    return f.format(percent.movePointLeft(2));
  }

  public static String localeOrDefault(String locale) {
    return locale == null || locale.isBlank() ? DEFAULT_LOCALE : locale;
  }

  public static Locale locale(String tag) {
    return MoneyFormat.locale(tag);
  }
}
