package payledger.notify;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Self-service receipt links: {@code {base}/v1/receipts/{token}}, where the token names one order
 * and an expiry, signed with HMAC-SHA256. The token opens that order's receipt and nothing else,
 * until it expires; no API key is needed. Format: {@code base64url(orderId).expiry.base64url(mac)}
 * with the MAC over {@code "receipt:" + orderId + "." + expiry}.
 */
public final class ReceiptLinks {

  private static final Base64.Encoder ENCODE = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODE = Base64.getUrlDecoder();

  private final byte[] secret;
  private final Duration validFor;
  private final String baseUrl;
  private final Clock clock;

  public ReceiptLinks(String secret, Duration validFor, String baseUrl, Clock clock) {
    if (secret == null || secret.length() < 16) {
      throw new IllegalArgumentException("payledger.notify.receipt-links.secret needs 16+ characters");
    }
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
    this.validFor = validFor;
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.clock = clock;
  }

  /** The service's public address ({@code payledger.notify.public-base-url}), without a final slash. */
  public String base() {
    return baseUrl;
  }

  /** A link valid from now for the configured time. */
  public String link(String orderId) {
    return baseUrl + "/v1/receipts/" + token(orderId, clock.instant().plus(validFor));
  }

  public String token(String orderId, Instant expiresAt) {
    String payload = orderId + "." + expiresAt.getEpochSecond();
    return ENCODE.encodeToString(orderId.getBytes(StandardCharsets.UTF_8)) + "."
        + expiresAt.getEpochSecond() + "." + ENCODE.encodeToString(mac(payload));
  }

  /** The order a token opens, or empty when it is malformed, forged or expired. */
  public Optional<String> verify(String token) {
    if (token == null || token.length() > 2048) {
      return Optional.empty();
    }
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3) {
      return Optional.empty();
    }
    try {
      String orderId = new String(DECODE.decode(parts[0]), StandardCharsets.UTF_8);
      long expiry = Long.parseLong(parts[1]);
      byte[] given = DECODE.decode(parts[2]);
      boolean genuine = MessageDigest.isEqual(mac(orderId + "." + expiry), given);
      boolean fresh = clock.instant().getEpochSecond() < expiry;
      return genuine && fresh ? Optional.of(orderId) : Optional.empty();
    } catch (IllegalArgumentException malformed) {
      return Optional.empty();
    }
  }

  private byte[] mac(String payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return mac.doFinal(("receipt:" + payload).getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
