package payledger.http;

import static org.junit.jupiter.api.Assertions.*;
import static payledger.testing.GatewayFixtures.*;
import static payledger.testing.Requests.DUE;
import static payledger.testing.Requests.order;
import static payledger.testing.Requests.payment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.pekko.persistence.testkit.javadsl.PersistenceTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import payledger.Service;
import payledger.dispute.DisputeIds;
import payledger.testing.ApiClient;
import payledger.testing.ApiClient.Reply;
import payledger.testing.TestConfigs;

/**
 * Over ten thousand generated hostile requests against every write endpoint: malformed, deep and
 * duplicate-key JSON, wrong content types, huge, negative and fractional numbers, long and
 * control-character strings, card numbers however written, hostile ids in paths, wrong or replayed
 * signatures, missing keys. Every request is broken by construction, so every answer must be a 4xx
 * problem (a batch: 200 with nothing accepted), never a 5xx or a hang, and nothing may be journaled.
 * Requests are generated from one fixed seed before they are sent (in parallel), so a failure replays.
 */
class HostileInputFuzzTest {

  private static final long SEED = 20261122L;
  private static final int ROUNDS = 10_500;
  private static final int SENDERS = 4;
  private static final int ORDERS = 8;
  private static final int CASE_KEYS = 8;
  /** A registered order with an open discrepancy (D1), and a case about it: real targets to attack. */
  private static final String LIVE = "fz-live";

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static Service service;
  private static ApiClient api;
  private static PersistenceTestKit journal;
  private static String liveCase;
  private static final Map<String, Integer> fixtures = new TreeMap<>();

  private final Random random = new Random(SEED);

  /** One request, generated up front. {@code key} null: no Authorization header. */
  record Hostile(String what, String path, String contentType, byte[] body, String key, String... headers) {}

  @BeforeAll
  static void start() {
    service = Service.start(TestConfigs.inMemory(CONFIG + "\npayledger.http.ask-timeout = 2s"), Clock.systemUTC());
    api = new ApiClient(service.httpPort());
    journal = PersistenceTestKit.create(service.system());
    api.awaitJournal(); // a cold node on a busy machine: the first asks may outlast the 2 s timeout
    assertEquals(201, api.post("/v1/orders", order(LIVE)).status());
    assertEquals(201, api.post("/v1/payment-events", payment("evt-fz-live", LIVE, "SUCCEEDED", DUE - 100)).status());
    Reply opened = api.post("/v1/disputes", "application/json", openCase().toString().getBytes(StandardCharsets.UTF_8),
        "Idempotency-Key", "fz-live-case");
    assertEquals(201, opened.status(), opened.body());
    liveCase = opened.json().path("id").asText();
    for (String pid : List.of("OrderLedger|" + LIVE, "Dispute|" + liveCase)) {
      fixtures.put(pid, journal.persistedInStorage(pid).size());
    }
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  @Test
  void hostileRequestsNeverGetA5xxNeverHangAndNeverChangeState() throws Exception {
    List<Supplier<Hostile>> generators = List.of(
        this::brokenGenericEvent, this::brokenBatch, this::badlySignedStripe, this::signedButMalformedStripe,
        this::badAdyen, this::brokenOrder, this::garbageBody, this::unauthenticated,
        this::brokenField, this::brokenField, this::brokenField, this::brokenSyntax, this::brokenSyntax,
        this::wrongContentType, this::hostilePath, this::hostilePath);
    long started = System.nanoTime();
    List<Hostile> requests = new ArrayList<>(ROUNDS);
    for (int i = 0; i < ROUNDS; i++) {
      requests.add(generators.get(i % generators.size()).get());
    }

    long generated = System.nanoTime();
    List<String> failures = Collections.synchronizedList(new ArrayList<>());
    ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
    for (int i = 0; i < requests.size(); i++) {
      int round = i;
      senders.submit(() -> {
        String failure = check(requests.get(round));
        if (failure != null) {
          failures.add("round " + round + " " + failure);
        }
      });
    }
    senders.shutdown();
    assertTrue(senders.awaitTermination(50, TimeUnit.SECONDS), "a request hung");
    System.out.printf("fuzz: %d requests generated in %d ms, sent in %d ms%n", ROUNDS,
        (generated - started) / 1_000_000, (System.nanoTime() - generated) / 1_000_000);

    assertTrue(failures.isEmpty(), failures.size() + " unexpected answers, first: " + failures.stream().limit(3).toList());
    fixtures.forEach((pid, size) -> assertEquals(size, journal.persistedInStorage(pid).size(), pid));
    for (int o = 0; o < ORDERS; o++) {
      assertEquals(List.of(), journal.persistedInStorage("OrderLedger|" + orderId(o)));
      assertEquals(404, api.get("/v1/orders/" + orderId(o)).status());
    }
    for (int k = 0; k < CASE_KEYS; k++) {
      assertEquals(List.of(), journal.persistedInStorage("Dispute|" + DisputeIds.fromSeed("idempotency:" + caseKey(k))));
    }
  }

  /**
   * Null when the answer is one a broken request may get. Sent with a plain client: the OpenAPI check
   * of {@link ApiClient} costs more than the request itself on bodies this size, and the document's
   * shapes are held by the other HTTP tests.
   */
  private static String check(Hostile h) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.httpPort() + h.path()))
        .timeout(Duration.ofSeconds(10))
        .header("Content-Type", h.contentType())
        .POST(HttpRequest.BodyPublishers.ofByteArray(h.body()));
    if (h.key() != null) {
      request.header("Authorization", "Bearer " + h.key());
    }
    for (int i = 0; i + 1 < h.headers().length; i += 2) {
      request.header(h.headers()[i], h.headers()[i + 1]);
    }
    HttpResponse<String> reply;
    try {
      reply = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException | InterruptedException e) {
      return h.what() + " " + h.path() + ": " + e;
    }
    int status = reply.statusCode();
    if (status == 200 && h.path().endsWith("/batch") && reply.body().contains("\"accepted\":0,")) {
      return null;
    }
    if (status < 400 || status >= 500) {
      String sent = new String(h.body(), StandardCharsets.UTF_8);
      return h.what() + " " + h.path() + " <" + sent.substring(0, Math.min(80, sent.length())) + ">: " + status
          + " " + reply.body();
    }
    boolean problem = reply.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json");
    return problem ? null : h.what() + " " + h.path() + ": not a problem: " + reply.body();
  }

  // ---- what is attacked

  private static String orderId(int i) {
    return "fuzz-" + i;
  }

  private static String caseKey(int i) {
    return "fz-key-" + i;
  }

  private String anyOrder() {
    return orderId(random.nextInt(ORDERS));
  }

  private <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  private static ObjectNode openCase() {
    return ApiClient.JSON.createObjectNode().put("orderId", LIVE).put("customerId", "cust-42")
        .put("category", "DOUBLE_CHARGE").put("description", "charged twice").put("actor", "agent-7");
  }

  /** A write endpoint with a valid body for it (valid until a generator breaks it). */
  private record Endpoint(String path, String key, ObjectNode body, String... headers) {}

  private Endpoint anyEndpoint() {
    ObjectNode actor = ApiClient.JSON.createObjectNode().put("actor", "agent-7");
    String step = "/v1/disputes/" + liveCase + "/";
    return switch (random.nextInt(13)) {
      case 0 -> new Endpoint("/v1/orders", ApiClient.GATEWAY_KEY, order(anyOrder()));
      case 1 -> {
        ObjectNode adjustment = actor.put("adjustmentId", "adj-fz").put("reason", "goodwill");
        adjustment.putObject("amount").put("value", -100).put("currency", "EUR");
        yield new Endpoint("/v1/orders/" + LIVE + "/adjustments", ApiClient.SUPPORT_KEY, adjustment);
      }
      case 2 -> new Endpoint("/v1/orders/" + LIVE + "/discrepancies/D1/resolve", ApiClient.SUPPORT_KEY,
          actor.put("resolution", "WRITTEN_OFF").put("note", "small"));
      case 3 -> new Endpoint("/v1/orders/" + anyOrder() + "/link-payment", ApiClient.SUPPORT_KEY,
          actor.put("gateway", "testpay").put("paymentId", "pi_fz"));
      case 4 -> new Endpoint("/v1/orders/" + LIVE + "/receipt/resend", ApiClient.SUPPORT_KEY, actor.put("channel", "email"));
      case 5 -> new Endpoint("/v1/payment-events", ApiClient.GATEWAY_KEY,
          payment("evt-fz-" + random.nextInt(1_000_000), anyOrder(), "SUCCEEDED", 1000));
      case 6 -> {
        ObjectNode batch = ApiClient.JSON.createObjectNode();
        batch.putArray("events").add(payment("evt-fz-b" + random.nextInt(1_000_000), anyOrder(), "SUCCEEDED", 1000));
        yield new Endpoint("/v1/payment-events/batch", ApiClient.GATEWAY_KEY, batch);
      }
      case 7 -> new Endpoint("/v1/disputes", ApiClient.SUPPORT_KEY, openCase(),
          "Idempotency-Key", caseKey(random.nextInt(CASE_KEYS)));
      case 8 -> new Endpoint(step + pick(List.of("notes", "request-info", "customer-reply", "escalate")),
          ApiClient.SUPPORT_KEY, actor.put("text", "checking"));
      case 9 -> {
        ObjectNode refund = actor.put("action", "REFUND").put("reason", "double charge");
        refund.putObject("amount").put("value", 100).put("currency", "EUR");
        yield new Endpoint(step + "resolve", ApiClient.SUPPORT_KEY, refund);
      }
      case 10 -> new Endpoint(step + "feedback", ApiClient.SUPPORT_KEY,
          ApiClient.JSON.createObjectNode().put("csat", 5).put("comment", "fine"));
      case 11 -> new Endpoint(step + "acknowledge", ApiClient.SUPPORT_KEY, actor);
      default -> new Endpoint("/v1/admin/clock", ApiClient.ADMIN_KEY,
          ApiClient.JSON.createObjectNode().put("advanceBy", "PT49H"));
    };
  }

  private Hostile send(String what, Endpoint e, String contentType, byte[] body) {
    return new Hostile(what, e.path(), contentType, body, e.key(), e.headers());
  }

  private Hostile sendJson(String what, Endpoint e, String body) {
    return send(what, e, "application/json", body.getBytes(StandardCharsets.UTF_8));
  }

  // ---- values no field takes

  private String junkText() {
    StringBuilder s = new StringBuilder();
    int length = 1 + random.nextInt(40);
    for (int i = 0; i < length; i++) {
      s.appendCodePoint(pick(List.of(0x20 + random.nextInt(95), 0x80 + random.nextInt(0x700),
          0x1F600 + random.nextInt(80), 0x202E, 0xFEFF, 0x0301, 0x4E00 + random.nextInt(2000))));
    }
    return s.toString();
  }

  /** Longer than any text field takes, full of control characters. */
  private String longControlText() {
    StringBuilder s = new StringBuilder();
    int length = 501 + random.nextInt(20_000);
    for (int i = 0; i < length; i++) {
      s.append(random.nextInt(3) == 0 ? (char) random.nextInt(0x20) : (char) ('a' + random.nextInt(26)));
    }
    return s.toString();
  }

  /** A Luhn-valid card number, written as a person or a form might. */
  private String disguisedCard() {
    String pan = pick(List.of("4111111111111111", "5555555555554444", "378282246310005", "6011111111111117",
        "3566002020360505", "6200000000000005", "30569309025904", "4000056655665556"));
    String separator = pick(List.of(" ", "-", ".", "/", "\t", "\u00a0", "\u2013", "\u200b", " - ", "_", ","));
    int zero = pick(List.of((int) '0', 0xFF10, 0x0660, 0x0966, 0x09E6, 0x1D7CE));
    int group = 1 + random.nextInt(5);
    StringBuilder s = new StringBuilder(pick(List.of("", "card ", "pan: ", "x")));
    for (int i = 0; i < pan.length(); i++) {
      if (i > 0 && i % group == 0) {
        s.append(separator);
      }
      s.appendCodePoint(zero + pan.charAt(i) - '0');
    }
    return s.append(pick(List.of("", " exp 12/30", "."))).toString();
  }

  /** Sets {@code field} of {@code node} to a value no field of any endpoint accepts. */
  private void poison(ObjectNode node, String field) {
    switch (random.nextInt(10)) {
      case 0 -> node.put(field, longControlText());
      case 1 -> node.put(field, disguisedCard());
      case 2 -> node.put(field, new BigDecimal("1e" + (20 + random.nextInt(400))));
      case 3 -> node.put(field, new BigDecimal("-1e" + (20 + random.nextInt(400))));
      case 4 -> node.put(field, new BigDecimal("9223372036854775808"));
      case 5 -> node.put(field, new BigDecimal("-9223372036854775809"));
      case 6 -> node.put(field, random.nextInt(1000) + 0.5);
      case 7 -> node.put(field, "");
      case 8 -> node.put(field, random.nextBoolean());
      default -> node.put(field, " \u0000" + junkText() + "\u0007 ");
    }
  }

  // ---- generators

  /** One scalar field (at any depth) of a valid body set to a value nothing accepts. */
  private Hostile brokenField() {
    Endpoint e = anyEndpoint();
    List<Object[]> leaves = new ArrayList<>();
    collectLeaves(e.body(), leaves);
    Object[] leaf = pick(leaves);
    String field = (String) leaf[1];
    // A free-text field takes short control characters, so those go only where a pattern applies.
    boolean freeText = List.of("description", "note", "reason", "text", "comment", "actor", "name", "sku")
        .contains(field);
    do {
      poison((ObjectNode) leaf[0], field);
    } while (freeText && ((ObjectNode) leaf[0]).path(field).asText().startsWith(" \u0000"));
    return sendJson("broken field " + field, e, e.body().toString());
  }

  private static void collectLeaves(JsonNode node, List<Object[]> leaves) {
    if (node.isObject()) {
      node.fields().forEachRemaining(f -> {
        if (f.getValue().isContainerNode()) {
          collectLeaves(f.getValue(), leaves);
        } else {
          leaves.add(new Object[] {node, f.getKey()});
        }
      });
    } else if (node.isArray()) {
      node.forEach(element -> collectLeaves(element, leaves));
    }
  }

  /** JSON that does not parse, parses to too much, or repeats a key. */
  private Hostile brokenSyntax() {
    Endpoint e = anyEndpoint();
    String valid = e.body().toString();
    int depth = 1_100 + random.nextInt(5_000);
    String body = switch (random.nextInt(9)) {
      case 0 -> "[".repeat(depth) + "]".repeat(depth);
      case 1 -> "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
      case 2 -> duplicateFirstKey(e.body());
      case 3 -> valid.substring(0, 1 + random.nextInt(valid.length() - 1));
      case 4 -> valid + pick(List.of(" x", "}", "{}", ",", "\u0000"));
      case 5 -> pick(List.of("42", "null", "\"text\"", "[]", "[" + valid + "]", "true"));
      case 6 -> valid.replaceFirst(":", ":" + "9".repeat(2_000 + random.nextInt(5_000)) + ",\"x\":");
      case 7 -> "{\uFEFF" + valid.substring(1);
      default -> valid.replace("\"", pick(List.of("'", "\u201c", "")));
    };
    return sendJson("broken syntax", e, body);
  }

  /** The body with its first field repeated ahead of it, with another value. */
  private String duplicateFirstKey(ObjectNode body) {
    String key = body.fieldNames().next();
    String value = pick(List.of("\"x\"", "1", "null", body.get(key).toString()));
    return "{" + ApiClient.JSON.getNodeFactory().textNode(key) + ":" + value + "," + body.toString().substring(1);
  }

  private Hostile wrongContentType() {
    Endpoint e = anyEndpoint();
    String type = pick(List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x", "application/octet-stream", "application/json-patch+json",
        "text/json", "application/problem+json"));
    byte[] body = random.nextBoolean() ? e.body().toString().getBytes(StandardCharsets.UTF_8)
        : e.body().toString().getBytes(StandardCharsets.UTF_16);
    return send("content type " + type, e, type, body);
  }

  /** An id no entity may have (or one that is not registered) in the path of a write endpoint. */
  private Hostile hostilePath() {
    String id = pick(List.of("a b", "a/b", "a\u0000b", "x".repeat(129 + random.nextInt(500)), "..x", ".x",
        "bestellung-\u00e4", "\u0663\u0664", "~testpay:pi_fz", "-lead", "a;b", "a%b", "<script>", "a\nb",
        disguisedCard(), "4111111111111111", junkText(), anyOrder()));
    String encoded = percentEncoded(id);
    Endpoint e = anyEndpoint();
    String path = switch (random.nextInt(6)) {
      case 0 -> "/v1/orders/" + encoded + "/adjustments";
      case 1 -> "/v1/orders/" + encoded + "/link-payment";
      case 2 -> "/v1/orders/" + encoded + "/receipt/resend";
      case 3 -> "/v1/orders/" + pick(List.of(encoded, LIVE)) + "/discrepancies/" + encoded + "/resolve";
      case 4 -> "/v1/disputes/" + encoded + "/" + pick(List.of("acknowledge", "notes", "close", "escalate"));
      default -> "/v1/disputes/" + encoded + "/resolve";
    };
    ObjectNode body = path.endsWith("/link-payment")
        ? ApiClient.JSON.createObjectNode().put("gateway", "testpay").put("paymentId", "pi_fz").put("actor", "a")
        : e.body();
    return new Hostile("hostile id", path, "application/json", body.toString().getBytes(StandardCharsets.UTF_8),
        ApiClient.SUPPORT_KEY);
  }

  private static String percentEncoded(String id) {
    StringBuilder s = new StringBuilder();
    for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xFF);
      s.append(Character.isLetterOrDigit(c) && c < 128 || "-._~".indexOf(c) >= 0
          ? String.valueOf(c) : String.format("%%%02X", b & 0xFF));
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
        o -> o.put("failureReason", disguisedCard()),
        o -> o.set("amount", o.textNode("3090 EUR")),
        o -> o.put("gateway", "acme"),
        o -> o.put("gateway", pick(List.of("stripe", "adyen", "Stripe", " ADYEN "))));
    pick(breakers).accept(e);
    return e;
  }

  private Hostile brokenGenericEvent() {
    return new Hostile("generic event", "/v1/payment-events", "application/json",
        brokenEvent().toString().getBytes(StandardCharsets.UTF_8), pick(List.of(ApiClient.GATEWAY_KEY, ApiClient.ADMIN_KEY)));
  }

  private Hostile brokenBatch() {
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
    return new Hostile("batch", "/v1/payment-events/batch", "application/json",
        batch.toString().getBytes(StandardCharsets.UTF_8), ApiClient.ADMIN_KEY);
  }

  private String stripePayload() {
    return stripe(pick(List.of("payment_intent.succeeded", "charge.refunded", "charge.dispute.created",
        "payment_intent.payment_failed", "refund.created")), anyOrder(), "evt_fuzz_" + random.nextInt(1_000_000));
  }

  private static Hostile postStripe(String payload, String signature) {
    return new Hostile("stripe", "/v1/gateways/stripe/webhook", "application/json",
        payload.getBytes(StandardCharsets.UTF_8), null, "Stripe-Signature", signature);
  }

  private Hostile badlySignedStripe() {
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

  private Hostile signedButMalformedStripe() {
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
        o -> object.put("description", "card 4242424242424242"),
        o -> object.put("description", disguisedCard()));
    pick(breakers).accept(event);
    String payload = event.toString();
    return postStripe(payload, stripeSignature(STRIPE_SECRET, System.currentTimeMillis() / 1000, payload));
  }

  private Hostile badAdyen() {
    String signed = adyen(anyOrder(), List.<String[]>of(
        new String[] {pick(List.of("CAPTURE", "REFUND", "CHARGEBACK")), "true", "88" + random.nextInt(1_000_000), "3090"}),
        ADYEN_KEY);
    ObjectNode batch = (ObjectNode) json(signed);
    ObjectNode item = (ObjectNode) batch.get("notificationItems").get(0).get("NotificationRequestItem");
    int breaker = random.nextInt(7);
    // Tampering (0, 1) must stay unsigned; the other breakers are refused even when correctly signed.
    boolean resign = breaker > 1 && random.nextBoolean();
    switch (breaker) {
      case 0 -> ((ObjectNode) item.get("amount")).put("value", random.nextInt(1000));
      case 1 -> ((ObjectNode) item.get("additionalData")).put("hmacSignature", junkText());
      case 2 -> item.put("eventDate", junkText());
      case 3 -> ((ObjectNode) item.get("amount")).put("value", -1 - random.nextInt(1000));
      case 4 -> item.put("merchantReference", junkText() + " !");
      case 5 -> item.put("reason", disguisedCard());
      default -> batch.put("notificationItems", junkText());
    }
    String body = resign && batch.get("notificationItems").isArray() ? signAdyenLeniently(batch.toString()) : batch.toString();
    return new Hostile("adyen", "/v1/gateways/adyen/notifications", "application/json",
        body.getBytes(StandardCharsets.UTF_8), null);
  }

  /** Re-signs when the SDK can parse the batch; hostile batches it cannot parse are sent unsigned. */
  private static String signAdyenLeniently(String batch) {
    try {
      return signAdyen(batch, ADYEN_KEY);
    } catch (RuntimeException unparseable) {
      return batch;
    }
  }

  private Hostile brokenOrder() {
    ObjectNode o = order(anyOrder());
    List<Consumer<ObjectNode>> breakers = List.of(
        b -> b.put("currency", junkText()),
        b -> b.putArray("items"),
        b -> ((ObjectNode) b.get("items").get(0)).put("quantity", -random.nextInt(1000)),
        b -> ((ObjectNode) b.get("items").get(0)).put("unitPrice", new BigDecimal("1e" + (20 + random.nextInt(200)))),
        b -> b.put("customerEmail", junkText()),
        b -> b.put("shipping", 100_000_000_001L),
        b -> ((ObjectNode) b.get("items").get(0)).put("description", "4111-1111-1111-1111"),
        b -> ((ObjectNode) b.get("items").get(0)).put("description", disguisedCard()));
    pick(breakers).accept(o);
    return new Hostile("order", "/v1/orders", "application/json", o.toString().getBytes(StandardCharsets.UTF_8),
        ApiClient.ADMIN_KEY);
  }

  private Hostile garbageBody() {
    String path = pick(List.of("/v1/orders", "/v1/payment-events", "/v1/payment-events/batch",
        "/v1/gateways/adyen/notifications", "/v1/disputes", "/v1/orders/" + LIVE + "/adjustments"));
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
    return new Hostile("garbage", path, type, body, ApiClient.ADMIN_KEY);
  }

  private Hostile unauthenticated() {
    Endpoint e = anyEndpoint();
    String key = pick(List.of("", "dev-admin-key" + random.nextInt(10), junkText().replaceAll("[^ -~]", "")));
    return new Hostile("no key", e.path(), "application/json", e.body().toString().getBytes(StandardCharsets.UTF_8),
        key.isBlank() ? null : key, e.headers());
  }
}
