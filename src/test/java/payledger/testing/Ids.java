package payledger.testing;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Unique identifiers for a test's orders, events and customers. Made of letters only: the API refuses
 * a body holding anything that spells a card number (13-19 digits passing Luhn, separators allowed),
 * so an id built from a UUID or a clock, digits and dashes, is refused about once in a few hundred.
 */
public final class Ids {

  private Ids() {}

  /**
   * The prefix, a dash unless it ends in one or in {@code _} ({@code po_}, {@code evt_}), and twelve
   * random lower-case letters (26^12 values).
   */
  public static String unique(String prefix) {
    StringBuilder id = new StringBuilder(prefix);
    if (!prefix.endsWith("-") && !prefix.endsWith("_")) {
      id.append('-');
    }
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int i = 0; i < 12; i++) {
      id.append((char) ('a' + random.nextInt(26)));
    }
    return id.toString();
  }

  /** The {@code n}-th id of a numbered series, in letters ({@code a}, {@code b}, … {@code ba}, …). */
  public static String letters(int n) {
    StringBuilder s = new StringBuilder();
    do {
      s.append((char) ('a' + n % 26));
      n /= 26;
    } while (n > 0);
    return s.toString();
  }
}
