package payledger.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A real HTTP client for the API under test, on loopback. Sends an API key (the dev admin key unless
 * told otherwise) and holds every exchange to the OpenAPI document ({@link OpenApiContract}).
 */
public final class ApiClient {

  /** The dev keys of the embedded default configuration (auth.conf). */
  public static final String ADMIN_KEY = "dev-admin-key";
  public static final String GATEWAY_KEY = "dev-gateway-key";
  public static final String SUPPORT_KEY = "dev-support-key";
  public static final String AUDITOR_KEY = "dev-auditor-key";

  public static final ObjectMapper JSON = new ObjectMapper();

  /** A response with its body parsed as JSON when it is JSON. */
  public record Reply(int status, String contentType, String body, String wwwAuthenticate) {
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + body, e);
      }
    }

    public boolean isProblem() {
      return contentType.startsWith("application/problem+json");
    }
  }

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private final String key;

  public ApiClient(int port) {
    this(port, ADMIN_KEY);
  }

  private ApiClient(int port, String key) {
    this.base = "http://127.0.0.1:" + port;
    this.key = key;
  }

  /**
   * Right after a start the journal may still be connecting (or creating its tables): waits until a
   * read of an unknown order is answered 404 rather than 503.
   */
  public void awaitJournal() {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    ApiClient reader = withKey(ADMIN_KEY);
    while (reader.get("/v1/orders/journal-probe").status() == 503) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("journal not ready within 120 s");
      }
      pause(200, "the journal");
    }
  }

  /** The same client with another API key, or none (null). */
  public ApiClient withKey(String apiKey) {
    return new ApiClient(Integer.parseInt(base.substring(base.lastIndexOf(':') + 1)), apiKey);
  }

  /**
   * Polls GET {@code path} until a 200 whose JSON satisfies {@code condition}; fails after 120 s
   * (what passes through a projection or the deadline scheduler lags on a busy 2-core machine).
   */
  public JsonNode await(String path, java.util.function.Predicate<JsonNode> condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    JsonNode last = null;
    while (System.nanoTime() < deadline) {
      Reply reply = get(path);
      if (reply.status() == 200) {
        last = reply.json();
        if (condition.test(last)) {
          return last;
        }
      }
      pause(300, path);
    }
    throw new AssertionError("not within 120 s: " + last);
  }

  /**
   * The body of {@code /metrics} once it holds {@code text}: the KPI gauges are left out of a
   * scrape whose report rows take longer than their time budget, as they may on a busy machine.
   */
  public String awaitMetrics(String text) {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    String body = get("/metrics").body();
    while (!body.contains(text) && System.nanoTime() < deadline) {
      pause(500, "/metrics");
      body = get("/metrics").body();
    }
    return body;
  }

  private static void pause(long millis, String waitingFor) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted waiting for " + waitingFor, e);
    }
  }

  public Reply get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
  }

  public Reply post(String path, Object json) {
    try {
      String body = json instanceof String s ? s : JSON.writeValueAsString(json);
      return post(path, "application/json", body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A POST with extra headers given as name, value, name, value… */
  public Reply post(String path, String contentType, byte[] body, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return exchange(request, body);
  }

  public Reply send(HttpRequest.Builder builder) {
    return exchange(builder, null);
  }

  private Reply exchange(HttpRequest.Builder builder, byte[] body) {
    try {
      if (key != null) {
        builder.header("Authorization", "Bearer " + key);
      }
      HttpRequest request = builder.timeout(Duration.ofSeconds(30)).build();
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      Reply reply = new Reply(
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(""),
          response.body(),
          response.headers().firstValue("WWW-Authenticate").orElse(null));
      OpenApiContract.check(request, body, reply);
      return reply;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
