package payledger.money;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class MoneyPropertiesTest {

  @Property
  void additionIsCommutativeAndSubtractionUndoesIt(
      @ForAll @LongRange(min = -1_000_000_000_000L, max = 1_000_000_000_000L) long a,
      @ForAll @LongRange(min = -1_000_000_000_000L, max = 1_000_000_000_000L) long b) {
    Money x = new Money(a, "EUR");
    Money y = new Money(b, "EUR");
    assertEquals(x.plus(y), y.plus(x));
    assertEquals(x, x.plus(y).minus(y));
  }

  @Property
  void arithmeticIsExactOrThrowsNeverWraps(@ForAll long a, @ForAll long b) {
    BigInteger exact = BigInteger.valueOf(a).add(BigInteger.valueOf(b));
    boolean fits = exact.bitLength() < 64;
    try {
      Money sum = new Money(a, "JPY").plus(new Money(b, "JPY"));
      assertTrue(fits);
      assertEquals(exact.longValueExact(), sum.value());
    } catch (ArithmeticException overflow) {
      assertFalse(fits);
    }
  }

  @Property
  void multiplicationIsExactOrThrows(@ForAll long value, @ForAll @LongRange(min = 0, max = 1_000_000) long factor) {
    BigInteger exact = BigInteger.valueOf(value).multiply(BigInteger.valueOf(factor));
    try {
      assertEquals(exact.longValueExact(), new Money(value, "USD").times(factor).value());
    } catch (ArithmeticException overflow) {
      assertTrue(exact.bitLength() >= 64);
    }
  }

  @Test
  void currenciesNeverMix() {
    assertThrows(IllegalArgumentException.class, () -> new Money(1, "EUR").plus(new Money(1, "USD")));
    assertThrows(IllegalArgumentException.class, () -> new Money(1, "EUR").compareTo(new Money(1, "GBP")));
  }

  @Test
  void onlyRealIsoCurrenciesAreAccepted() {
    assertTrue(Money.isCurrency("EUR"));
    assertTrue(Money.isCurrency("JPY"));
    assertFalse(Money.isCurrency("eur"), "codes are upper case; normalizeCurrency fixes input");
    assertEquals("EUR", Money.normalizeCurrency(" eur "));
    assertFalse(Money.isCurrency("ABC"));
    assertFalse(Money.isCurrency("XAU"), "gold has no minor unit");
    assertFalse(Money.isCurrency("XXX"));
    assertFalse(Money.isCurrency(null));
    assertThrows(IllegalArgumentException.class, () -> new Money(1, "EURO"));
  }
}
