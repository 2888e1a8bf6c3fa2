package payledger.http;

import static org.junit.jupiter.api.Assertions.*;
import static payledger.testing.Requests.order;
import static payledger.testing.Requests.payment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.pekko.persistence.testkit.javadsl.PersistenceTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import payledger.Service;
import payledger.chain.ChainedEvent;
import payledger.order.OrderEvent;
import payledger.testing.ApiClient;
import payledger.testing.ApiClient.Reply;
import payledger.testing.GatewayFixtures;
import payledger.testing.TestConfigs;

/** The generic format's X-Signature, the batch endpoint and the card-number guard, over real HTTP. */
class GenericIngestionTest {

  private static Service service;
  private static ApiClient api;
  private static PersistenceTestKit journal;

  @BeforeAll
  static void start() {
    service = Service.start(TestConfigs.inMemory(GatewayFixtures.CONFIG), Clock.systemUTC());
    api = new ApiClient(service.httpPort()).withKey(ApiClient.GATEWAY_KEY);
    journal = PersistenceTestKit.create(service.system());
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  private static List<Object> journaled(String orderId) {
    return List.copyOf(ChainedEvent.unwrapAll(
        journal.persistedInStorage("OrderLedger|" + orderId), OrderEvent.class));
  }

  private static String hmacHex(String secret, byte[] body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(body));
  }

  private static Reply signed(String path, JsonNode body, String signature) {
    byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
    return signature == null
        ? api.post(path, "application/json", bytes)
        : api.post(path, "application/json", bytes, "X-Signature", signature);
  }

  @Test
  void aGatewayWithASecretMustSignItsEvents() throws Exception {
    ObjectNode event = payment("evt-acme-1", "g-sig-1", "SUCCEEDED", 1000).put("gateway", "acme");
    byte[] bytes = event.toString().getBytes(StandardCharsets.UTF_8);

    assertEquals(400, signed("/v1/payment-events", event, null).status());
    assertEquals(400, signed("/v1/payment-events", event, hmacHex("wrong", bytes)).status());
    assertTrue(journaled("g-sig-1").isEmpty());
    ObjectNode disguised = event.deepCopy();
    disguised.putArray("events");
    assertEquals(400, signed("/v1/payment-events", disguised, null).status(), "a batch-shaped field changes nothing");
    assertTrue(journaled("g-sig-1").isEmpty());
    assertEquals(201, signed("/v1/payment-events", event, hmacHex("acme-secret", bytes)).status());
    assertEquals(201, signed("/v1/payment-events", payment("evt-plain-1", "g-sig-1", "SUCCEEDED", 5), null).status(),
        "a gateway without a secret need not sign");
  }

  @Test
  void aBatchAnswersPerItemInOrderAndOneBadItemDoesNotSinkIt() {
    api.post("/v1/orders", order("g-batch-1"));
    ObjectNode batch = ApiClient.JSON.createObjectNode();
    ArrayNode events = batch.putArray("events");
    events.add(payment("evt-b-1", "g-batch-1", "SUCCEEDED", 1000));
    events.add(payment("evt-b-2", "g-batch-1", "PAID", 1000));
    events.add(payment("evt-b-1", "g-batch-1", "SUCCEEDED", 1000));
    events.add(payment("evt-b-3", "g-batch-2", "SUCCEEDED", 2090));
    events.add(payment("evt-b-1", "g-batch-1", "REFUNDED", 1000));
    events.add(payment("evt-b-4", "g-batch-1", "SUCCEEDED", 1000).without("orderId"));

    Reply reply = api.post("/v1/payment-events/batch", batch);

    assertEquals(200, reply.status(), reply.body());
    JsonNode results = reply.json().path("results");
    assertEquals(6, results.size());
    int[] expected = {201, 400, 200, 201, 409, 201};
    for (int i = 0; i < expected.length; i++) {
      assertEquals(i, results.get(i).path("index").asInt());
      assertEquals(expected[i], results.get(i).path("status").asInt(), results.get(i).toString());
    }
    assertEquals("events[1].type", results.get(1).path("problem").path("errors").get(0).path("field").asText());
    assertEquals("UNLINKED", results.get(5).path("accepted").path("orderStatus").asText(),
        "kept under its payment id until support links it");
    assertEquals(2, journaled("g-batch-1").stream()
        .filter(e -> !(e instanceof OrderEvent.DiscrepancyOpened)).count(), "the order and one payment");
    assertEquals(1, journaled("g-batch-2").size());
  }

  @Test
  void aSignedGatewayMustAlsoSignItsBatches() throws Exception {
    ObjectNode batch = ApiClient.JSON.createObjectNode();
    batch.putArray("events").add(payment("evt-acme-b-1", "g-sig-2", "SUCCEEDED", 1000).put("gateway", "acme"));
    assertEquals(400, signed("/v1/payment-events/batch", batch, null).status());
    assertTrue(journaled("g-sig-2").isEmpty());
    Reply reply = signed("/v1/payment-events/batch", batch, hmacHex("acme-secret", batch.toString().getBytes(StandardCharsets.UTF_8)));
    assertEquals(201, reply.json().path("results").get(0).path("status").asInt(), reply.body());
  }

  @Test
  void aBatchOfMoreThanAThousandEventsIsRefusedWhole() {
    ObjectNode batch = ApiClient.JSON.createObjectNode();
    ArrayNode events = batch.putArray("events");
    for (int i = 0; i < 1001; i++) {
      events.add(payment("evt-big-" + i, "g-big-1", "SUCCEEDED", 1));
    }
    assertEquals(400, api.post("/v1/payment-events/batch", batch).status());
    assertTrue(journaled("g-big-1").isEmpty());
  }

  @Test
  void aCardNumberAnywhereIsRefused422AndNotStored() {
    ObjectNode event = payment("evt-pan-1", "g-pan-1", "SUCCEEDED", 1000).put("failureReason", "card 4111 1111 1111 1111");
    Reply reply = api.post("/v1/payment-events", event);
    assertEquals(422, reply.status());
    assertTrue(reply.isProblem());
    assertFalse(reply.body().contains("4111"), "the number is not echoed");
    ObjectNode order = order("g-pan-1");
    ((ObjectNode) order.get("items").get(0)).put("description", "gift for 5555555555554444");
    assertEquals(422, new ApiClient(service.httpPort()).post("/v1/orders", order).status());
    assertTrue(journaled("g-pan-1").isEmpty());
  }

  @Test
  void theCardAndRiskAGatewaySentAreShownOnTheOrder() {
    api.post("/v1/orders", order("g-card-1"));
    ObjectNode event = payment("evt-card-1", "g-card-1", "SUCCEEDED", 1000);
    event.putObject("card").put("brand", "visa").put("last4", "4242").put("fingerprint", "fp-1");
    event.putObject("risk").put("level", "ELEVATED").put("score", 70).put("label", "elevated");
    assertEquals(201, api.post("/v1/payment-events", event).status());
    JsonNode payment = new ApiClient(service.httpPort()).withKey(ApiClient.SUPPORT_KEY)
        .get("/v1/orders/g-card-1").json().path("payments").get(0);
    assertEquals("visa", payment.path("card").path("brand").asText());
    assertEquals("4242", payment.path("card").path("last4").asText());
    assertEquals("fp-1", payment.path("card").path("fingerprint").asText());
    assertEquals("ELEVATED", payment.path("risk").path("level").asText());
    assertEquals(70, payment.path("risk").path("score").asInt());
  }

  @Test
  void aCardNumberAsLast4IsRefusedByTheGuardAndNotStored() {
    ObjectNode event = payment("evt-card-pan-1", "g-card-pan-1", "SUCCEEDED", 1000);
    event.putObject("card").put("brand", "visa").put("last4", "4111111111111111");
    Reply reply = api.post("/v1/payment-events", event);
    assertEquals(422, reply.status(), reply.body());
    assertFalse(reply.body().contains("4111"), "the number is not echoed");
    ObjectNode three = payment("evt-card-3-1", "g-card-pan-1", "SUCCEEDED", 1000);
    three.putObject("card").put("brand", "visa").put("last4", "424");
    reply = api.post("/v1/payment-events", three);
    assertEquals(400, reply.status(), reply.body());
    assertEquals("card.last4", reply.json().path("errors").get(0).path("field").asText());
    assertTrue(journaled("g-card-pan-1").isEmpty());
  }

  @Test
  void aMaskedNumberOrALongGatewayReferenceIsNotACard() {
    ObjectNode event = payment("evt-mask-1", "g-mask-1", "SUCCEEDED", 1000)
        .put("paymentId", "8816178952380553").put("failureReason", "card 4111 11** **** 1111");
    assertEquals(201, api.post("/v1/payment-events", event).status());
  }

  @Test
  void aDisguisedCardNumberIsRefusedAndNeverEchoed() {
    for (String disguised : List.of("4111.1111.1111.1111", "4111\u00a01111\u00a01111\u00a01111",
        "\uff14\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11", "4111/1111/1111/1111")) {
      ObjectNode event = payment("evt-disguised-1", "g-disguised-1", "FAILED", 1000).put("failureReason", disguised);
      Reply reply = api.post("/v1/payment-events", event);
      assertEquals(422, reply.status(), disguised + ": " + reply.body());
      assertTrue(reply.isProblem());
      assertFalse(reply.body().contains(disguised), "not echoed");
    }
    assertTrue(journaled("g-disguised-1").isEmpty());
  }

  @Test
  void aCardNumberInThePathIsRefusedAndNotEchoed() {
    for (String path : List.of("/v1/orders/4111111111111111", "/v1/orders/4111.1111.1111.1111/adjustments",
        "/v1/orders/4111%201111%201111%201111/receipt")) {
      Reply reply = path.endsWith("adjustments")
          ? api.post(path, ApiClient.JSON.createObjectNode())
          : api.get(path);
      assertEquals(422, reply.status(), path + ": " + reply.body());
      assertTrue(reply.isProblem());
      assertFalse(reply.body().contains("1111"), reply.body());
    }
  }

  @Test
  void malformedJsonIsNotEchoed() {
    byte[] body = "{\"failureReason\": x\uff14\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11}".getBytes(StandardCharsets.UTF_8);
    Reply reply = api.post("/v1/payment-events", "application/json", body);
    assertEquals(400, reply.status());
    assertTrue(reply.isProblem());
    assertFalse(reply.body().contains("\uff11\uff11\uff11"), reply.body());
  }
}
