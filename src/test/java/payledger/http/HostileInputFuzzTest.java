package payledger.http;

import static org.junit.jupiter.api.Assertions.*;
import static payledger.testing.GatewayFixtures.*;
import static payledger.testing.Requests.order;
import static payledger.testing.Requests.payment;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.pekko.persistence.testkit.javadsl.PersistenceTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import payledger.Service;
import payledger.testing.ApiClient;
import payledger.testing.ApiClient.Reply;
import payledger.testing.TestConfigs;

/**
 * Over a thousand generated hostile requests (malformed JSON, wrong types, huge numbers, odd unicode,
 * card numbers, wrong or replayed signatures) across every endpoint: never a 5xx, never a stored event.
 * Every generated request is broken by construction; the seed is fixed so a failure replays.
 */
class HostileInputFuzzTest {

  private static final int ROUNDS = 1200;
  private static final int ORDERS = 8;

  private static Service service;
  private static ApiClient api;
  private static PersistenceTestKit journal;
  private final Random random = new Random(20261122L);

  @BeforeAll
  static void start() {
    service = Service.start(TestConfigs.inMemory(CONFIG + "\npayledger.http.ask-timeout = 2s"), Clock.systemUTC());
    api = new ApiClient(service.httpPort());
    journal = PersistenceTestKit.create(service.system());
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  @Test
  void hostileRequestsNeverGetA5xxAndNeverChangeState() {
    List<Supplier<Reply>> generators = List.of(
        this::brokenGenericEvent, this::brokenBatch, this::badlySignedStripe, this::signedButMalformedStripe,
        this::badAdyen, this::brokenOrder, this::garbageBody, this::unauthenticated);
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < ROUNDS; i++) {
      int which = i % generators.size();
      Reply reply = generators.get(which).get();
      boolean allowed = reply.status() >= 400 && reply.status() < 500
          || reply.status() == 200 && which == 1 && reply.json().path("accepted").asInt() == 0;
      if (!allowed) {
        failures.add("round " + i + " (generator " + which + "): " + reply.status() + " " + reply.body());
      } else if (reply.status() != 200) {
        assertTrue(reply.isProblem(), reply.body());
      }
    }
    assertTrue(failures.isEmpty(), failures.size() + " unexpected answers, first: " + failures.stream().limit(3).toList());
    for (int o = 0; o < ORDERS; o++) {
      assertEquals(List.of(), journal.persistedInStorage("OrderLedger|" + orderId(o)));
      assertEquals(404, api.get("/v1/orders/" + orderId(o)).status());
    }
  }

  private String orderId(int i) {
    return "fuzz-" + i;
  }

  private String anyOrder() {
    return orderId(random.nextInt(ORDERS));
  }

  private <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  private String junkText() {
    StringBuilder s = new StringBuilder();
    int length = 1 + random.nextInt(40);
    for (int i = 0; i < length; i++) {
      s.appendCodePoint(pick(List.of(0x20 + random.nextInt(95), 0x80 + random.nextInt(0x700),
          0x1F600 + random.nextInt(80), 0x202E, 0xFEFF, 0x0301, 0x4E00 + random.nextInt(2000))));
    }
    return s.toString();
  }

  /** Breaks one field so the event can never be valid. */
  private ObjectNode brokenEvent() {
    ObjectNode e = payment("evt-fuzz-" + random.nextInt(1_000_000), anyOrder(), "SUCCEEDED", 1 + random.nextInt(5000));
    ObjectNode amount = (ObjectNode) e.get("amount");
    List<Consumer<ObjectNode>> breakers = List.of(
        o -> o.put("eventId", junkText() + " "),
        o -> o.put("eventId", "x".repeat(129 + random.nextInt(1000))),
        o -> o.put("type", junkText()),
        o -> o.put("type", "succeeded"),
        o -> amount.put("value", -1 - random.nextInt(1000)),
        o -> amount.put("value", random.nextDouble() * 1000 + 0.5),
        o -> amount.put("value", String.valueOf(random.nextInt())),
        o -> amount.put("value", new BigDecimal("1e" + (12 + random.nextInt(400)))),
        o -> amount.put("value", 100_000_000_001L + random.nextInt(1000)),
        o -> amount.put("currency", String.valueOf(100 + random.nextInt(900))),
        o -> amount.put("currency", "EURO"),
        o -> amount.putNull("currency"),
        o -> o.put("occurredAt", junkText()),
        o -> o.put("occurredAt", random.nextLong()),
        o -> o.put("method", random.nextInt()),
        o -> o.remove(pick(List.of("eventId", "gateway", "type", "paymentId", "amount", "method", "occurredAt"))),
        o -> o.put("orderId", "~" + anyOrder()),
        o -> o.put("orderId", anyOrder() + " " + junkText()),
        o -> o.put("failureReason", "card " + pick(List.of("4111111111111111", "5555 5555 5555 4444", "3782-822463-10005"))),
        o -> o.set("amount", o.textNode("3090 EUR")),
        o -> o.put("gateway", "acme"));
    pick(breakers).accept(e);
    return e;
  }

  private Reply brokenGenericEvent() {
    return api.withKey(pick(List.of(ApiClient.GATEWAY_KEY, ApiClient.ADMIN_KEY))).post("/v1/payment-events", brokenEvent());
  }

  private Reply brokenBatch() {
    ObjectNode batch = ApiClient.JSON.createObjectNode();
    switch (random.nextInt(4)) {
      case 0 -> batch.put("events", junkText());
      case 1 -> batch.putArray("events");
      default -> {
        ArrayNode events = batch.putArray("events");
        for (int i = 0, n = 1 + random.nextInt(20); i < n; i++) {
          events.add(random.nextInt(10) == 0 ? events.textNode(junkText()) : brokenEvent());
        }
      }
    }
    return api.post("/v1/payment-events/batch", batch);
  }

  private String stripePayload() {
    return stripe(pick(List.of("payment_intent.succeeded", "charge.refunded", "charge.dispute.created",
        "payment_intent.payment_failed", "refund.created")), anyOrder(), "evt_fuzz_" + random.nextInt(1_000_000));
  }

  private Reply postStripe(String payload, String signature) {
    return api.withKey(null).post("/v1/gateways/stripe/webhook", "application/json",
        payload.getBytes(StandardCharsets.UTF_8), "Stripe-Signature", signature);
  }

  private Reply badlySignedStripe() {
    String payload = stripePayload();
    long now = System.currentTimeMillis() / 1000;
    return switch (random.nextInt(7)) {
      case 0 -> postStripe(payload, stripeSignature("whsec_" + random.nextInt(), now, payload));
      case 1 -> postStripe(payload, stripeSignature(STRIPE_SECRET, now - 301 - random.nextInt(100_000), payload));
      case 2 -> postStripe(payload, stripeSignature(STRIPE_SECRET, now + 301 + random.nextInt(100_000), payload));
      case 3 -> postStripe(payload.replace("\"eur\"", "\"usd\""), stripeSignature(STRIPE_SECRET, now, payload));
      case 4 -> postStripe(payload, junkText().replaceAll("[^!-~]", "x"));
      case 5 -> postStripe(payload, "t=" + now + ",v0=" + stripeSignature(STRIPE_SECRET, now, payload).split("v1=")[1]);
      default -> postStripe(payload + " ", stripeSignature(STRIPE_SECRET, now, payload));
    };
  }

  private Reply signedButMalformedStripe() {
    ObjectNode event = (ObjectNode) json(stripe("payment_intent.succeeded", anyOrder(), "evt_fuzz_m_" + random.nextInt(1_000_000)));
    ObjectNode object = (ObjectNode) event.get("data").get("object");
    List<Consumer<ObjectNode>> breakers = List.of(
        o -> object.put("amount_received", String.valueOf(random.nextInt())),
        o -> object.put("amount_received", new BigDecimal("1e" + (15 + random.nextInt(300)))),
        o -> object.put("currency", junkText()),
        o -> o.put("created", junkText()),
        o -> o.put("created", -1 - random.nextInt(1000)),
        o -> o.put("object", "charge"),
        o -> o.remove("data"),
        o -> ((ObjectNode) o.get("data")).put("object", junkText()),
        o -> ((ObjectNode) object.get("metadata")).put("order_id", junkText() + " x"),
        o -> o.put("id", junkText() + " "),
        o -> object.put("description", "card 4242424242424242"));
    pick(breakers).accept(event);
    String payload = event.toString();
    return postStripe(payload, stripeSignature(STRIPE_SECRET, System.currentTimeMillis() / 1000, payload));
  }

  private Reply badAdyen() {
    String signed = adyen(anyOrder(), List.<String[]>of(
        new String[] {pick(List.of("CAPTURE", "REFUND", "CHARGEBACK")), "true", "88" + random.nextInt(1_000_000), "3090"}),
        ADYEN_KEY);
    ObjectNode batch = (ObjectNode) json(signed);
    ObjectNode item = (ObjectNode) batch.get("notificationItems").get(0).get("NotificationRequestItem");
    int breaker = random.nextInt(6);
    // Tampering (0, 1) must stay unsigned; the other breakers are refused even when correctly signed.
    boolean resign = breaker > 1 && random.nextBoolean();
    switch (breaker) {
      case 0 -> ((ObjectNode) item.get("amount")).put("value", random.nextInt(1000));
      case 1 -> ((ObjectNode) item.get("additionalData")).put("hmacSignature", junkText());
      case 2 -> item.put("eventDate", junkText());
      case 3 -> ((ObjectNode) item.get("amount")).put("value", -1 - random.nextInt(1000));
      case 4 -> item.put("merchantReference", junkText() + " !");
      default -> batch.put("notificationItems", junkText());
    }
    String body = resign && batch.get("notificationItems").isArray() ? signAdyenLeniently(batch.toString()) : batch.toString();
    return api.withKey(null).post("/v1/gateways/adyen/notifications", "application/json", body.getBytes(StandardCharsets.UTF_8));
  }

  /** Re-signs when the SDK can parse the batch; hostile batches it cannot parse are sent unsigned. */
  private static String signAdyenLeniently(String batch) {
    try {
      return signAdyen(batch, ADYEN_KEY);
    } catch (RuntimeException unparseable) {
      return batch;
    }
  }

  private Reply brokenOrder() {
    ObjectNode o = order(anyOrder());
    List<Consumer<ObjectNode>> breakers = List.of(
        b -> b.put("currency", junkText()),
        b -> b.putArray("items"),
        b -> ((ObjectNode) b.get("items").get(0)).put("quantity", -random.nextInt(1000)),
        b -> ((ObjectNode) b.get("items").get(0)).put("unitPrice", new BigDecimal("1e" + (20 + random.nextInt(200)))),
        b -> b.put("customerEmail", junkText()),
        b -> b.put("shipping", 100_000_000_001L),
        b -> ((ObjectNode) b.get("items").get(0)).put("description", "4111-1111-1111-1111"));
    pick(breakers).accept(o);
    return api.post("/v1/orders", o);
  }

  private Reply garbageBody() {
    String path = pick(List.of("/v1/orders", "/v1/payment-events", "/v1/payment-events/batch",
        "/v1/gateways/adyen/notifications"));
    byte[] body = switch (random.nextInt(6)) {
      case 0 -> {
        byte[] b = new byte[1 + random.nextInt(200)];
        random.nextBytes(b);
        yield b;
      }
      case 1 -> "[".repeat(2000 + random.nextInt(3000)).getBytes(StandardCharsets.UTF_8);
      case 2 -> ("{\"eventId\": " + "9".repeat(2000 + random.nextInt(5000)) + "}").getBytes(StandardCharsets.UTF_8);
      case 3 -> brokenEvent().toString().substring(0, 10).getBytes(StandardCharsets.UTF_8);
      case 4 -> ("{\"orderId\":\"" + anyOrder() + "\",\"orderId\":\"" + anyOrder() + "\"}").getBytes(StandardCharsets.UTF_8);
      default -> junkText().getBytes(StandardCharsets.UTF_16);
    };
    String type = pick(List.of("application/json", "application/json", "text/plain", "application/xml"));
    return api.post(path, type, body);
  }

  private Reply unauthenticated() {
    ObjectNode valid = payment("evt-anon-" + random.nextInt(1_000_000), anyOrder(), "SUCCEEDED", 1000);
    String key = pick(List.of("", "dev-admin-key" + random.nextInt(10), junkText().replaceAll("[^ -~]", "")));
    return (key.isBlank() ? api.withKey(null) : api.withKey(key)).post("/v1/payment-events", valid);
  }
}
