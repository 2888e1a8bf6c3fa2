package payledger.web.portal;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import payledger.web.Sessions;

/**
 * The portal's magic sign-in links: {@code {base}/portal/enter?token=…}, the token naming one
 * customer, an expiry and a nonce, signed with HMAC-SHA256 ({@code "portal-access:"} before the
 * signed text, so a receipt link's MAC under the same secret never passes for one). Format:
 * {@code base64url(customerId).expiry.nonce.base64url(mac)}. A link signs in once on this node:
 * its nonce is remembered until it expires.
 */
public final class MagicLinks {

  private static final Base64.Encoder ENCODE = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODE = Base64.getUrlDecoder();

  private final byte[] secret;
  private final Duration validFor;
  private final String baseUrl;
  private final Clock clock;
  private final LinkedHashMap<String, Instant> used = new LinkedHashMap<>();

  public MagicLinks(String secret, Duration validFor, String baseUrl, Clock clock) {
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
    this.validFor = validFor;
    this.baseUrl = baseUrl;
    this.clock = clock;
  }

  public Duration validFor() {
    return validFor;
  }

  public String link(String customerId) {
    return baseUrl + "/portal/enter?token=" + token(customerId, clock.instant().plus(validFor));
  }

  String token(String customerId, Instant expiresAt) {
    String nonce = Sessions.token().substring(0, 16);
    String id = ENCODE.encodeToString(customerId.getBytes(StandardCharsets.UTF_8));
    long expiry = expiresAt.getEpochSecond();
    return id + "." + expiry + "." + nonce + "."
        + ENCODE.encodeToString(mac(customerId + "." + expiry + "." + nonce));
  }

  /** The customer a token signs in, once; empty when malformed, forged, expired or used. */
  public synchronized Optional<String> redeem(String token) {
    if (token == null || token.length() > 1024) {
      return Optional.empty();
    }
    String[] parts = token.split("\\.", -1);
    if (parts.length != 4) {
      return Optional.empty();
    }
    try {
      String customerId = new String(DECODE.decode(parts[0]), StandardCharsets.UTF_8);
      long expiry = Long.parseLong(parts[1]);
      boolean genuine = MessageDigest.isEqual(
          mac(customerId + "." + expiry + "." + parts[2]), DECODE.decode(parts[3]));
      Instant now = clock.instant();
      forgetExpired(now);
      if (!genuine || now.getEpochSecond() >= expiry || used.containsKey(parts[2])) {
        return Optional.empty();
      }
      used.put(parts[2], Instant.ofEpochSecond(expiry));
      return Optional.of(customerId);
    } catch (IllegalArgumentException malformed) {
      return Optional.empty();
    }
  }

  private void forgetExpired(Instant now) {
    Iterator<Map.Entry<String, Instant>> it = used.entrySet().iterator();
    while (it.hasNext()) {
      if (it.next().getValue().isBefore(now)) {
        it.remove();
      }
    }
  }

  private byte[] mac(String payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return mac.doFinal(("portal-access:" + payload).getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
