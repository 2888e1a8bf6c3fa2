package payledger.http;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import payledger.testing.InMemoryService;
import payledger.testing.RawHttp;
import payledger.testing.RawHttp.Answer;

/**
 * Clients that never finish a request do not keep their connections: a stalled header is closed by
 * the idle timeout, a body trickled in is cut by the body-read timeout (http.conf), so a few hundred
 * of them cannot hold the server's connections for long. Raw sockets: no HTTP client sends these.
 */
class SlowClientsTest {

  // The packaged http.conf: idle-timeout 10 s, body-read-timeout 5 s; a margin for a busy machine.
  private static final Duration STALLED_HEADER_LIMIT = Duration.ofSeconds(14);
  private static final Duration SLOW_BODY_LIMIT = Duration.ofSeconds(9);
  private static final Duration WAIT = Duration.ofSeconds(25);

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
  void headersEndingInAnUnfinishedUtf8SequenceAreClosedWithinSecondsEvenByTheHundred() {
    // 0xE2 opens a three-byte sequence: the parser takes the final CR LF for its continuation
    // bytes and waits for the rest of a header that never comes.
    byte[] request = concat("GET /v1/orders/o-1 HTTP/1.1\r\nHost: localhost\r\nX-Note: caf",
        new byte[] {(byte) 0xE2}, "\r\n\r\n");
    List<RawHttp> clients = new ArrayList<>();
    try {
      for (int i = 0; i < 200; i++) {
        RawHttp client = new RawHttp(service.port(), WAIT);
        client.write(request);
        clients.add(client);
      }
      assertEquals(404, service.api().get("/v1/orders/meanwhile").status(), "others are served meanwhile");
      for (RawHttp client : clients) {
        Answer answer = client.answer();
        assertTrue(answer.elapsed().compareTo(STALLED_HEADER_LIMIT) < 0, answer.toString());
        assertTrue(answer.status() == -1 || answer.isProblem(), answer.toString());
      }
    } finally {
      clients.forEach(RawHttp::close);
    }
  }

  @Test
  void aBodyTrickledInByteByByteIsAnswered408WithinSeconds() throws InterruptedException {
    String head = "POST /v1/payment-events HTTP/1.1\r\nHost: localhost\r\n"
        + "Authorization: Bearer dev-admin-key\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{";
    try (RawHttp client = new RawHttp(service.port(), WAIT)) {
      client.write(head.getBytes(StandardCharsets.ISO_8859_1));
      // A byte a second: never idle long enough for the idle timeout, so only a body deadline helps.
      for (int i = 0; i < 20 && !client.answered(); i++) {
        Thread.sleep(1000);
        if (!client.write(new byte[] {' '})) {
          break;
        }
      }
      Answer answer = client.answer();

      assertEquals(408, answer.status(), answer.toString());
      assertTrue(answer.isProblem(), answer.toString());
      assertTrue(answer.elapsed().compareTo(SLOW_BODY_LIMIT) < 0, answer.toString());
    }
  }

  private static byte[] concat(String head, byte[] middle, String tail) {
    byte[] a = head.getBytes(StandardCharsets.ISO_8859_1);
    byte[] c = tail.getBytes(StandardCharsets.ISO_8859_1);
    byte[] all = new byte[a.length + middle.length + c.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(middle, 0, all, a.length, middle.length);
    System.arraycopy(c, 0, all, a.length + middle.length, c.length);
    return all;
  }
}
