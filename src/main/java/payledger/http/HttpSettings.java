package payledger.http;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * Settings of the HTTP edge, from {@code payledger.http}.
 *
 * @param askTimeout how long a request waits for its entity; below pekko's request-timeout so a
 *     stuck journal is answered with a 503 problem rather than a bare timeout
 * @param bodyReadTimeout how long a request body may take to arrive in full (408 after it)
 * @param maxBodyBytes the largest request body ({@code pekko.http.server.parsing.max-content-length})
 * @param rateLimits per-client limits on the routes without an API key
 * @param maxAmount the largest amount, in minor units, accepted anywhere (an "absurd amount" guard)
 */
public record HttpSettings(
    String host,
    int port,
    Duration askTimeout,
    Duration bodyReadTimeout,
    long maxBodyBytes,
    RateLimits.Settings rateLimits,
    long maxAmount,
    int maxLineItems,
    long maxQuantity) {

  public static HttpSettings from(Config config) {
    Config c = config.getConfig("payledger.http");
    return new HttpSettings(
        c.getString("interface"),
        c.getInt("port"),
        c.getDuration("ask-timeout"),
        c.getDuration("body-read-timeout"),
        config.getBytes("pekko.http.server.parsing.max-content-length"),
        RateLimits.Settings.from(c.getConfig("rate-limits")),
        c.getLong("limits.max-amount"),
        c.getInt("limits.max-line-items"),
        c.getLong("limits.max-quantity"));
  }
}
