package payledger.gateway;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Verifies Stripe's {@code Stripe-Signature} header, {@code t=<unix seconds>,v1=<hex>[,v1=<hex>…]}:
 * HMAC-SHA256 keyed with the whole endpoint secret ({@code whsec_…}, UTF-8) over
 * {@code "<t>.<raw body bytes>"}. Any {@code v1} matching any configured secret passes (secret
 * rotation); other schemes ({@code v0}) are ignored; a timestamp outside the tolerance is refused
 * (replay). Runs on the raw bytes, before the body is parsed.
 */
final class StripeSignature {

  /** Why a request was refused; the message is safe to show the caller (it holds no secret). */
  public record Verdict(boolean valid, String reason) {
    static final Verdict OK = new Verdict(true, null);

    static Verdict refuse(String reason) {
      return new Verdict(false, reason);
    }
  }

  private final List<byte[]> secrets;
  private final Duration tolerance;
  private final Clock clock;

  public StripeSignature(List<String> secrets, Duration tolerance, Clock clock) {
    this.secrets = secrets.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
    this.tolerance = tolerance;
    this.clock = clock;
  }

  public Verdict verify(String header, byte[] body) {
    if (secrets.isEmpty()) {
      return Verdict.refuse("no Stripe signing secret is configured");
    }
    if (header == null || header.isBlank()) {
      return Verdict.refuse("the Stripe-Signature header is missing");
    }
    String timestamp = null;
    List<byte[]> signatures = new ArrayList<>();
    for (String element : header.split(",", 64)) {
      int eq = element.indexOf('=');
      if (eq <= 0) {
        continue;
      }
      String key = element.substring(0, eq).trim();
      String value = element.substring(eq + 1).trim();
      if (key.equals("t")) {
        timestamp = value;
      } else if (key.equals("v1")) {
        byte[] signature = Hmac.fromHex(value);
        if (signature != null) {
          signatures.add(signature);
        }
      }
    }
    if (timestamp == null || !timestamp.matches("[0-9]{1,12}")) {
      return Verdict.refuse("the Stripe-Signature header has no valid timestamp");
    }
    if (signatures.isEmpty()) {
      return Verdict.refuse("the Stripe-Signature header has no v1 signature");
    }
    long age = clock.instant().getEpochSecond() - Long.parseLong(timestamp);
    if (Math.abs(age) > tolerance.toSeconds()) {
      return Verdict.refuse("the signature timestamp is outside the tolerance");
    }
    byte[] signedPrefix = (timestamp + ".").getBytes(StandardCharsets.US_ASCII);
    boolean match = false;
    for (byte[] secret : secrets) {
      byte[] expected = Hmac.sha256(secret, signedPrefix, body);
      for (byte[] signature : signatures) {
        match |= Hmac.equal(expected, signature);
      }
    }
    return match ? Verdict.OK : Verdict.refuse("no v1 signature matches");
  }
}
