package payledger.web;

import com.typesafe.config.Config;
import java.time.Duration;
import payledger.notify.ReceiptLinkSecret;

/**
 * The console's and portal's settings, from {@code payledger.web} ({@code web.conf}).
 *
 * @param publicBaseUrl where customers reach the service (the notify package's public base URL):
 *     magic links point there
 * @param linkSecret signs the portal's magic links
 */
public record WebSettings(
    Duration idleTimeout,
    Duration absoluteTimeout,
    int maxSessions,
    boolean secureCookies,
    int pageSize,
    Duration linkValidFor,
    String linkSecret,
    String publicBaseUrl) {

  public static WebSettings from(Config config) {
    Config c = config.getConfig("payledger.web");
    String secret = c.getString("portal.link-secret");
    if (secret.isEmpty()) {
      // Domain-separated from the receipt links by the MAC's own prefix (see MagicLinks).
      secret = ReceiptLinkSecret.resolve(config);
    } else if (secret.length() < 16) {
      throw new IllegalArgumentException("payledger.web.portal.link-secret needs 16+ characters");
    }
    String base = config.getString("payledger.notify.public-base-url");
    return new WebSettings(c.getDuration("session.idle-timeout"),
        c.getDuration("session.absolute-timeout"), c.getInt("session.max-sessions"),
        c.getBoolean("secure-cookies"), c.getInt("page-size"),
        c.getDuration("portal.link-valid-for"), secret,
        base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
  }
}
