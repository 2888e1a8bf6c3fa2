package payledger.readmodel;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Isolated;
import payledger.Service;
import payledger.testing.ApiClient;
import payledger.testing.ApiClient.Reply;
import payledger.testing.LocalCassandraExtension;
import payledger.testing.Requests;
import payledger.testing.TestConfigs;

/**
 * The seeds' other metrics end to end on the real Cassandra node: a scripted day driven over HTTP
 * with the test clock (declined, failed and successful payments, a refund, a chargeback, a withheld
 * receipt, receipts delivered on the first channel and after a fallback, a discrepancy notice that
 * comes late, discrepancies resolved at known times, two escalated), then the report, its CSV and
 * the gauges against figures worked out by hand, and a rebuild from the journal that gives the same
 * report. Its own keyspace, so other tests' orders do not count.
 *
 * <p>Customers reach the in-app inbox at once ({@code sk-app}); or the marketplace's webhook first,
 * which bounces them (410) to the inbox ({@code sk-hook}); or the webhook alone, which answers 503
 * for them ({@code sk-slow}): one transient failure, a retry 30 h later that fails again, then the
 * inbox.
 */
@ExtendWith(LocalCassandraExtension.class)
@Isolated // reads /metrics, which every service in this JVM writes to
class SeedKpisIT {

  private static final String KEYSPACE = "payledger_sk_" + System.currentTimeMillis() / 1000;
  private static Service service;
  private static ApiClient api;
  private static HttpServer webhook;
  private static LocalDate day;

  @BeforeAll
  static void start() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    webhook.createContext("/hook", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(body.contains("\"customerId\":\"sk-slow\"") ? 503 : 410, -1);
      exchange.close();
    });
    webhook.start();
    service = Service.start(TestConfigs.service("""
        pekko.persistence.cassandra.journal.keyspace = %s
        payledger.test-clock.enabled = true
        # A busy machine may take longer than a scrape's 2 s for the summary rows; the test asserts the gauges.
        payledger.kpis.metrics-within = 30s
        # No FRAUD case: fraud monitoring would open one on the script's chargeback history (sk-app
        # pays again after a chargeback) on the day and with the escalations of whenever its
        # projection meets the payment under the moving test clock, so the cases' figures, and
        # the report against the rebuilt one, would depend on timing. The seeds open no case.
        payledger.fraud.case-score = 1000
        pekko.persistence.cassandra.events-by-tag.eventual-consistency-delay = 1s
        payledger.notify.webhook.url = "http://127.0.0.1:%d/hook"
        payledger.notify.delivery.max-attempts = 2
        payledger.notify.delivery.backoff = 30h
        payledger.notify.delivery.max-backoff = 30h
        """.formatted(KEYSPACE, port)), Clock.systemUTC());
    api = new ApiClient(service.httpPort());
    api.awaitJournal();
    day = LocalDate.ofInstant(Instant.parse(api.get("/v1/admin/clock").json().path("now").asText()), ZoneOffset.UTC);
  }

  @AfterAll
  static void stop() throws Exception {
    if (service != null) {
      ReadSideIT.dropKeyspace(ReadSide.of(service.system()).session(), KEYSPACE);
      service.close();
    }
    if (webhook != null) {
      webhook.stop(0);
    }
  }

  @Test
  void aScriptedDayGivesTheHandComputedSeedMetricsAndARebuildGivesThemAgain() throws Exception {
    // ---- t0: eight orders of 30.90 EUR (due 3090), every payment at once
    order("sk-o1", "sk-app", "in_app");
    order("sk-o2", "sk-app", "in_app");
    order("sk-o3", "sk-hook", "webhook", "in_app");
    order("sk-o4", "sk-app", "in_app");
    order("sk-o5", "sk-app", "in_app");
    order("sk-o6", "sk-hook", "webhook", "in_app");
    order("sk-o7", "sk-slow", "webhook");
    order("sk-o8", "sk-app", "in_app");
    event("sk-o1", "e1f", "FAILED", "testpay", "card", 3090, null, "card_declined");   // a decline
    event("sk-o1", "e1", "SUCCEEDED", "testpay", "card", 3090, null, null);            // retried: paid
    event("sk-o2", "e2f", "FAILED", "testpay", "card", 3090, null, "processing_error"); // a failure
    event("sk-o2", "e2", "SUCCEEDED", "testpay", "card", 3090, null, null);
    event("sk-o3", "e3", "SUCCEEDED", "otherpay", "paypal", 3090, null, null);
    event("sk-o4", "e4", "SUCCEEDED", "testpay", "card", 4090, null, null);            // OVERPAYMENT D1
    event("sk-o5", "e5", "SUCCEEDED", "testpay", "card", 3090, null, null);
    event("sk-o6", "e6", "SUCCEEDED", "testpay", "card", 2000, null, null);            // UNDERPAYMENT D1
    event("sk-o7", "e7", "SUCCEEDED", "testpay", "card", 2000, null, null);            // UNDERPAYMENT D1
    // o8: 5.00 at testpay under payment id pi_shared (UNDERPAYMENT D1), and below, at otherpay,
    // 30.90 under the same payment id. Reconciliation counts one capture per payment id (the
    // larger), so the order is then paid; the receipt lists each gateway's capture (35.90 against
    // 30.90 paid), does not add up, and is withheld (RECEIPT_MISMATCH D2, told to no customer).
    event("sk-o8", "e8a", "SUCCEEDED", "testpay", "card", 500, "pi_shared", null);
    // The notifications go out as the day runs: each receipt and notice of t0 is recorded on its
    // order before the clock moves on (sk-slow's first attempt fails meanwhile).
    for (String o : new String[] {"sk-o1", "sk-o2", "sk-o3", "sk-o5"}) {
      awaitOrder(o, SeedKpisIT::receiptDelivered);
    }
    for (String o : new String[] {"sk-o4", "sk-o6", "sk-o8"}) {
      awaitOrder(o, SeedKpisIT::noticeDelivered);
    }

    // ---- t0 + 2 h
    advance("PT2H");
    event("sk-o4", "e4r", "REFUNDED", "testpay", "card", 1000, "pi_sk-e4", null);      // D1 auto-matched: 2 h
    event("sk-o5", "e5c", "CHARGEBACK", "testpay", "card", 3090, "pi_sk-e5", null);    // UNDERPAYMENT D1 (t0+2h)
    event("sk-o8", "e8b", "SUCCEEDED", "otherpay", "card", 3090, "pi_shared", null);   // D1 auto-matched: 2 h
    resolve("sk-o7", 0);                                                                // D1 resolved: 2 h
    awaitOrder("sk-o4", SeedKpisIT::receiptDelivered);
    awaitOrder("sk-o5", SeedKpisIT::noticeDelivered);

    // ---- t0 + 26 h
    advance("PT24H");
    resolve("sk-o6", 0);                                                                // D1 resolved: 26 h

    // ---- t0 + 52 h: o5's D1 and o8's D2 (detected at t0 + 2 h) are past their 48 h: escalated.
    // sk-slow's notice is retried (due at t0 + 30 h), fails again, and reaches the inbox now: late.
    advance("PT26H");

    String path = "/v1/reports/reconciliation?from=" + day + "&to=" + day.plusDays(3) + "&granularity=day";
    JsonNode report = await(() -> api.get(path), SeedKpisIT::theWholeScriptIsIn);
    JsonNode all = report.path("total").path("overall");
    JsonNode m = all.path("measures");

    // Payments: successes o1 o2 o3 o4 o5 o6 o7 o8a o8b = 9; o1's decline and o2's failure.
    assertEquals(9, all.path("paymentsReceived").asLong());
    assertEquals(1, all.path("paymentsDeclined").asLong());
    assertEquals(1, all.path("paymentsFailed").asLong());
    assertEquals(1, all.path("refunds").asLong());
    assertEquals(1, all.path("chargebacks").asLong());
    assertMeasure(m, "paymentSuccessRate", 81.82, 9, 11);             // 9 of 9 + 1 + 1
    assertMeasure(m, "refundRate", 11.11, 1, 9);                      // 1 refund per 9 successes
    assertMeasure(m, "chargebackRate", 11.11, 1, 9);
    // Paid: 5 x 3090 (o1 o2 o3 o5 o8b) + 4090 + 2 x 2000 + 500 = 24040; refunded 1000; charged back 3090.
    assertMeasure(m, "refundAmountRate.EUR", 4.16, 1000, 24040);      // 1000 / 24040 = 4.1597 %
    assertMeasure(m, "chargebackAmountRate.EUR", 12.85, 3090, 24040); // 3090 / 24040 = 12.8536 %

    // Receipts issued: o1 o2 o3 o5 at t0, o4 and o8 at t0 + 2 h (o6, o7 never fully paid).
    // o8's withheld; o1 o2 o4 o5 reached the inbox at once, o3 after the webhook bounced.
    assertEquals(1, all.path("receiptsWithheld").asLong());
    assertMeasure(m, "receiptAccuracy", 83.33, 5, 6);
    assertMeasure(m, "receiptDeliverySuccess", 100.0, 5, 5);
    assertEquals(0, m.path("receiptDeliverySuccess").path("pending").asLong());
    assertMeasure(m, "receiptsDeliveredFirstChannel", 80.0, 4, 5);
    assertMeasure(m, "receiptsDeliveredAfterFallback", 20.0, 1, 5);
    assertMeasure(m, "receiptsNeverDelivered", 0.0, 0, 5);
    assertMeasure(m, "receiptsSentWithin24h", 83.33, 5, 6);           // the withheld one misses

    // Discrepancies: o4 D1 OVERPAYMENT, o5 D1, o6 D1, o7 D1, o8 D1 UNDERPAYMENT, o8 D2 RECEIPT_MISMATCH.
    assertEquals(6, all.path("discrepancies").asLong());
    assertEquals(4, all.path("discrepanciesByType").path("UNDERPAYMENT").asLong());
    assertEquals(1, all.path("discrepanciesByType").path("RECEIPT_MISMATCH").asLong());
    // Resolved after 2 h (o4, o7, o8 D1) and 26 h (o6): nearest rank of 4, median = rank 2 = 2 h,
    // p95 = rank 4 = 26 h; plus the script's own seconds between the clock advances.
    assertHours(m, "discrepancyMedianTimeToResolve", 2.0);
    assertHours(m, "discrepancyP95TimeToResolve", 26.0);
    assertTrue(m.path("discrepancyP95TimeToResolve").path("met").asBoolean(), "within the 48 h target");
    assertMeasure(m, "discrepanciesResolvedWithin48h", 66.67, 4, 6); // o5 D1, o8 D2 open past 48 h
    // Told: all but the withheld receipt's; in time but o7's (sk-slow's webhook: reached at t0 + 52 h).
    assertMeasure(m, "customersNotifiedWithin24h", 80.0, 4, 5);
    assertEquals(2, all.path("discrepanciesEscalated").asLong());
    assertEquals(0, all.path("casesEscalated").asLong());
    assertMeasure(m, "discrepancyEscalationRate", 33.33, 2, 6);

    // By gateway: otherpay took o3 (paypal) and o8b (card); the order facts of o8 are testpay's
    // (its first successful payment). testpay: 7 successes of 9 attempts; 24040 - 2 x 3090 = 17860 paid.
    JsonNode otherpay = report.path("total").path("byGateway").path("otherpay").path("measures");
    assertMeasure(otherpay, "paymentSuccessRate", 100.0, 2, 2);
    assertMeasure(otherpay, "receiptsDeliveredAfterFallback", 100.0, 1, 1);
    JsonNode testpay = report.path("total").path("byGateway").path("testpay").path("measures");
    assertMeasure(testpay, "paymentSuccessRate", 77.78, 7, 9);
    assertMeasure(testpay, "refundAmountRate.EUR", 5.6, 1000, 17860);     // 5.599 %
    assertMeasure(testpay, "chargebackAmountRate.EUR", 17.3, 3090, 17860); // 17.301 %
    assertMeasure(testpay, "receiptAccuracy", 80.0, 4, 5);                // o8's withheld of o1 o2 o4 o5 o8
    // By method: card paid 8 times of 10 attempts; paypal once of once.
    assertMeasure(report.path("total").path("byPaymentMethod").path("card").path("measures"),
        "paymentSuccessRate", 80.0, 8, 10);
    assertMeasure(report.path("total").path("byPaymentMethod").path("paypal").path("measures"),
        "paymentSuccessRate", 100.0, 1, 1);
    m.fields().forEachRemaining(e -> assertFalse(e.getValue().path("definition").asText().isBlank(), e.getKey()));

    // The CSV and the gauges carry the same figures.
    Reply csv = api.send(HttpRequest.newBuilder(URI.create(base() + path)).header("Accept", "text/csv").GET());
    assertEquals(200, csv.status());
    String head = day + "," + day.plusDays(3) + ",total:all,,";
    assertTrue(csv.body().contains(head + "paymentSuccessRate,81.82,%,,,,9,11,,"), csv.body());
    assertTrue(csv.body().contains(head + "refundAmountRate.EUR,4.16,%,,,,1000,24040,,"), csv.body());
    assertTrue(csv.body().contains(head + "receiptsWithheld,1,count,"), csv.body());
    assertTrue(csv.body().contains(head + "customersNotifiedWithin24h,80.0,%,100.0,>=,false,4,5,0,"), csv.body());
    String metrics = api.awaitMetrics("payledger_kpi_value{");
    assertTrue(metrics.contains("payledger_kpi_value{kpi=\"paymentSuccessRate\",unit=\"%\"} 81.82"), metrics);
    assertTrue(metrics.contains("payledger_kpi_value{kpi=\"chargebackAmountRate.EUR\",unit=\"%\"} 12.85"), metrics);
    assertTrue(metrics.contains("payledger_kpi_value{kpi=\"discrepancyEscalationRate\",unit=\"%\"} 33.33"), metrics);
    assertTrue(metrics.contains("payledger_kpi_target{kpi=\"discrepancyP95TimeToResolve\"} 48.0"), metrics);
    assertFalse(metrics.contains("payledger_kpi_target{kpi=\"paymentSuccessRate\"}"), "informational");

    // ---- rebuild from the journal: the same report
    JsonNode before = report.path("total");
    Reply rebuilt = api.send(HttpRequest.newBuilder(URI.create(base() + "/v1/admin/projections/rebuild"))
        .POST(HttpRequest.BodyPublishers.noBody()));
    assertEquals(200, rebuilt.status(), rebuilt.body());
    JsonNode again = await(() -> api.get(path), r -> r.path("total").equals(before));
    assertEquals(before, again.path("total"));
  }

  /**
   * The report holds the final facts of every item of the script: every payment event, receipt
   * outcome, discrepancy (four resolved), both escalations and the late notice. Items reach the
   * report through different partitions, so no single figure implies the others.
   */
  private static boolean theWholeScriptIsIn(JsonNode report) {
    JsonNode all = report.path("total").path("overall");
    JsonNode m = all.path("measures");
    return all.path("ordersRegistered").asLong() == 8
        && all.path("paymentsReceived").asLong() == 9
        && all.path("paymentsDeclined").asLong() == 1
        && all.path("paymentsFailed").asLong() == 1
        && all.path("refunds").asLong() == 1
        && all.path("chargebacks").asLong() == 1
        && all.path("discrepancies").asLong() == 6
        && all.path("discrepanciesEscalated").asLong() == 2
        && m.path("receiptAccuracy").path("denominator").asLong() == 6
        && m.path("receiptDeliverySuccess").path("denominator").asLong() == 5
        && m.path("receiptDeliverySuccess").path("pending").asLong() == 0
        && m.path("discrepanciesResolvedWithin48h").path("numerator").asLong() == 4
        && m.path("customersNotifiedWithin24h").path("denominator").asLong() == 5
        && m.path("customersNotifiedWithin24h").path("pending").asLong() == 0
        && report.path("total").path("byGateway").path("otherpay").path("paymentsReceived").asLong() == 2;
  }

  private static void awaitOrder(String orderId, Predicate<JsonNode> condition) throws InterruptedException {
    await(() -> api.get("/v1/orders/" + orderId), condition);
  }

  private static boolean receiptDelivered(JsonNode order) {
    return order.path("receipt").path("status").asText().equals("DELIVERED");
  }

  /** A notice of a discrepancy (an underpayment's is a payment update) reached the customer. */
  private static boolean noticeDelivered(JsonNode order) {
    for (JsonNode n : order.path("notifications")) {
      String kind = n.path("kind").asText();
      if ((kind.equals("DISCREPANCY_NOTICE") || kind.equals("PAYMENT_UPDATE")) && n.path("delivered").asBoolean()) {
        return true;
      }
    }
    return false;
  }

  private static void order(String orderId, String customerId, String... channels) {
    ObjectNode order = Requests.order(orderId);
    order.put("customerId", customerId);
    order.remove("expectedPaymentMethod");
    var preferences = order.putArray("notificationChannels");
    for (String c : channels) {
      preferences.add(c);
    }
    Reply reply = api.post("/v1/orders", order);
    assertEquals(201, reply.status(), reply.body());
  }

  private static void event(String orderId, String eventId, String type, String gateway, String method,
      long amount, String paymentId, String failureReason) {
    ObjectNode event = Requests.payment("sk-" + eventId, orderId, type, amount);
    event.put("gateway", gateway).put("method", method);
    if (paymentId != null) {
      event.put("paymentId", paymentId);
    }
    if (failureReason != null) {
      event.put("failureReason", failureReason);
    }
    Reply reply = api.withKey(ApiClient.GATEWAY_KEY).post("/v1/payment-events", event);
    assertEquals(201, reply.status(), reply.body());
  }

  /** Resolves an order's {@code index}-th discrepancy by hand. */
  private static void resolve(String orderId, int index) {
    String id = api.get("/v1/orders/" + orderId).json().path("discrepancies").get(index).path("id").asText();
    Reply reply = api.post("/v1/orders/" + orderId + "/discrepancies/" + id + "/resolve",
        ApiClient.JSON.createObjectNode().put("resolution", "WRITTEN_OFF").put("actor", "agent-7")
            .put("note", "scripted"));
    assertEquals(201, reply.status(), reply.body());
  }

  private static void assertMeasure(JsonNode measures, String name, double value, long numerator, long denominator) {
    JsonNode m = measures.path(name);
    assertEquals(value, m.path("value").asDouble(), 0.001, name + ": " + m);
    assertEquals(numerator, m.path("numerator").asLong(), name + ": " + m);
    assertEquals(denominator, m.path("denominator").asLong(), name + ": " + m);
  }

  /** A time in hours: at least {@code hours}, and less than three minutes more. */
  private static void assertHours(JsonNode measures, String name, double hours) {
    JsonNode m = measures.path(name);
    double value = m.path("value").asDouble();
    assertTrue(value >= hours && value < hours + 0.05, name + ": " + m);
    assertEquals("h", m.path("unit").asText());
  }

  private static void advance(String by) {
    assertEquals(200, api.post("/v1/admin/clock", ApiClient.JSON.createObjectNode().put("advanceBy", by)).status());
  }

  private static String base() {
    return "http://127.0.0.1:" + service.httpPort();
  }

  private static JsonNode await(Supplier<Reply> call, Predicate<JsonNode> condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    JsonNode last = null;
    while (System.nanoTime() < deadline) {
      Reply reply = call.get();
      if (reply.status() == 200) {
        last = reply.json();
        if (condition.test(last)) {
          return last;
        }
      }
      Thread.sleep(500);
    }
    fail("not within 120 s: " + last);
    return null;
  }
}
