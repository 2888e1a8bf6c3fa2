package payledger.notify;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import payledger.Service;
import payledger.testing.ApiClient;
import payledger.testing.LocalCassandraExtension;
import payledger.testing.Requests;
import payledger.testing.TestConfigs;
import payledger.testing.TwilioSink;
import payledger.testing.Ids;

/**
 * The SMS channel end to end, on the real local Cassandra node with a real HTTP server speaking
 * Twilio's Messages API: an order that opted into SMS gets its receipt as a text; a provider outage
 * is retried on SMS; a number the provider refuses falls back to the customer's next channel; an
 * order that did not opt in gets no text.
 */
@ExtendWith(LocalCassandraExtension.class)
class SmsIT {

  private static final String KEYSPACE = "payledger_sms_it";
  private static final String SID = "ACit00000000000000000000000000000";

  @Test
  void textsGoOutAreRetriedAndFallBackLikeEveryChannel() throws Exception {
    try (TwilioSink twilio = new TwilioSink(SID);
        Service service = Service.start(TestConfigs.service("""
            pekko.persistence.cassandra.journal.keyspace = %s
            pekko.persistence.cassandra.events-by-tag.eventual-consistency-delay = 1s
            payledger.notify.smtp.port = 1
            payledger.notify.sms.base-url = "%s"
            payledger.notify.sms.account-sid = "%s"
            payledger.notify.sms.auth-token = "it-token"
            payledger.notify.sms.from = "+15005550006"
            payledger.notify.delivery.poll-interval = 200ms
            payledger.notify.delivery.backoff = 500ms
            payledger.notify.delivery.max-backoff = 2s
            payledger.notify.delivery.max-attempts = 5
            """.formatted(KEYSPACE, twilio.baseUrl(), SID)), Clock.systemUTC())) {
      ApiClient api = new ApiClient(service.httpPort());
      api.awaitJournal();

      // Opted in: the receipt goes out as a text, signed by the merchant, in the customer's language.
      String texted = Ids.unique("sms");
      JsonNode delivered = pay(api, texted, "+4915112345678", "de");
      JsonNode delivery = delivered.path("receipt").path("deliveries").get(0);
      assertEquals("SMS", delivery.path("channel").asText(), delivery.toString());
      assertEquals(1, delivery.path("attempts").asInt());
      TwilioSink.Message sms = twilio.messages().get(0);
      assertEquals("+4915112345678", sms.to());
      assertEquals("+15005550006", sms.from());
      assertEquals(SID, sms.user());
      assertEquals("it-token", sms.password());
      assertTrue(sms.body().startsWith("Example Marketplace: Quittung R-" + texted + " für Bestellung " + texted
          + ", 30,90\u00a0€ bezahlt."), sms.body());
      assertTrue(sms.body().contains("/v1/receipts/"), "the self-service link: " + sms.body());

      // The provider is down once: retried on SMS, delivered there.
      twilio.answerNext(503, "{\"code\":20500,\"message\":\"Service unavailable\",\"status\":503}");
      String retried = Ids.unique("sms-retry");
      delivery = pay(api, retried, "+4915112345679", "en").path("receipt").path("deliveries").get(0);
      assertEquals("SMS", delivery.path("channel").asText(), delivery.toString());
      assertEquals(2, delivery.path("attempts").asInt(), delivery.toString());
      assertTrue(delivery.path("failures").get(0).asText().contains("503"), delivery.toString());
      assertEquals("+4915112345679", twilio.messages().get(1).to());

      // The provider refuses the number: no retry on SMS, the next channel (the inbox) has it.
      twilio.answerNext(400, "{\"code\":21211,\"message\":\"The 'To' number is not a valid phone number.\",\"status\":400}");
      String refused = Ids.unique("sms-refused");
      delivery = pay(api, refused, "+4915112345670", "en").path("receipt").path("deliveries").get(0);
      assertEquals("IN_APP", delivery.path("channel").asText(), delivery.toString());
      assertEquals(1, delivery.path("failures").size(), delivery.toString());
      assertTrue(delivery.path("failures").get(0).asText().contains("21211"), delivery.toString());
      assertEquals(2, twilio.messages().size(), "the refused one was not accepted");

      // Not opted in: email, then the inbox; never a text, even with a number.
      String quiet = Ids.unique("sms-none");
      ObjectNode order = Requests.order(quiet).put("customerPhone", "+4915112345671");
      assertEquals(201, api.post("/v1/orders", order).status());
      assertEquals(201, api.post("/v1/payment-events",
          Requests.payment("evt-" + quiet, quiet, "SUCCEEDED", Requests.DUE)).status());
      JsonNode fallback = api.await("/v1/orders/" + quiet, o -> o.path("receipt").path("status").asText().equals("DELIVERED"));
      assertEquals("IN_APP", fallback.path("receipt").path("deliveries").get(0).path("channel").asText(),
          "email is down here (port 1), so the inbox");
      assertEquals(List.of(201, 503, 201, 400), twilio.answered(), "no text for the order that did not opt in");
    }
  }

  /** Registers an order opted into SMS (then the inbox), pays it, and waits for its receipt's outcome. */
  private static JsonNode pay(ApiClient api, String orderId, String phone, String locale) {
    ObjectNode order = Requests.order(orderId).put("customerPhone", phone).put("locale", locale);
    order.putArray("notificationChannels").add("sms").add("in_app");
    assertEquals(201, api.post("/v1/orders", order).status());
    assertEquals(201, api.post("/v1/payment-events",
        Requests.payment("evt-" + orderId, orderId, "SUCCEEDED", Requests.DUE)).status());
    return api.await("/v1/orders/" + orderId, o -> o.path("receipt").path("status").asText().equals("DELIVERED"));
  }
}
