package payledger.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signed outbound webhook: a JSON POST to the marketplace's endpoint, signed like Stripe signs
 * its webhooks (and like payledger checks inbound ones): {@code X-Payledger-Signature: t=<unix
 * seconds>,v1=<hex HMAC-SHA256 of "t.body">}. 2xx delivers; 4xx bounces; 5xx or no answer is
 * retried.
 */
public final class WebhookSender implements ChannelSender {

  public static final String SIGNATURE_HEADER = "X-Payledger-Signature";

  private final String url;
  private final byte[] secret;
  private final Duration timeout;
  private final Clock clock;
  private final HttpClient http;

  /** @param url empty when no endpoint is configured: the channel then bounces */
  public WebhookSender(String url, String secret, Duration timeout, Clock clock) {
    this.url = url;
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
    this.timeout = timeout;
    this.clock = clock;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  @Override
  public CompletionStage<Outcome> send(Notification n, Messages.Rendered m) {
    if (url.isBlank()) {
      return CompletableFuture.completedFuture(Outcome.bounced("no webhook endpoint configured"));
    }
    byte[] body;
    try {
      Map<String, Object> payload = new LinkedHashMap<>();
      payload.put("notificationId", n.id());
      payload.put("kind", n.kind().name());
      payload.put("customerId", n.customerId());
      payload.put("orderId", n.orderId());
      payload.put("disputeId", n.disputeId());
      payload.put("locale", Formats.localeOrDefault(n.locale()));
      payload.put("subject", m.subject());
      payload.put("text", m.text());
      body = CassandraNotificationRepository.JSON.writeValueAsBytes(payload);
    } catch (JsonProcessingException e) {
      return CompletableFuture.completedFuture(Outcome.bounced("unserializable: " + e.getMessage()));
    }
    long t = clock.instant().getEpochSecond();
    HttpRequest request = HttpRequest.newBuilder(URI.create(url))
        .timeout(timeout)
        .header("Content-Type", "application/json")
        .header(SIGNATURE_HEADER, "t=" + t + ",v1=" + sign(secret, t, body))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
        .handle((response, failure) -> {
          if (failure != null) {
            return Outcome.failed("webhook unreachable: " + failure.getMessage());
          }
          int status = response.statusCode();
          return status < 300 ? Outcome.sent()
              : status < 500 ? Outcome.bounced("webhook answered " + status)
              : Outcome.failed("webhook answered " + status);
        });
  }

  /** The v1 signature: hex HMAC-SHA256 over {@code "{t}.{body}"}. */
  public static String sign(byte[] secret, long t, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
