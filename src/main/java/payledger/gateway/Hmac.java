package payledger.gateway;

import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 and constant-time comparison, shared by every gateway's signature check. */
final class Hmac {

  private Hmac() {}

  static byte[] sha256(byte[] key, byte[]... parts) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      for (byte[] part : parts) {
        mac.update(part);
      }
      return mac.doFinal();
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  /** Constant time in the content: a timing side channel must not reveal how much of a guess matched. */
  static boolean equal(byte[] expected, byte[] given) {
    return given != null && MessageDigest.isEqual(expected, given);
  }

  /** Lower-case hex to bytes, or null when it is not hex (never throws on hostile input). */
  static byte[] fromHex(String hex) {
    if (hex == null || hex.isEmpty() || hex.length() % 2 != 0 || hex.length() > 1024) {
      return null;
    }
    byte[] out = new byte[hex.length() / 2];
    for (int i = 0; i < out.length; i++) {
      int hi = Character.digit(hex.charAt(2 * i), 16);
      int lo = Character.digit(hex.charAt(2 * i + 1), 16);
      if (hi < 0 || lo < 0) {
        return null;
      }
      out[i] = (byte) ((hi << 4) | lo);
    }
    return out;
  }
}
