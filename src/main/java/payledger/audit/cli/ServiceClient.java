package payledger.audit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The audit routes of a running service, read line by line as they stream. */
final class ServiceClient {

  static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private final String key;

  ServiceClient(String base, String key) {
    this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    this.key = key;
  }

  /** The service found nothing in the scope to verify (404). */
  static final class NothingToVerify extends Exception {
    NothingToVerify(String message) {
      super(message);
    }
  }

  /** Progress lines, then the report line, of POST /v1/audit/verify. */
  Stream<String> verify(JsonNode body) throws IOException, InterruptedException, NothingToVerify {
    HttpResponse<Stream<String>> response = http.send(request("/v1/audit/verify")
        .header("Accept", "application/x-ndjson").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
        HttpResponse.BodyHandlers.ofLines());
    if (response.statusCode() == 404) {
      String problem = response.body().collect(Collectors.joining("\n"));
      try {
        throw new NothingToVerify(JSON.readTree(problem).path("detail").asText(problem));
      } catch (IOException notJson) {
        throw new NothingToVerify(problem);
      }
    }
    return ok(response);
  }

  /** The NDJSON lines of GET /v1/audit/journal. */
  Stream<String> export(Instant from, Instant to) throws IOException, InterruptedException {
    String query = Stream.of(from == null ? null : "from=" + encode(from),
            to == null ? null : "to=" + encode(to))
        .filter(q -> q != null).collect(Collectors.joining("&"));
    return lines(request("/v1/audit/journal" + (query.isEmpty() ? "" : "?" + query)).GET());
  }

  /** GET /v1/audit/{orders|disputes}/{id}/journal. */
  JsonNode journal(String collection, String id) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(
        request("/v1/audit/" + collection + "/" + URLEncoder.encode(id, StandardCharsets.UTF_8)
            + "/journal").GET().build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(problem(response.statusCode(), response.body()));
    }
    return JSON.readTree(response.body());
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + key);
  }

  private Stream<String> lines(HttpRequest.Builder request) throws IOException, InterruptedException {
    return ok(http.send(request.build(), HttpResponse.BodyHandlers.ofLines()));
  }

  private static Stream<String> ok(HttpResponse<Stream<String>> response) {
    if (response.statusCode() != 200) {
      String body = response.body().collect(Collectors.joining("\n"));
      throw new IllegalStateException(problem(response.statusCode(), body));
    }
    return response.body();
  }

  private static String problem(int status, String body) {
    try {
      JsonNode problem = JSON.readTree(body);
      return status + " " + problem.path("title").asText() + ": " + problem.path("detail").asText()
          + (problem.has("errors") ? " " + problem.path("errors") : "");
    } catch (IOException e) {
      return "HTTP " + status;
    }
  }

  private static String encode(Instant at) {
    return URLEncoder.encode(at.toString(), StandardCharsets.UTF_8);
  }
}
