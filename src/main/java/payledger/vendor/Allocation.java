package payledger.vendor;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Splits an amount of minor units pro rata to weights by the largest-remainder method, so the parts
 * always sum to the amount exactly: each part gets the floor of its exact quota, and the units left
 * over go one each to the parts with the largest remainders (ties: the earlier part). A negative
 * amount is split as its absolute value and negated, so every part has the amount's sign. Weights
 * below zero count as zero; when all are zero the amount is split equally.
 */
public final class Allocation {

  private Allocation() {}

  public static long[] of(long amount, long[] weights) {
    if (weights.length == 0) {
      throw new IllegalArgumentException("nothing to allocate to");
    }
    if (amount < 0) {
      long[] positive = of(Math.negateExact(amount), weights);
      return Arrays.stream(positive).map(p -> -p).toArray();
    }
    long[] w = Arrays.stream(weights).map(x -> Math.max(0, x)).toArray();
    if (Arrays.stream(w).allMatch(x -> x == 0)) {
      Arrays.fill(w, 1);
    }
    BigInteger total = Arrays.stream(w).mapToObj(BigInteger::valueOf).reduce(BigInteger.ZERO, BigInteger::add);
    BigInteger big = BigInteger.valueOf(amount);
    long[] parts = new long[w.length];
    BigInteger[] remainders = new BigInteger[w.length];
    long given = 0;
    for (int i = 0; i < w.length; i++) {
      BigInteger[] qr = big.multiply(BigInteger.valueOf(w[i])).divideAndRemainder(total);
      parts[i] = qr[0].longValueExact();
      remainders[i] = qr[1];
      given += parts[i];
    }
    long left = amount - given; // < number of parts
    int[] byRemainder = IntStream.range(0, w.length).boxed()
        .sorted(Comparator.<Integer, BigInteger>comparing(i -> remainders[i]).reversed()
            .thenComparing(i -> i))
        .mapToInt(Integer::intValue).toArray();
    for (int k = 0; k < left; k++) {
      parts[byRemainder[k]]++;
    }
    return parts;
  }

  /** {@code value × numerator / denominator}, rounded half away from zero; denominator positive. */
  public static long scale(long value, long numerator, long denominator) {
    BigInteger product = BigInteger.valueOf(value).abs().multiply(BigInteger.valueOf(numerator));
    BigInteger[] qr = product.divideAndRemainder(BigInteger.valueOf(denominator));
    BigInteger rounded = qr[1].shiftLeft(1).compareTo(BigInteger.valueOf(denominator)) >= 0
        ? qr[0].add(BigInteger.ONE) : qr[0];
    return value < 0 ? -rounded.longValueExact() : rounded.longValueExact();
  }
}
