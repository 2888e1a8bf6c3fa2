package payledger.http;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import payledger.testing.InMemoryService;
import payledger.testing.RawHttp;
import payledger.testing.RawHttp.Answer;

/**
 * Every refusal, from the HTTP parser up to the routes, is an application/problem+json answer that
 * names no internals (config keys, library names). Raw sockets: an HTTP client would not send these.
 */
class ErrorSurfaceTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static InMemoryService service;

  @BeforeAll
  static void start() {
    service = new InMemoryService(Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  @Test
  void anOverlongUriIs414Problem() {
    Answer answer = send("GET /v1/orders/" + "o".repeat(3000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n");

    assertRefused(414, answer);
  }

  @Test
  void tooManyHeadersAreAProblem() {
    StringBuilder request = new StringBuilder("GET /v1/orders/o-1 HTTP/1.1\r\nHost: localhost\r\n");
    for (int i = 0; i < 100; i++) {
      request.append("X-Filler-").append(i).append(": x\r\n");
    }
    // Pekko's parser answers too many headers with 400 (too long a header with 431).
    assertRefused(400, send(request.append("\r\n").toString()));
  }

  @Test
  void anOverlongHeaderValueIs431Problem() {
    assertRefused(431, send("GET /v1/orders/o-1 HTTP/1.1\r\nHost: localhost\r\nX-Big: "
        + "b".repeat(10_000) + "\r\n\r\n"));
  }

  @Test
  void anIllegalHeaderNameIs400Problem() {
    assertRefused(400, send("GET /v1/orders/o-1 HTTP/1.1\r\nHost: localhost\r\nBad Header: x\r\n\r\n"));
  }

  @Test
  void anUnknownMethodIsAProblem() {
    Answer answer = send("BREW /v1/orders/o-1 HTTP/1.1\r\nHost: localhost\r\n\r\n");

    assertTrue(answer.status() == 501 || answer.status() == 405, answer.toString());
    assertRefused(answer.status(), answer);
  }

  @Test
  void anOversizedBodyIs413ProblemWithoutConfigKeys() {
    byte[] body = ("{\"pad\":\"" + "x".repeat(1_100_000) + "\"}").getBytes(StandardCharsets.UTF_8);
    byte[] head = ("POST /v1/payment-events HTTP/1.1\r\nHost: localhost\r\n"
        + "Authorization: Bearer dev-admin-key\r\nContent-Type: application/json\r\n"
        + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
    try (RawHttp http = new RawHttp(service.port(), WAIT)) {
      http.write(head);
      http.write(body);
      assertRefused(413, http.answer());
    }
  }

  @Test
  void aPostToAnUnknownV1PathIs404NotA405() {
    Answer answer = send("POST /v1/no-such-thing HTTP/1.1\r\nHost: localhost\r\n"
        + "Authorization: Bearer dev-admin-key\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}");

    assertRefused(404, answer);
  }

  @Test
  void aKnownPathWithAnotherMethodStaysA405() {
    Answer answer = send("DELETE /v1/orders/o-1 HTTP/1.1\r\nHost: localhost\r\n"
        + "Authorization: Bearer dev-admin-key\r\n\r\n");

    assertRefused(405, answer);
  }

  private static Answer send(String request) {
    return RawHttp.exchange(service.port(), request, WAIT);
  }

  private static void assertRefused(int status, Answer answer) {
    assertEquals(status, answer.status(), answer.toString());
    assertTrue(answer.isProblem(), answer.toString());
    assertEquals(status, answer.json().path("status").asInt(), answer.body());
    assertTrue(answer.json().path("type").asText().startsWith("urn:payledger:problem:"), answer.body());
    String body = answer.body().toLowerCase(Locale.ROOT);
    for (String internal : new String[] {"pekko", "akka", "max-", "parsing", "withsizelimit", "scala", "exception"}) {
      assertFalse(body.contains(internal), internal + " named in " + answer.body());
    }
  }
}
