package payledger.http;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.extractRequest;

import com.typesafe.config.Config;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.AttributeKeys;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.headers.RetryAfter;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Per-client request limits on the routes that take no API key: receipt links and the gateway
 * webhooks ({@code payledger.http.rate-limits}). Over its limit a client is answered 429 with
 * {@code Retry-After}, before its body is parsed or a signature checked. A gateway loses nothing by it: a 429 is
 * not a 2xx, so Stripe and Adyen deliver the event again later.
 */
final class RateLimits {

  /** One route class: off, or a token bucket per client. */
  record Limit(boolean enabled, double perSecond, int burst) {
    static Limit from(Config c) {
      return new Limit(c.getBoolean("enabled"), c.getDouble("per-second"), c.getInt("burst"));
    }
  }

  record Settings(int trustedProxyHops, int maxClients, Limit receiptLinks, Limit gatewayWebhooks) {
    static Settings from(Config c) {
      return new Settings(c.getInt("trusted-proxy-hops"), c.getInt("max-clients"),
          Limit.from(c.getConfig("receipt-links")), Limit.from(c.getConfig("gateway-webhooks")));
    }
  }

  private final int trustedProxyHops;
  private final TokenBuckets receiptLinks;
  private final TokenBuckets gatewayWebhooks;

  RateLimits(Settings settings) {
    this.trustedProxyHops = settings.trustedProxyHops();
    this.receiptLinks = buckets(settings.receiptLinks(), settings.maxClients());
    this.gatewayWebhooks = buckets(settings.gatewayWebhooks(), settings.maxClients());
  }

  private static TokenBuckets buckets(Limit limit, int maxClients) {
    return limit.enabled()
        ? new TokenBuckets(limit.perSecond(), limit.burst(), maxClients, System::nanoTime)
        : null;
  }

  Route receiptLinks(Supplier<Route> inner) {
    return limited(receiptLinks, inner);
  }

  Route gatewayWebhooks(Supplier<Route> inner) {
    return limited(gatewayWebhooks, inner);
  }

  private Route limited(TokenBuckets buckets, Supplier<Route> inner) {
    if (buckets == null) {
      return inner.get();
    }
    return extractRequest(request -> {
      long wait = buckets.secondsToWait(client(request));
      if (wait == 0) {
        return inner.get();
      }
      return complete(Problems.response(Problem.of(429, "too-many-requests", Problems.title(429),
              "too many requests from this client; retry after " + wait + " s"))
          .addHeader(RetryAfter.create(wait)));
    });
  }

  private String client(HttpRequest request) {
    String peer = request.getAttribute(AttributeKeys.remoteAddress)
        .flatMap(remote -> remote.getAddress())
        .map(RateLimits::peerKey)
        .orElse("unknown");
    return clientOf(peer, request.getHeader("X-Forwarded-For").map(h -> h.value()).orElse(null),
        trustedProxyHops);
  }

  /**
   * The client behind {@code hops} trusted proxies: each proxy appends the address it received the
   * request from, so the one the outermost trusted proxy saw is {@code hops} from the right. With no
   * trusted proxy the header is the client's own word and is ignored.
   */
  static String clientOf(String peer, String forwardedFor, int hops) {
    if (hops <= 0 || forwardedFor == null || forwardedFor.isBlank()) {
      return peer;
    }
    String[] chain = forwardedFor.split(",");
    return chain[Math.max(0, chain.length - hops)].trim();
  }

  // One IPv6 host usually holds a whole /64: counted per address, it would have billions of buckets.
  private static String peerKey(InetAddress address) {
    if (address instanceof Inet6Address) {
      return HexFormat.of().formatHex(Arrays.copyOf(address.getAddress(), 8)) + "::/64";
    }
    return address.getHostAddress();
  }
}
