package payledger.notify;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The SMS channel, speaking Twilio's Messages API (the shape most SMS providers and gateways
 * accept): {@code POST {base}/2010-04-01/Accounts/{sid}/Messages.json}, form-encoded {@code To},
 * {@code From} and {@code Body}, HTTP basic auth with the account SID and auth token. The JSON answer
 * carries the message's {@code status}: queued, accepted, sending, sent or delivered is sent; failed
 * or undelivered bounces. A 4xx bounces (an invalid number, a refused account), except 429 (too many
 * requests), which is retried like a 5xx or no answer. A customer without a phone number, or a kind
 * without an SMS template, bounces at once, so delivery falls back to the next channel.
 */
public final class SmsSender implements ChannelSender {

  /** Twilio's limit on one message's body; the templates stay far below it. */
  static final int MAX_BODY = 1600;

  private static final Set<String> FAILED = Set.of("failed", "undelivered", "canceled");

  /**
   * @param baseUrl {@code https://api.twilio.com}, or the local sink's address
   * @param from the sending number (E.164) or alphanumeric sender id
   */
  public record Settings(String baseUrl, String accountSid, String authToken, String from,
      Duration timeout) {}

  private final Settings settings;
  private final HttpClient http;

  public SmsSender(Settings settings) {
    this.settings = settings;
    this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
  }

  /** Where the messages of an account are posted: Twilio's path. */
  public static String messagesPath(String accountSid) {
    return "/2010-04-01/Accounts/" + accountSid + "/Messages.json";
  }

  @Override
  public CompletionStage<Outcome> send(Notification n, Messages.Rendered m) {
    if (n.phone() == null || n.phone().isBlank()) {
      return CompletableFuture.completedFuture(Outcome.bounced("no phone number to send an SMS to"));
    }
    if (m.sms() == null || m.sms().isBlank()) {
      return CompletableFuture.completedFuture(Outcome.bounced("no SMS template for " + n.kind()));
    }
    if (settings.baseUrl().isBlank() || settings.accountSid().isBlank()) {
      return CompletableFuture.completedFuture(Outcome.bounced("no SMS provider configured"));
    }
    String body = m.sms().length() > MAX_BODY ? m.sms().substring(0, MAX_BODY) : m.sms();
    String form = "To=" + encode(n.phone()) + "&From=" + encode(settings.from()) + "&Body=" + encode(body);
    String credentials = settings.accountSid() + ":" + settings.authToken();
    HttpRequest request = HttpRequest.newBuilder(URI.create(settings.baseUrl() + messagesPath(settings.accountSid())))
        .timeout(settings.timeout())
        .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
        .header("Accept", "application/json")
        .header("Authorization", "Basic "
            + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
        .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8))
        .build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
        .handle((response, failure) -> failure != null
            ? Outcome.failed("SMS provider unreachable: " + failure.getMessage())
            : outcome(response.statusCode(), response.body()));
  }

  /** The provider's answer as an outcome. */
  static Outcome outcome(int status, String body) {
    JsonNode json = json(body);
    if (status >= 200 && status < 300) {
      String state = json.path("status").asText("");
      return FAILED.contains(state)
          ? Outcome.bounced("SMS " + state + detail(json))
          : Outcome.sent();
    }
    String detail = "SMS provider answered " + status + detail(json);
    return status == 429 || status >= 500 ? Outcome.failed(detail) : Outcome.bounced(detail);
  }

  /** The provider's error code and message, as Twilio names them. */
  private static String detail(JsonNode json) {
    String code = json.hasNonNull("error_code") ? json.path("error_code").asText()
        : json.hasNonNull("code") ? json.path("code").asText() : null;
    String message = json.hasNonNull("error_message") ? json.path("error_message").asText()
        : json.hasNonNull("message") ? json.path("message").asText() : null;
    if (code == null && message == null) {
      return "";
    }
    String text = (code == null ? "" : " " + code) + (message == null ? "" : ": " + message);
    return text.length() > 200 ? text.substring(0, 200) : text;
  }

  private static JsonNode json(String body) {
    try {
      return CassandraNotificationRepository.JSON.readTree(body == null || body.isBlank() ? "{}" : body);
    } catch (java.io.IOException notJson) {
      return CassandraNotificationRepository.JSON.createObjectNode();
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
