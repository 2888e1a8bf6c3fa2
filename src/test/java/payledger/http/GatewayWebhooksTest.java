package payledger.http;

import static org.junit.jupiter.api.Assertions.*;
import static payledger.testing.GatewayFixtures.*;
import static payledger.testing.Requests.order;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.pekko.persistence.testkit.javadsl.PersistenceTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import java.time.Instant;
import payledger.Service;
import payledger.chain.ChainedEvent;
import payledger.dispute.DisputeIds;
import payledger.order.OrderEvent;
import payledger.testing.ApiClient;
import payledger.testing.RawHttp;
import payledger.testing.ApiClient.Reply;
import payledger.testing.Requests;
import payledger.testing.TestConfigs;

/**
 * Stripe and Adyen webhooks over real HTTP, signed by the gateways' own SDKs, against a one-node
 * service with the in-memory journal: accepted only when authentic, journaled before 2xx, never twice.
 */
class GatewayWebhooksTest {

  private static final String STRIPE = "/v1/gateways/stripe/webhook";
  private static final String ADYEN = "/v1/gateways/adyen/notifications";

  private static Service service;
  private static ApiClient api;
  private static PersistenceTestKit journal;

  @BeforeAll
  static void start() {
    service = Service.start(TestConfigs.inMemory(CONFIG + "\npayledger.http.ask-timeout = 1s"), Clock.systemUTC());
    api = new ApiClient(service.httpPort()).withKey(null);
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

  private static long now() {
    return System.currentTimeMillis() / 1000;
  }

  static Reply postStripe(String payload, String signature) {
    return api.post(STRIPE, "application/json; charset=utf-8", payload.getBytes(StandardCharsets.UTF_8),
        "Stripe-Signature", signature);
  }

  private static Reply postAdyen(String batch) {
    return api.post(ADYEN, "application/json", batch.getBytes(StandardCharsets.UTF_8));
  }

  private static JsonNode orderOf(String orderId) {
    return new ApiClient(service.httpPort()).get("/v1/orders/" + orderId).json();
  }

  @Test
  void aSignedStripePaymentIsJournaledAndReconciles() {
    new ApiClient(service.httpPort()).post("/v1/orders", order("s-pay-1"));
    String payload = stripe("payment_intent.succeeded", "s-pay-1", "evt_s_pay_1");

    Reply reply = postStripe(payload, stripeSignature(STRIPE_SECRET, now(), payload));

    assertEquals(201, reply.status(), reply.body());
    assertEquals("RECONCILED", reply.json().path("orderStatus").asText());
    assertEquals("pi_3QpiA1LkdIwHu7ix1xR4vE9T", orderOf("s-pay-1").path("payments").get(0).path("paymentId").asText());
  }

  @Test
  void aSignedGatewaysNameIsRefusedOnTheGenericEndpointSoItsGenuineEventStillCounts() {
    ApiClient oms = new ApiClient(service.httpPort()).withKey(ApiClient.GATEWAY_KEY);
    oms.withKey(ApiClient.ADMIN_KEY).post("/v1/orders", order("s-spoof-1"));
    for (String name : List.of("stripe", "adyen", " Stripe ")) {
      ObjectNode spoof = Requests.payment("evt_s_spoof_1", "s-spoof-1", "SUCCEEDED", 1).put("gateway", name);
      Reply refused = oms.post("/v1/payment-events", spoof);
      assertEquals(422, refused.status(), name + ": " + refused.body());
      assertTrue(refused.isProblem());
    }
    ObjectNode batch = ApiClient.JSON.createObjectNode();
    batch.putArray("events")
        .add(Requests.payment("evt_s_spoof_1", "s-spoof-1", "SUCCEEDED", 1).put("gateway", "stripe"))
        .add(Requests.payment("evt_s_spoof_2", "s-spoof-2", "SUCCEEDED", 1).put("gateway", "testpay"));
    JsonNode results = oms.post("/v1/payment-events/batch", batch).json().path("results");
    assertEquals(422, results.get(0).path("status").asInt(), results.toString());
    assertEquals(201, results.get(1).path("status").asInt(), results.toString());
    assertTrue(journaled("s-spoof-1").stream().noneMatch(e -> e.toString().contains("PaymentRecorded")));

    String payload = stripe("payment_intent.succeeded", "s-spoof-1", "evt_s_spoof_1");
    Reply genuine = postStripe(payload, stripeSignature(STRIPE_SECRET, now(), payload));
    assertEquals(201, genuine.status(), genuine.body());
  }

  @Test
  void theGatewaysWithTheirOwnEndpointAreTheConfiguredOnes() {
    assertEquals(java.util.Set.of(payledger.gateway.StripeEvents.GATEWAY, payledger.gateway.AdyenNotifications.GATEWAY),
        payledger.gateway.GatewaySettings.from(TestConfigs.inMemory("")).ownEndpoints());
  }

  @Test
  void theSameStripeEventDeliveredTenTimesConcurrentlyHasOneEffect() throws Exception {
    String payload = stripe("payment_intent.succeeded", "s-dup-1", "evt_s_dup_1");
    String signature = stripeSignature(STRIPE_SECRET, now(), payload);
    ExecutorService pool = Executors.newFixedThreadPool(10);
    List<Future<Reply>> replies = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      replies.add(pool.submit(() -> postStripe(payload, signature)));
    }
    List<Integer> statuses = new ArrayList<>();
    for (Future<Reply> reply : replies) {
      statuses.add(reply.get().status());
    }
    pool.shutdown();

    assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
    assertEquals(9, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
    assertEquals(1, journaled("s-dup-1").size());
    assertEquals(1, orderOf("s-dup-1").path("payments").size());
  }

  @Test
  void whenTheJournalFailsStripeGets503AndItsRedeliveryIsRecorded() {
    String payload = stripe("payment_intent.succeeded", "s-outage-1", "evt_s_outage_1");
    journal.failNextPersisted();

    Reply refused = postStripe(payload, stripeSignature(STRIPE_SECRET, now(), payload));

    assertEquals(503, refused.status(), refused.body());
    assertTrue(refused.isProblem());
    assertTrue(journaled("s-outage-1").isEmpty());
    Reply retried = refused;
    for (int i = 0; i < 50 && retried.status() == 503; i++) {
      retried = postStripe(payload, stripeSignature(STRIPE_SECRET, now(), payload));
    }
    assertEquals(201, retried.status(), retried.body());
    assertEquals(1, journaled("s-outage-1").size());
  }

  @Test
  void aStripeSecretBeingRotatedOutStillVerifies() {
    String payload = stripe("payment_intent.succeeded", "s-rot-1", "evt_s_rot_1");
    assertEquals(201, postStripe(payload, stripeSignature(STRIPE_OLD_SECRET, now(), payload)).status());
  }

  @Test
  void unauthenticStripeRequestsAre400AndStoreNothing() {
    String payload = stripe("payment_intent.succeeded", "s-bad-1", "evt_s_bad_1");
    List<Reply> replies = List.of(
        postStripe(payload, stripeSignature("whsec_wrong", now(), payload)),
        postStripe(payload.replace("3090", "3091"), stripeSignature(STRIPE_SECRET, now(), payload)),
        postStripe(payload, stripeSignature(STRIPE_SECRET, now() - 3600, payload)),
        postStripe(payload, "t=" + now()),
        api.post(STRIPE, "application/json", payload.getBytes(StandardCharsets.UTF_8)));
    for (Reply reply : replies) {
      assertEquals(400, reply.status(), reply.body());
      assertTrue(reply.isProblem());
      assertEquals("urn:payledger:problem:invalid-signature", reply.json().path("type").asText());
    }
    assertTrue(journaled("s-bad-1").isEmpty());
  }

  @Test
  void oversizedOrNonJsonWebhookBodiesAre413And415Problems() {
    // Over the 1 MB limit by the declared length: refused before a byte of the body is read (none
    // is sent here), so the answer never races a body still being written.
    for (String path : new String[] {STRIPE, ADYEN}) {
      RawHttp.Answer tooBig = RawHttp.exchange(service.httpPort(), "POST " + path + " HTTP/1.1\r\n"
          + "Host: localhost\r\nStripe-Signature: t=1,v1=00\r\nContent-Type: application/json\r\n"
          + "Content-Length: " + 2 * 1024 * 1024 + "\r\n\r\n{", java.time.Duration.ofSeconds(10));
      assertEquals(413, tooBig.status(), path);
      assertTrue(tooBig.isProblem(), tooBig.body());
    }
    assertEquals(415, api.post(STRIPE, "text/plain", "{}".getBytes(StandardCharsets.UTF_8), "Stripe-Signature", "t=1,v1=00").status());
    assertEquals(415, api.post(ADYEN, "application/x-www-form-urlencoded", "a=b".getBytes(StandardCharsets.UTF_8)).status());
  }

  @Test
  void anUnknownStripeEventTypeIs200IgnoredAndCounted() {
    String payload = stripe("customer.created", "s-unknown", null);
    long before = service.gatewayCounters().ignoredSnapshot().getOrDefault("stripe:customer.created", 0L);

    Reply reply = postStripe(payload, stripeSignature(STRIPE_SECRET, now(), payload));

    assertEquals(200, reply.status());
    assertEquals(before + 1, service.gatewayCounters().ignoredSnapshot().get("stripe:customer.created"));
  }

  @Test
  void aStripePaymentWithoutOrderReferenceIsKeptUnlinkedUntilSupportLinksIt() {
    ObjectNode event = (ObjectNode) json(stripe("payment_intent.succeeded", "x", "evt_s_noref_1"));
    ((ObjectNode) event.get("data").get("object")).putObject("metadata");
    String payload = event.toString();

    Reply reply = postStripe(payload, stripeSignature(STRIPE_SECRET, now(), payload));

    assertEquals(201, reply.status(), reply.body());
    assertTrue(reply.json().path("orderId").isMissingNode(), reply.body());
    assertEquals("UNLINKED", reply.json().path("orderStatus").asText());
  }

  @Test
  void partialRefundsAndADisputeMoveMoneyOnceEach() {
    new ApiClient(service.httpPort()).post("/v1/orders", order("s-life-1"));
    for (String type : List.of("payment_intent.succeeded", "charge.refunded", "charge.dispute.created",
        "charge.dispute.funds_withdrawn", "charge.dispute.closed", "charge.refunded")) {
      String payload = stripe(type, "s-life-1", null);
      Reply reply = postStripe(payload, stripeSignature(STRIPE_SECRET, now(), payload));
      assertTrue(reply.status() == 200 || reply.status() == 201, type + ": " + reply.body());
    }
    JsonNode totals = orderOf("s-life-1").path("totals");
    assertEquals(3090, totals.path("paid").path("value").asLong());
    assertEquals(1000, totals.path("refunded").path("value").asLong());
    assertEquals(3090, totals.path("chargedBack").path("value").asLong());
    assertEquals(5, journaled("s-life-1").stream()
            .filter(e -> e instanceof OrderEvent.OrderRegistered || e instanceof OrderEvent.PaymentRecorded)
            .count(),
        "order, payment, one refund, one chargeback, the closed notice");
  }

  @Test
  void aStripeDisputeOpensACaseWithTheEvidenceDeadlineAndALossIsTheOrdersChargeback() {
    new ApiClient(service.httpPort()).post("/v1/orders", order("s-case-1"));
    for (String type : List.of("payment_intent.succeeded", "charge.dispute.created",
        "charge.dispute.funds_withdrawn", "charge.dispute.closed")) {
      String payload = stripe(type, "s-case-1", null).replace("dp_1QpiF6LkdIwHu7ixq3Kz9Abc", "dp_case_1");
      Reply reply = postStripe(payload, stripeSignature(STRIPE_SECRET, now(), payload));
      assertTrue(reply.status() == 200 || reply.status() == 201, type + ": " + reply.body());
    }
    String caseId = DisputeIds.fromSeed("stripe:dp_case_1");
    JsonNode dispute = new ApiClient(service.httpPort()).get("/v1/disputes/" + caseId).json();

    assertEquals("FRAUD", dispute.path("category").asText(), "Stripe's reason: fraudulent");
    assertEquals("GATEWAY", dispute.path("source").asText());
    assertEquals("s-case-1", dispute.path("orderId").asText());
    assertEquals(Instant.ofEpochSecond(1764719999).toString(),
        dispute.path("deadlines").path("evidenceDueBy").asText());
    assertEquals("LOST", dispute.path("outcome").asText());
    assertEquals("RESOLVED", dispute.path("state").asText());
    JsonNode order = orderOf("s-case-1");
    assertEquals(0, order.path("totals").path("netPaid").path("value").asLong(), "the lost chargeback");
    assertEquals(caseId, order.path("disputes").get(0).asText(), "the order lists its dispute");
  }

  @Test
  void anAdyenBatchIsAcceptedOnlyOnceEveryItemIsJournaled() {
    String batch = adyen("a-pay-1", List.of(
        new String[] {"AUTHORISATION", "true", "8816178952380553", "3090"},
        new String[] {"CAPTURE", "true", "8826178952380554", "3090", "8816178952380553"},
        new String[] {"REPORT_AVAILABLE", "true", "8836178952380555", "0"}), ADYEN_KEY);

    Reply reply = postAdyen(batch);

    assertEquals(200, reply.status(), reply.body());
    assertEquals("[accepted]", reply.body());
    assertEquals(2, journaled("a-pay-1").size());
    assertEquals(200, postAdyen(batch).status(), "Adyen's retry is a duplicate");
    assertEquals(2, journaled("a-pay-1").size());
    assertEquals(3090, orderOf("a-pay-1").path("payments").get(1).path("amount").path("value").asLong());
  }

  @Test
  void oneBadHmacRefusesTheWholeAdyenBatchAndStoresNothing() {
    String good = adyen("a-bad-1", List.of(
        new String[] {"AUTHORISATION", "true", "8816178952380560", "3090"},
        new String[] {"CAPTURE", "true", "8816178952380561", "3090"}), ADYEN_KEY);
    ObjectNode batch = (ObjectNode) json(good);
    ((ObjectNode) batch.get("notificationItems").get(1).get("NotificationRequestItem").get("amount")).put("value", 1);

    Reply reply = postAdyen(batch.toString());

    assertEquals(400, reply.status());
    assertTrue(reply.isProblem());
    assertTrue(journaled("a-bad-1").isEmpty());
    assertEquals(400, postAdyen(adyen("a-bad-1", List.<String[]>of(new String[] {"CAPTURE", "true", "1", "3090"}),
        "00112233445566778899AABBCCDDEEFF")).status());
    assertTrue(journaled("a-bad-1").isEmpty());
  }
}
