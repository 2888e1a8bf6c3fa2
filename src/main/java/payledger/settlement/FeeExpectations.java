package payledger.settlement;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * The most a gateway is expected to keep per payment: a percentage of the gross plus a fixed amount,
 * by gateway and method; the most specific entry wins ({@code gateway}+{@code method}, then
 * {@code gateway}+{@code *}, then {@code *}+{@code method}, then {@code *}+{@code *}).
 */
public record FeeExpectations(List<Expectation> entries) {

  /** {@code fixed} in minor units of the settlement currency. */
  public record Expectation(String gateway, String method, BigDecimal percent, long fixed) {}

  public FeeExpectations {
    entries = List.copyOf(entries);
  }

  /** The expectation for a line, or null when none applies. */
  public Expectation of(String gateway, String method) {
    String m = method == null ? "*" : method;
    for (String[] key : List.of(new String[] {gateway, m}, new String[] {gateway, "*"},
        new String[] {"*", m}, new String[] {"*", "*"})) {
      for (Expectation e : entries) {
        if (e.gateway().equals(key[0]) && e.method().equals(key[1])) {
          return e;
        }
      }
    }
    return null;
  }

  /** The highest fee expected on {@code settledGross} minor units (rounded up), or -1 for none. */
  public long maxFee(String gateway, String method, long settledGross) {
    Expectation e = of(gateway, method);
    if (e == null) {
      return -1;
    }
    return BigDecimal.valueOf(Math.abs(settledGross)).multiply(e.percent())
        .divide(BigDecimal.valueOf(100), 0, RoundingMode.CEILING).longValueExact() + e.fixed();
  }
}
