package payledger.http;

import static org.junit.jupiter.api.Assertions.*;
import static payledger.testing.Requests.DUE;
import static payledger.testing.Requests.order;
import static payledger.testing.Requests.payment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import payledger.order.OrderEvent;
import payledger.testing.ApiClient;
import payledger.testing.ApiClient.Reply;
import payledger.testing.InMemoryService;
import payledger.testing.RawHttp;

/**
 * The HTTP API over real HTTP against a real one-node cluster, with the in-memory journal (the
 * Cassandra journal is exercised by the *IT tests). Bad input must get a 4xx problem and store nothing.
 */
class HttpApiTest {

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

  private static List<Object> journaled(String orderId) {
    return service.journaled(orderId);
  }

  @Test
  void createPayAndReadAnOrder() {
    Reply created = api.post("/v1/orders", order("happy-1"));
    assertEquals(201, created.status(), created.body());
    assertEquals("AWAITING_PAYMENT", created.json().path("status").asText());

    Reply paid = api.post("/v1/payment-events", payment("evt-happy-1", "happy-1", "SUCCEEDED", DUE));
    assertEquals(201, paid.status(), paid.body());
    assertEquals("RECONCILED", paid.json().path("orderStatus").asText());

    JsonNode order = api.get("/v1/orders/happy-1").json();
    assertEquals("RECONCILED", order.path("status").asText());
    assertEquals(DUE, order.path("totals").path("due").path("value").asLong());
    assertEquals(0, order.path("totals").path("balance").path("value").asLong());
    assertEquals("evt-happy-1", order.path("payments").get(0).path("eventId").asText());
    JsonNode total = order.path("invoice").path("items").get(0).path("total");
    assertEquals(2500, total.path("value").asLong());
    assertEquals("EUR", total.path("currency").asText());
  }

  @Test
  void invoiceAmountsAreMoneyObjectsOrTheEarlierBareMinorUnits() {
    ObjectNode asObjects = order("money-objects");
    ((ObjectNode) asObjects.withArray("items").get(0)).putObject("unitPrice").put("value", 1250).put("currency", "EUR");
    asObjects.putObject("shipping").put("value", 495).put("currency", "EUR");
    ((ObjectNode) asObjects.withArray("taxes").get(0)).putObject("amount").put("value", 595).put("currency", "EUR");
    Reply created = api.post("/v1/orders", asObjects);
    assertEquals(201, created.status(), created.body());
    assertEquals(DUE, created.json().path("totals").path("due").path("value").asLong());
    assertEquals(495, created.json().path("invoice").path("shipping").path("value").asLong());

    ObjectNode otherCurrency = order("money-other-currency");
    otherCurrency.putObject("shipping").put("value", 495).put("currency", "USD");
    Reply refused = api.post("/v1/orders", otherCurrency);
    assertEquals(400, refused.status(), refused.body());
    assertEquals("shipping.currency", refused.json().path("errors").get(0).path("field").asText());
  }

  @Test
  void registeringIsIdempotentOnTheOrderIdAndAConflictingInvoiceIs409() {
    assertEquals(201, api.post("/v1/orders", order("idem-1")).status());
    assertEquals(200, api.post("/v1/orders", order("idem-1")).status());

    ObjectNode different = order("idem-1").put("shipping", 0);
    Reply conflict = api.post("/v1/orders", different);

    assertEquals(409, conflict.status());
    assertTrue(conflict.isProblem());
    assertEquals(1, journaled("idem-1").size());
  }

  @Test
  void aRedeliveredPaymentEventIs200WithNoSecondEffect() {
    api.post("/v1/orders", order("dup-1"));
    ObjectNode event = payment("evt-dup-1", "dup-1", "SUCCEEDED", 1000);

    assertEquals(201, api.post("/v1/payment-events", event).status());
    Reply again = api.post("/v1/payment-events", event);

    assertEquals(200, again.status());
    assertTrue(again.json().path("duplicate").asBoolean());
    assertEquals(1000, api.get("/v1/orders/dup-1").json().path("totals").path("paid").path("value").asLong());
    assertEquals(409, api.post("/v1/payment-events", event.put("type", "REFUNDED")).status());
    assertEquals(1, journaled("dup-1").stream().filter(e -> e instanceof OrderEvent.PaymentRecorded).count());
  }

  @Test
  void anUnknownOrderIs404Problem() {
    Reply reply = api.get("/v1/orders/never-registered");
    assertEquals(404, reply.status());
    assertTrue(reply.isProblem());
    assertEquals(404, reply.json().path("status").asInt());
  }

  static Stream<Arguments> malformedOrders() {
    return Stream.of(
        bad("customerId", o -> o.remove("customerId")),
        bad("customerEmail", o -> o.put("customerEmail", "not-an-email")),
        bad("currency", o -> o.put("currency", "EURO")),
        bad("currency", o -> o.put("currency", "XAU")),
        bad("currency", o -> o.put("currency", 978)),
        bad("items", o -> o.putArray("items")),
        bad("items", o -> o.put("items", "mug")),
        bad("items[0]", o -> ((ArrayNode) o.get("items")).set(0, o.textNode("mug"))),
        bad("items[0].quantity", o -> item(o).put("quantity", 0)),
        bad("items[0].quantity", o -> item(o).put("quantity", "2")),
        bad("items[0].quantity", o -> item(o).put("quantity", 1.5)),
        bad("items[0].unitPrice", o -> item(o).put("unitPrice", -1250)),
        bad("items[0].unitPrice", o -> item(o).put("unitPrice", new java.math.BigInteger("99999999999999999999999"))),
        bad("items[0].sku", o -> item(o).remove("sku")),
        bad("shipping", o -> o.put("shipping", -1)),
        bad("taxes[0].amount", o -> ((ObjectNode) o.get("taxes").get(0)).put("amount", -5)),
        bad("discounts", o -> ((ObjectNode) o.get("discounts").get(0)).put("amount", 1_000_000)),
        bad("items", o -> item(o).put("quantity", 1_000_000).put("unitPrice", 100_000_000_000L)),
        bad("expectedPaymentMethod", o -> o.put("expectedPaymentMethod", "card; DROP TABLE")));
  }

  @ParameterizedTest(name = "order with bad {0}")
  @MethodSource("malformedOrders")
  void aMalformedOrderIs400NamingTheFieldAndStoresNothing(String field, Consumer<ObjectNode> breakIt) {
    ObjectNode body = order("bad-order");
    breakIt.accept(body);

    Reply reply = api.post("/v1/orders", body);

    assertProblem(400, reply);
    assertTrue(fields(reply).contains(field), field + " not named in " + reply.body());
    assertEquals(404, api.get("/v1/orders/bad-order").status());
  }

  static Stream<Arguments> malformedPayments() {
    return Stream.of(
        bad("eventId", o -> o.remove("eventId")),
        bad("eventId", o -> o.put("eventId", "../../etc/passwd")),
        bad("eventId", o -> o.put("eventId", "x".repeat(200))),
        bad("gateway", o -> o.put("gateway", "")),
        bad("type", o -> o.put("type", "PAID")),
        bad("orderId", o -> o.put("orderId", "~stripe:pi_1")),
        bad("paymentId", o -> o.putNull("paymentId")),
        bad("amount", o -> o.remove("amount")),
        bad("amount", o -> o.put("amount", 3090)),
        bad("amount.value", o -> amount(o).put("value", -100)),
        bad("amount.value", o -> amount(o).put("value", 0)),
        bad("amount.value", o -> amount(o).put("value", 30.90)),
        bad("amount.value", o -> amount(o).put("value", "3090")),
        bad("amount.value", o -> amount(o).put("value", 1_000_000_000_000_000L)),
        bad("amount.value", o -> amount(o).put("value", new java.math.BigDecimal("1e400"))),
        bad("amount.currency", o -> amount(o).put("currency", "ABC")),
        bad("amount.currency", o -> amount(o).remove("currency")),
        bad("method", o -> o.put("method", 7)),
        bad("occurredAt", o -> o.put("occurredAt", "yesterday")),
        bad("occurredAt", o -> o.put("occurredAt", 1763806530)));
  }

  @ParameterizedTest(name = "payment event with bad {0}")
  @MethodSource("malformedPayments")
  void aMalformedPaymentEventIs400NamingTheFieldAndStoresNothing(
      String field, Consumer<ObjectNode> breakIt) {
    ObjectNode body = payment("evt-bad", "bad-payment", "SUCCEEDED", 1000);
    breakIt.accept(body);

    Reply reply = api.post("/v1/payment-events", body);

    assertProblem(400, reply);
    assertTrue(fields(reply).contains(field), field + " not named in " + reply.body());
    assertTrue(journaled("bad-payment").isEmpty());
  }

  @ParameterizedTest(name = "body {0}")
  @MethodSource("unparseableBodies")
  void unparseableJsonIs400Problem(String body) {
    for (String path : List.of("/v1/orders", "/v1/payment-events")) {
      assertProblem(400, api.post(path, body));
    }
  }

  static Stream<String> unparseableBodies() {
    return Stream.of(
        "", "{", "[]", "null", "42", "\"text\"", "{\"orderId\": }", "{\"a\":1} trailing",
        "{\"eventId\":\"a\",\"eventId\":\"b\"}", "\u0000\u0001", "{\"orderId\":\"\uD800\"}");
  }

  /**
   * Over the 1 MB limit by its declared length: refused before a byte of the body is read (this
   * client sends none), so the answer never races a body still being written.
   */
  @Test
  void aBodyOverTheLimitIs413BeforeItIsRead() {
    RawHttp.Answer answer = RawHttp.exchange(service.port(), "POST /v1/payment-events HTTP/1.1\r\n"
        + "Host: localhost\r\nAuthorization: Bearer " + ApiClient.GATEWAY_KEY + "\r\n"
        + "Content-Type: application/json\r\nContent-Length: " + 2 * 1024 * 1024 + "\r\n\r\n{",
        Duration.ofSeconds(10));
    assertEquals(413, answer.status());
    assertTrue(answer.isProblem(), answer.body());
  }

  @Test
  void anotherMediaTypeIs415() {
    assertProblem(415, api.post("/v1/orders", "text/plain", "{}".getBytes()));
  }

  @Test
  void unknownRoutesAndMethodsAreProblemsToo() {
    assertProblem(404, api.get("/v1/nothing-here"));
    assertProblem(405, api.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + "/v1/orders/x"))
            .DELETE()));
  }

  @Test
  void aJournalThatCannotConfirmIs503AndNothingIsAcknowledged() {
    api.post("/v1/orders", order("outage-1"));
    ObjectNode event = payment("evt-outage-1", "outage-1", "SUCCEEDED", DUE);

    service.journal().failNextPersisted();
    Reply refused = api.post("/v1/payment-events", event);

    assertProblem(503, refused);
    assertEquals(1, journaled("outage-1").size(), "only the order registration");
    // The gateway retries; the entity has restarted with backoff and takes the event once.
    Reply retried = retryUntilNot503(() -> api.post("/v1/payment-events", event));
    assertEquals(201, retried.status(), retried.body());
    assertEquals(2, journaled("outage-1").stream()
        .filter(e -> !(e instanceof OrderEvent.ReceiptIssued)).count(), "and the receipt");
  }

  private static Reply retryUntilNot503(java.util.function.Supplier<Reply> call) {
    Reply reply = call.get();
    for (int i = 0; i < 20 && reply.status() == 503; i++) {
      reply = call.get();
    }
    return reply;
  }

  private static void assertProblem(int status, Reply reply) {
    assertEquals(status, reply.status(), reply.body());
    assertTrue(reply.isProblem(), "content type " + reply.contentType());
    assertEquals(status, reply.json().path("status").asInt(), reply.body());
    assertFalse(reply.json().path("title").asText().isEmpty());
  }

  private static List<String> fields(Reply reply) {
    return reply.json().path("errors").findValuesAsText("field");
  }

  private static Arguments bad(String field, Consumer<ObjectNode> breakIt) {
    return Arguments.of(field, breakIt);
  }

  private static ObjectNode item(ObjectNode order) {
    return (ObjectNode) order.get("items").get(0);
  }

  private static ObjectNode amount(ObjectNode event) {
    return (ObjectNode) event.get("amount");
  }
}
