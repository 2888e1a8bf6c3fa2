package payledger.dispute;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Dispute ids double as tracking numbers a customer can read out on the phone: {@code PL-} and ten
 * Crockford base-32 characters (no I, L, O or U), 50 bits. Derived from a seed, so the same
 * idempotency key or gateway dispute always names the same case.
 */
public final class DisputeIds {

  private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

  private DisputeIds() {}

  public static String fromSeed(String seed) {
    byte[] hash = sha256(seed);
    long bits = 0;
    for (int i = 0; i < 8; i++) {
      bits = (bits << 8) | (hash[i] & 0xff);
    }
    StringBuilder id = new StringBuilder("PL-");
    for (int i = 0; i < 10; i++) {
      id.append(ALPHABET[(int) ((bits >>> (64 - 5 * (i + 1))) & 31)]);
    }
    return id.toString();
  }

  public static String random() {
    return fromSeed(UUID.randomUUID().toString());
  }

  public static boolean isValid(String id) {
    return id.matches("PL-[0-9A-HJKMNP-TV-Z]{10}");
  }

  private static byte[] sha256(String seed) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
