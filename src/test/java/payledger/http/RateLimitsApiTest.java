package payledger.http;

import static org.junit.jupiter.api.Assertions.*;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import payledger.testing.ApiClient;
import payledger.testing.InMemoryService;
import payledger.testing.OpenApiContract;
import payledger.testing.RawHttp;
import payledger.testing.RawHttp.Answer;

/**
 * The keyless routes (receipt links, gateway webhooks) are limited per client: over its burst a
 * client is answered 429 problem+json with Retry-After, and other clients are not affected. Behind
 * one trusted proxy the client is the address that proxy saw (X-Forwarded-For).
 */
class RateLimitsApiTest {

  private static InMemoryService service;

  @BeforeAll
  static void start() {
    service = new InMemoryService(Clock.systemUTC(), """
        payledger.http.rate-limits.trusted-proxy-hops = 1
        payledger.http.rate-limits.receipt-links { per-second = 0.01, burst = 3 }
        payledger.http.rate-limits.gateway-webhooks { per-second = 0.01, burst = 3 }
        """);
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  @Test
  void aClientOverItsReceiptLinkBurstIs429WithRetryAfterAndOthersAreServed() {
    for (int i = 0; i < 3; i++) {
      assertEquals(404, receiptLink("203.0.113.7").status());
    }

    Answer limited = receiptLink("203.0.113.7");

    assertEquals(429, limited.status(), limited.toString());
    assertTrue(limited.isProblem(), limited.toString());
    assertTrue(Long.parseLong(limited.header("Retry-After")) >= 1, limited.toString());
    assertEquals(404, receiptLink("203.0.113.8").status(), "another client is not limited");
  }

  @Test
  void aClientOverItsWebhookBurstIs429BeforeTheSignatureIsChecked() {
    for (int i = 0; i < 3; i++) {
      assertEquals(400, stripe("198.51.100.1").status());
    }

    Answer limited = stripe("198.51.100.1");

    assertEquals(429, limited.status(), limited.toString());
    assertTrue(limited.isProblem(), limited.toString());
    assertNotNull(limited.header("Retry-After"));
    assertEquals(400, stripe("198.51.100.2").status(), "another gateway address is not limited");
  }

  @Test
  void theClientIsTheTcpPeerUnlessProxiesAreTrusted() {
    assertEquals("10.0.0.9", RateLimits.clientOf("10.0.0.9", "1.2.3.4", 0));
    assertEquals("5.6.7.8", RateLimits.clientOf("10.0.0.9", "1.2.3.4, 5.6.7.8", 1));
    assertEquals("1.2.3.4", RateLimits.clientOf("10.0.0.9", "1.2.3.4, 5.6.7.8", 2));
    assertEquals("1.2.3.4", RateLimits.clientOf("10.0.0.9", "1.2.3.4", 3));
    assertEquals("10.0.0.9", RateLimits.clientOf("10.0.0.9", null, 1));
  }

  private static Answer receiptLink(String forwardedFor) {
    return checked("GET", "/v1/receipts/not-a-valid-link", "GET /v1/receipts/not-a-valid-link HTTP/1.1\r\n"
        + "Host: localhost\r\nX-Forwarded-For: " + forwardedFor + "\r\n\r\n");
  }

  private static Answer stripe(String forwardedFor) {
    return checked("POST", "/v1/gateways/stripe/webhook", "POST /v1/gateways/stripe/webhook HTTP/1.1\r\n"
        + "Host: localhost\r\nX-Forwarded-For: 10.9.9.9, " + forwardedFor + "\r\n"
        + "Stripe-Signature: t=1,v1=00\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}");
  }

  /** Raw HTTP for the headers, still held to openapi.yaml like every ApiClient exchange. */
  private static Answer checked(String method, String path, String request) {
    Answer answer = RawHttp.exchange(service.port(), request, Duration.ofSeconds(10));
    HttpRequest described = HttpRequest.newBuilder(URI.create("http://127.0.0.1" + path))
        .method(method, HttpRequest.BodyPublishers.noBody()).build();
    OpenApiContract.check(described, null, new ApiClient.Reply(
        answer.status(), answer.header("Content-Type"), answer.body(), null));
    return answer;
  }
}
