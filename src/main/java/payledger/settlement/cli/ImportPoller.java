package payledger.settlement.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Polls an accepted import ({@code GET /v1/settlements/imports/{id}}) until it is {@code DONE}
 * (the import on stdout, exit 0) or {@code FAILED} (its reason on stderr, exit 2), printing each
 * change of its state and progress on stderr. An unreachable or unavailable service (a restart:
 * the import resumes from its spool) is asked again until the deadline.
 */
final class ImportPoller {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;
  private final URI importUri;
  private final String key;
  private final Duration every;
  private final long deadlineNanos;
  private final PrintStream out;
  private final PrintStream err;

  ImportPoller(HttpClient http, URI importUri, String key, Duration every, long deadlineNanos, PrintStream out,
      PrintStream err) {
    this.http = http;
    this.importUri = importUri;
    this.key = key;
    this.every = every;
    this.deadlineNanos = deadlineNanos;
    this.out = out;
    this.err = err;
  }

  int await() throws InterruptedException {
    String shown = "";
    while (System.nanoTime() < deadlineNanos) {
      HttpResponse<String> response = get();
      if (response != null && response.statusCode() == 200) {
        JsonNode body = readTree(response.body());
        String state = body.path("state").asText();
        if (state.equals("DONE")) {
          err.println("Imported: " + body.path("lines").asLong() + " lines, reconciled.");
          out.println(response.body());
          return 0;
        }
        if (state.equals("FAILED")) {
          err.println("The import failed: " + body.path("failure").asText()
              + " (uploading the file again takes it up where it stands)");
          out.println(response.body());
          return SettlementCli.FAILED;
        }
        String progress = progress(state, body);
        if (!progress.equals(shown)) {
          err.println("  " + progress);
          shown = progress;
        }
      } else if (response != null && response.statusCode() < 500) {
        err.println("HTTP " + response.statusCode() + " for " + importUri + ": " + response.body());
        return SettlementCli.FAILED;
      }
      Thread.sleep(every.toMillis());
    }
    err.println("Gave up waiting for " + importUri + " (it may still be going on: GET it later).");
    return SettlementCli.FAILED;
  }

  static String progress(String state, JsonNode body) {
    long lines = body.path("lines").asLong();
    return state.equals("RECONCILING")
        ? "reconciling: " + body.path("reconciled").asLong() + " of " + lines + " lines matched"
        : "received: " + body.path("staged").asLong() + " of " + lines + " lines staged";
  }

  /** The import, or null when the service did not answer (it is asked again). */
  private HttpResponse<String> get() throws InterruptedException {
    try {
      return http.send(HttpRequest.newBuilder(importUri).timeout(Duration.ofSeconds(30))
          .header("Authorization", "Bearer " + key).GET().build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      return null;
    }
  }

  private static JsonNode readTree(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new IllegalStateException("the service answered no JSON: " + body, e);
    }
  }
}
