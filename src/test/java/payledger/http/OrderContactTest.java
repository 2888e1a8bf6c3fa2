package payledger.http;

import static org.junit.jupiter.api.Assertions.*;
import static payledger.testing.Requests.order;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import payledger.Service;
import payledger.testing.ApiClient;
import payledger.testing.ApiClient.Reply;
import payledger.testing.TestConfigs;

/** The customer's phone number for SMS: E.164 only, required when the order opts into SMS. */
class OrderContactTest {

  private static Service service;
  private static ApiClient api;

  @BeforeAll
  static void start() {
    service = Service.start(TestConfigs.inMemory(""), Clock.systemUTC());
    api = new ApiClient(service.httpPort());
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  @Test
  void aNumberOutsideE164IsAProblemAndNothingIsRegistered() {
    for (String bad : List.of("015112345678", "+0151123456", "+49 151 1234567", "+49151123456789012", "+49-151", "phone")) {
      ObjectNode body = order("phone-bad-" + Math.abs(bad.hashCode())).put("customerPhone", bad);
      Reply reply = api.post("/v1/orders", body);
      assertEquals(400, reply.status(), bad + ": " + reply.body());
      assertTrue(reply.isProblem());
      assertEquals("customerPhone", reply.json().path("errors").get(0).path("field").asText());
      assertEquals(404, api.get("/v1/orders/" + body.path("orderId").asText()).status());
    }
  }

  @Test
  void smsNeedsANumber() {
    ObjectNode body = order("phone-sms-1");
    body.putArray("notificationChannels").add("sms").add("email");
    Reply reply = api.post("/v1/orders", body);
    assertEquals(400, reply.status(), reply.body());
    assertEquals("customerPhone", reply.json().path("errors").get(0).path("field").asText());
    body.put("customerPhone", "+4915112345678");
    assertEquals(201, api.post("/v1/orders", body).status());
    Reply order = api.get("/v1/orders/phone-sms-1");
    assertEquals("+4915112345678", order.json().path("customer").path("phone").asText());
  }

  @Test
  void anUnknownChannelIsStillRefused() {
    ObjectNode body = order("phone-pigeon-1").put("customerPhone", "+4915112345678");
    body.putArray("notificationChannels").add("pigeon");
    Reply reply = api.post("/v1/orders", body);
    assertEquals(400, reply.status());
    assertTrue(reply.json().path("errors").get(0).path("message").asText().contains("sms"));
  }
}
