package payledger.http;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import payledger.testing.GatewayFixtures;
import payledger.testing.InMemoryService;
import payledger.testing.RawHttp;
import payledger.testing.RawHttp.Answer;

/** The one delivery route dispatches by gateway name: only a registered gateway's own webhook exists. */
class GatewayRoutesTest {

  private static InMemoryService service;

  @BeforeAll
  static void start() {
    service = new InMemoryService(Clock.systemUTC(), GatewayFixtures.CONFIG);
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  private static Answer post(String path) {
    return RawHttp.exchange(service.port(), "POST " + path + " HTTP/1.1\r\nHost: localhost\r\n"
        + "Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}", Duration.ofSeconds(10));
  }

  @Test
  void anUnknownGatewayOrAnotherGatewaysWebhookIsNotFound() {
    for (String path : new String[] {"/v1/gateways/paypal/webhook", "/v1/gateways/stripe/notifications",
        "/v1/gateways/adyen/webhook", "/v1/gateways/generic/webhook", "/v1/gateways/stripe/webhook/extra"}) {
      Answer answer = post(path);
      assertEquals(404, answer.status(), path + ": " + answer);
      assertTrue(answer.isProblem(), answer.toString());
    }
  }

  @Test
  void aRegisteredWebhookAnswersOnlyPost() {
    Answer answer = RawHttp.exchange(service.port(),
        "GET /v1/gateways/adyen/notifications HTTP/1.1\r\nHost: localhost\r\n\r\n", Duration.ofSeconds(10));
    assertEquals(405, answer.status(), answer.toString());
    assertEquals(400, post("/v1/gateways/stripe/webhook").status(), "unsigned: refused by Stripe's signature check");
    assertEquals(400, post("/v1/gateways/adyen/notifications").status(), "no notification items");
  }
}
