package payledger.http;

import static org.junit.jupiter.api.Assertions.*;
import static payledger.testing.Requests.DUE;
import static payledger.testing.Requests.order;
import static payledger.testing.Requests.payment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import payledger.dispute.DisputeIds;
import payledger.testing.ApiClient;
import payledger.testing.ApiClient.Reply;
import payledger.testing.InMemoryService;

/** Cases over real HTTP: idempotent opening, the lifecycle, refusals, and a refund reaching the order once. */
class DisputeApiTest {

  private static InMemoryService service;
  private static ApiClient api;

  @BeforeAll
  static void start() {
    service = new InMemoryService(Clock.systemUTC());
    api = service.api();
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  private static ObjectNode newCase(String orderId) {
    return ApiClient.JSON.createObjectNode()
        .put("orderId", orderId).put("customerId", "cust-42").put("category", "DOUBLE_CHARGE")
        .put("description", "charged twice for one mug").put("actor", "agent-7");
  }

  private static ObjectNode step(String text) {
    ObjectNode step = ApiClient.JSON.createObjectNode().put("actor", "agent-7");
    return text == null ? step : step.put("text", text);
  }

  private static Reply openWithKey(String key, ObjectNode body) {
    return api.post("/v1/disputes", "application/json",
        body.toString().getBytes(StandardCharsets.UTF_8), "Idempotency-Key", key);
  }

  @Test
  void openingWithAnIdempotencyKeyTwiceGivesTheSameCaseAndADifferentBodyIs409() {
    api.post("/v1/orders", order("d-idem-1"));
    api.post("/v1/orders", order("d-idem-2"));
    Reply first = openWithKey("ticket-1", newCase("d-idem-1"));
    assertEquals(201, first.status(), first.body());
    JsonNode opened = first.json();
    assertEquals(opened.path("id").asText(), opened.path("trackingNumber").asText());
    assertTrue(opened.path("id").asText().matches("PL-[0-9A-Z]{10}"));
    assertEquals("HIGH", opened.path("priority").asText());
    assertEquals("PAYMENT_ISSUE", opened.path("kind").asText());
    assertTrue(opened.path("deadlines").path("acknowledgeSecondsLeft").asLong() > 3500);

    Reply again = openWithKey("ticket-1", newCase("d-idem-1"));
    assertEquals(200, again.status());
    assertEquals(opened.path("id"), again.json().path("id"));
    assertEquals(409, openWithKey("ticket-1", newCase("d-idem-2")).status());
  }

  @Test
  void anIllegalActionIs409ListingTheAllowedOnes() {
    api.post("/v1/orders", order("d-illegal-1"));
    String id = api.post("/v1/disputes", newCase("d-illegal-1")).json().path("id").asText();

    Reply close = api.post("/v1/disputes/" + id + "/close", step(null));

    assertEquals(409, close.status());
    assertTrue(close.json().path("detail").asText().contains("ACKNOWLEDGE"), close.body());
    assertEquals(400, api.post("/v1/disputes/" + id + "/notes", step(null)).status(), "a note needs text");
    assertEquals(404, api.get("/v1/disputes/PL-0000000000").status());
  }

  @Test
  void aRefundResolutionReachesTheOrderOnceAndTheCaseRecordsTheConfirmation() throws Exception {
    api.post("/v1/orders", order("d-refund-1"));
    api.post("/v1/payment-events", payment("evt-d-1", "d-refund-1", "SUCCEEDED", DUE));
    api.post("/v1/payment-events", payment("evt-d-2", "d-refund-1", "SUCCEEDED", DUE));
    String id = api.post("/v1/disputes", newCase("d-refund-1")).json().path("id").asText();
    api.post("/v1/disputes/" + id + "/acknowledge", step(null));
    ObjectNode refund = ApiClient.JSON.createObjectNode()
        .put("action", "REFUND").put("reason", "refund the second charge").put("actor", "agent-7");
    refund.putObject("amount").put("value", DUE).put("currency", "EUR");

    Reply resolved = api.post("/v1/disputes/" + id + "/resolve", refund);
    assertEquals(201, resolved.status(), resolved.body());
    assertEquals(200, api.post("/v1/disputes/" + id + "/resolve", refund).status(), "retried: no second refund");

    JsonNode dispute = awaitConfirmed(id);
    assertTrue(dispute.path("firstContactResolution").asBoolean());
    JsonNode order = api.get("/v1/orders/d-refund-1").json();
    assertEquals(1, order.path("instructions").size(), order.toString());
    assertEquals("REFUND", order.path("instructions").get(0).path("action").asText());
    assertEquals(id, order.path("disputes").get(0).asText());
  }

  private static JsonNode awaitConfirmed(String id) throws InterruptedException {
    for (int i = 0; i < 50; i++) {
      JsonNode dispute = api.get("/v1/disputes/" + id).json();
      if (dispute.path("ledgerConfirmed").asBoolean()) {
        return dispute;
      }
      Thread.sleep(100);
    }
    fail("the order's ledger never confirmed the refund");
    return null;
  }

  @Test
  void aCaseIsOpenedForTheOrdersOwnCustomerOnly() {
    api.post("/v1/orders", order("d-cust-1"));

    Reply foreign = openWithKey("ticket-cust-b", newCase("d-cust-1").put("customerId", "cust-b"));
    assertEquals(422, foreign.status(), foreign.body());
    assertTrue(foreign.isProblem());
    assertFalse(foreign.body().contains("cust-42"), "the order's customer is not revealed");
    assertTrue(service.journal().persistedInStorage("Dispute|" + DisputeIds.fromSeed("idempotency:ticket-cust-b")).isEmpty());

    ObjectNode unnamed = newCase("d-cust-1");
    unnamed.remove("customerId");
    Reply opened = api.post("/v1/disputes", unnamed);
    assertEquals(201, opened.status(), opened.body());
    assertEquals("cust-42", opened.json().path("customerId").asText());

    Reply unknown = openWithKey("ticket-cust-c", newCase("d-cust-never-registered"));
    assertEquals(404, unknown.status(), unknown.body());
    assertTrue(service.journal().persistedInStorage("Dispute|" + DisputeIds.fromSeed("idempotency:ticket-cust-c")).isEmpty());
  }
}
