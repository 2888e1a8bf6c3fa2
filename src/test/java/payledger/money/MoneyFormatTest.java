package payledger.money;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Amounts in human text: major units, the locale's symbol, separators and symbol position. */
class MoneyFormatTest {

  private static final Locale EN = Locale.ENGLISH;
  private static final Locale DE = Locale.GERMAN;
  private static final Locale PL = Locale.forLanguageTag("pl");

  @Test
  void minorUnitsAreShownInTheMajorUnitOfTheCurrency() {
    assertEquals("€2.50", MoneyFormat.format(new Money(250, "EUR"), EN), "not 250 EUR");
    assertEquals("2,50\u00a0€", MoneyFormat.format(new Money(250, "EUR"), DE));
    assertEquals("2,50\u00a0€", MoneyFormat.format(new Money(250, "EUR"), PL));
    assertEquals("¥250", MoneyFormat.format(new Money(250, "JPY"), EN), "JPY has no minor unit");
    assertEquals("1.234,567\u00a0BHD", MoneyFormat.format(1234567, "BHD", DE), "three decimals");
  }

  @Test
  void separatorsAndSymbolsFollowTheLocale() {
    assertEquals("€1,234,567.89", MoneyFormat.format(123456789, "EUR", EN));
    assertEquals("1.234.567,89\u00a0€", MoneyFormat.format(123456789, "EUR", DE));
    assertEquals("1\u00a0234\u00a0567,89\u00a0zł", MoneyFormat.format(123456789, "PLN", PL));
    assertEquals("$30.90", MoneyFormat.format(3090, "USD", EN));
    assertEquals("-€5.00", MoneyFormat.format(-500, "EUR", EN), "signed");
    assertEquals("-5,00\u00a0€", MoneyFormat.format(-500, "EUR", DE));
  }

  @Test
  void aCurrencyCodeUsedAsSymbolIsKeptOffTheDigits() {
    assertEquals("PLN\u00a030.90", MoneyFormat.format(3090, "PLN", EN));
    assertEquals("CHF\u00a030.90", MoneyFormat.format(3090, "CHF", EN));
    assertEquals("30,90\u00a0USD", MoneyFormat.format(3090, "USD", PL));
  }

  @Test
  void aMissingLanguageIsEnglish() {
    assertEquals(Locale.ENGLISH, MoneyFormat.locale(null));
    assertEquals(Locale.ENGLISH, MoneyFormat.locale(" "));
    assertEquals("de-AT", MoneyFormat.locale("de-AT").toLanguageTag());
  }

  @Test
  void theLogFormOfMoneyIsUnchanged() {
    assertEquals("250 EUR", new Money(250, "EUR").toString());
  }
}
