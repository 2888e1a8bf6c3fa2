package payledger.readmodel;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
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
 * The read side end to end on the real Cassandra node: a scripted day driven over HTTP (orders,
 * payments with injected discrepancies, cases resolved in and out of their SLA, with the test
 * clock), then the lists, the report against figures worked out by hand from the script, and a
 * rebuild from the journal that gives the same answers. Its own keyspace, so other tests' orders
 * do not count.
 */
@ExtendWith(LocalCassandraExtension.class)
@Isolated // reads /metrics, which every service in this JVM writes to
class ReadSideIT {

  private static final String KEYSPACE = "payledger_rs_" + System.currentTimeMillis() / 1000;
  private static Service service;
  private static ApiClient api;
  private static LocalDate day;

  @BeforeAll
  static void start() {
    service = Service.start(TestConfigs.service("""
        pekko.persistence.cassandra.journal.keyspace = %s
        payledger.test-clock.enabled = true
        # A busy machine may take longer than a scrape's 2 s for the summary rows; the test asserts the gauges.
        payledger.kpis.metrics-within = 30s
        pekko.persistence.cassandra.events-by-tag.eventual-consistency-delay = 1s
        """.formatted(KEYSPACE)), Clock.systemUTC());
    api = new ApiClient(service.httpPort());
    api.awaitJournal();
    day = LocalDate.ofInstant(now(), ZoneOffset.UTC);
  }

  @AfterAll
  static void stop() throws Exception {
    if (service != null) {
      dropKeyspace(ReadSide.of(service.system()).session(), KEYSPACE);
      service.close();
    }
  }

  /** Best effort: a keyspace per run must not pile up on a developer's long-lived node. */
  static void dropKeyspace(org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSession session,
      String keyspace) {
    try {
      session.executeWrite(com.datastax.oss.driver.api.core.cql.SimpleStatement.newInstance(
          "DROP KEYSPACE IF EXISTS " + keyspace).setTimeout(Duration.ofSeconds(60)))
          .toCompletableFuture().get(70, java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception e) {
      System.err.println("could not drop " + keyspace + ": " + e);
    }
  }

  @Test
  void aScriptedDayGivesTheHandComputedReportAndARebuildGivesItAgain() throws Exception {
    // ---- t0: six orders, seven successful payments: two discrepancies injected
    for (int i = 1; i <= 6; i++) {
      ObjectNode order = Requests.order("rs-o" + i);
      order.put("customerId", i <= 3 ? "rs-c1" : "rs-c2");
      order.remove("expectedPaymentMethod");
      assertEquals(201, api.post("/v1/orders", order).status());
    }
    pay("rs-o1", "e1", "testpay", "card", Requests.DUE);
    pay("rs-o2", "e2", "otherpay", "paypal", Requests.DUE);
    pay("rs-o3", "e3", "testpay", "card", 2000);                 // UNDERPAYMENT
    pay("rs-o4", "e4a", "testpay", "card", Requests.DUE);
    pay("rs-o4", "e4b", "testpay", "card", Requests.DUE);        // DUPLICATE_CHARGE, left open
    pay("rs-o5", "e5", "testpay", "card", Requests.DUE);
    pay("rs-o6", "e6", "otherpay", "paypal", Requests.DUE);
    // Support finds the orders in the list, every payment in, before opening cases about them (a
    // case's KPI fact takes its order's payment method and gateway from the order read model).
    await(() -> api.get("/v1/orders?customerId=rs-c1&limit=10"), page -> netPaid(page).equals(
        java.util.Map.of("rs-o1", Requests.DUE, "rs-o2", Requests.DUE, "rs-o3", 2000L)));
    await(() -> api.get("/v1/orders?customerId=rs-c2&limit=10"), page -> netPaid(page).equals(
        java.util.Map.of("rs-o4", 2 * Requests.DUE, "rs-o5", Requests.DUE, "rs-o6", Requests.DUE)));

    String a = open("rs-o5", "CHARGEBACK");          // a dispute: acknowledged in time, resolved in 2 h
    String b = open("rs-o6", "DOUBLE_CHARGE");       // a payment issue: acknowledged late, resolved in 50 h
    String c = open("rs-o1", "FAILED_TRANSACTION");  // a payment issue: resolved at first contact in 30 min
    step(a, "acknowledge", null);
    step(c, "acknowledge", null);

    advance("PT30M");
    resolve(c);
    feedback(c, 5);

    advance("PT90M");
    await(() -> api.get("/v1/disputes/" + b), x -> x.path("slaPassed").toString().contains("ACK_OVERDUE"));
    step(b, "acknowledge", null);
    String d1 = api.get("/v1/orders/rs-o3").json().path("discrepancies").get(0).path("id").asText();
    assertEquals(201, api.post("/v1/orders/rs-o3/discrepancies/" + d1 + "/resolve",
        ApiClient.JSON.createObjectNode().put("resolution", "WRITTEN_OFF").put("actor", "agent-7")
            .put("note", "small shortfall")).status());
    step(a, "request-info", "receipt please");
    step(a, "customer-reply", "here it is");
    resolve(a);
    feedback(a, 3);

    advance("PT48H");
    resolve(b);

    // ---- the report, worked out by hand from the script above
    String path = "/v1/reports/reconciliation?from=" + day + "&to=" + day.plusDays(3) + "&granularity=day";
    JsonNode report = await(() -> api.get(path), ReadSideIT::theWholeScriptIsIn);
    JsonNode all = report.path("total").path("overall");
    assertEquals(6, all.path("ordersRegistered").asLong());
    assertEquals(7, all.path("paymentsReceived").asLong());
    assertEquals(2, all.path("discrepancies").asLong());
    assertEquals(1, all.path("discrepanciesByType").path("UNDERPAYMENT").asLong());
    assertEquals(1, all.path("discrepanciesByType").path("DUPLICATE_CHARGE").asLong());
    assertEquals(1, all.path("disputesOpened").asLong());
    assertEquals(2, all.path("paymentIssuesOpened").asLong());
    JsonNode m = all.path("measures");
    assertMeasure(m, "reconciled", 66.67, false);                      // o1 o2 o5 o6 of 6
    assertEquals(0, m.path("reconciled").path("pending").asLong(), "every order paid: all decided");
    assertMeasure(m, "autoReconciled", 66.67, null);
    assertMeasure(m, "discrepanciesResolvedWithin48h", 50.0, false);  // o3's in time, o4's missed
    assertMeasure(m, "acknowledgedWithin1h", 66.67, false);           // a, c in time; b late
    assertMeasure(m, "disputesResolvedWithin48h", 100.0, true);       // a
    assertMeasure(m, "paymentIssuesResolvedWithin48h", 50.0, false);  // c in time, b late
    assertMeasure(m, "disputeRate", 16.67, false);                    // 1 dispute, 6 orders
    assertMeasure(m, "escalationRate", 33.33, null);                  // b (its breaches)
    assertMeasure(m, "discrepancyEscalationRate", 50.0, null);        // o4's (its deadlines missed)
    assertMeasure(m, "firstContactResolution", 33.33, null);          // c only
    assertMeasure(m, "averageCsat", 4.0, null);                       // 5 and 3
    // Times to the second: the script's own wall-clock seconds (the test clock runs on from its
    // offset) add a little to the 2 h and 50 h of the clock advances.
    assertHours(m, "medianTimeToResolve", 2.0, true);                 // 30 min, 2 h, 50 h
    assertHours(m, "p95TimeToResolve", 50.0, false);
    m.fields().forEachRemaining(e -> assertFalse(e.getValue().path("definition").asText().isBlank(), e.getKey()));
    // Every receipt of a paid order (o1 o2 o5 o6, and o4, fully paid before its duplicate charge)
    // and every discrepancy notice counts, met or missed: the clock is far past each 24 h deadline;
    // whether each was delivered in time depends on the notification worker (no SMTP server here).
    assertEquals(5, m.path("receiptsSentWithin24h").path("denominator").asLong(), m.toString());
    assertEquals(2, m.path("customersNotifiedWithin24h").path("denominator").asLong(), m.toString());
    JsonNode card = report.path("total").path("byPaymentMethod").path("card");
    assertEquals(4, card.path("ordersRegistered").asLong());
    assertEquals(5, card.path("paymentsReceived").asLong());
    assertEquals(2, card.path("casesOpened").asLong());
    assertMeasure(card.path("measures"), "reconciled", 50.0, false);
    JsonNode other = report.path("total").path("byGateway").path("otherpay");
    assertEquals(2, other.path("ordersRegistered").asLong());
    assertEquals(1, other.path("casesOpened").asLong());
    assertMeasure(other.path("measures"), "reconciled", 100.0, true);
    assertEquals(4, report.path("periods").size());
    // Everything started within hours of t0, so the fourth day is empty: just its dates.
    JsonNode lastDay = report.path("periods").get(3);
    assertTrue(lastDay.path("empty").asBoolean(), lastDay.toString());
    assertTrue(lastDay.path("overall").isMissingNode(), lastDay.toString());

    Reply csv = api.send(HttpRequest.newBuilder(URI.create(base() + path)).header("Accept", "text/csv").GET());
    assertEquals(200, csv.status());
    assertTrue(csv.contentType().startsWith("text/csv"), csv.contentType());
    assertTrue(csv.body().contains(day + "," + day.plusDays(3) + ",total:all,,reconciled,66.67,%,98.0,>=,false,4,6,0,"),
        csv.body().lines().limit(40).toList().toString());
    java.net.http.HttpResponse<Void> attachment = java.net.http.HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(base() + path)).header("Accept", "text/csv")
            .header("Authorization", "Bearer " + ApiClient.SUPPORT_KEY).build(),
        java.net.http.HttpResponse.BodyHandlers.discarding());
    assertEquals("attachment; filename=\"reconciliation-" + day + "-" + day.plusDays(3) + "-day.csv\"",
        attachment.headers().firstValue("Content-Disposition").orElse(null));

    // The same KPIs on /metrics (the last 7 days of the service clock hold the scripted day alone).
    String metrics = api.awaitMetrics("payledger_kpi_value{");
    assertTrue(metrics.contains("payledger_kpi_value{kpi=\"reconciled\",unit=\"%\"} 66.67"), metrics);
    assertTrue(metrics.contains("payledger_kpi_met{kpi=\"disputesResolvedWithin48h\"} 1.0"), metrics);

    // ---- the lists (a row is written beside its KPI fact, not before it: each list is awaited)
    awaitIds("/v1/disputes?state=RESOLVED", "disputeId", x -> x.size() == 3);
    awaitIds("/v1/discrepancies?status=RESOLVED", "orderId", x -> x.equals(List.of("rs-o3")));
    awaitIds("/v1/orders?status=RECONCILED&from=" + day, "orderId", x -> x.size() == 4);
    JsonNode firstPage = api.get("/v1/orders?customerId=rs-c1&limit=2").json();
    assertEquals(List.of("rs-o1", "rs-o2"), ids(firstPage, "orderId"));
    JsonNode secondPage = api.get("/v1/orders?customerId=rs-c1&limit=2&pageToken="
        + firstPage.path("nextPageToken").asText()).json();
    assertEquals(List.of("rs-o3"), ids(secondPage, "orderId"));
    assertTrue(secondPage.path("nextPageToken").isMissingNode(), "the last page has no token");
    assertEquals(List.of("rs-o1", "rs-o2", "rs-o5", "rs-o6"),
        ids(api.get("/v1/orders?status=RECONCILED&from=" + day).json(), "orderId"));
    assertEquals(List.of("rs-o4"), ids(api.get("/v1/discrepancies?overdue=true").json(), "orderId"));
    assertEquals(List.of(), ids(api.get("/v1/discrepancies?overdue=false").json(), "orderId"));
    assertEquals(List.of("rs-o3"), ids(api.get("/v1/discrepancies?status=RESOLVED").json(), "orderId"));
    assertEquals(List.of(a), ids(api.get("/v1/disputes?orderId=rs-o5").json(), "disputeId"));
    assertEquals(3, api.get("/v1/disputes?state=RESOLVED").json().path("items").size());
    assertEquals(List.of(b), ids(api.get("/v1/disputes?overdue=true&priority=HIGH").json(), "disputeId"));

    // ---- rebuild from the journal: the same answers
    // (o4's queue row takes in its last missed deadline after the tallies do: the lists wait for it)
    await(() -> api.get("/v1/discrepancies"), x -> x.path("items").toString().contains("RESOLUTION_OVERDUE"));
    JsonNode before = report.path("total");
    List<JsonNode> lists = lists();
    // The hour list merges its shards: paged two by two, it gives the same orders in the same
    // order, which is (at, orderId).
    List<String> paged = new ArrayList<>();
    String token = null;
    do {
      JsonNode page = api.get("/v1/orders?from=" + day + "&limit=2"
          + (token == null ? "" : "&pageToken=" + token)).json();
      paged.addAll(ids(page, "orderId"));
      token = page.path("nextPageToken").isMissingNode() ? null : page.path("nextPageToken").asText();
    } while (token != null);
    JsonNode unpaged = api.get("/v1/orders?from=" + day).json();
    assertEquals(ids(unpaged, "orderId"), paged);
    List<Map.Entry<Instant, String>> keys = new ArrayList<>();
    unpaged.path("items").forEach(o -> keys.add(Map.entry(Instant.parse(o.path("at").asText()), o.path("orderId").asText())));
    assertEquals(keys.stream().sorted(Map.Entry.<Instant, String>comparingByKey()
        .thenComparing(Map.Entry.comparingByValue())).toList(), keys, "in (at, orderId) order");
    assertTrue(keys.size() >= 6, keys.toString());
    // A keyspace upgraded from the month-partitioned history lists, or from the unsharded order
    // lists and KPI facts, has the new tables empty: its items are listed again once the
    // documented rebuild has run (docs/OPERATIONS.md).
    for (String table : List.of("rm_resolved_discrepancies_hour", "rm_closed_disputes_hour", "rm_list_hours",
        ReadModelRows.ORDERS_BY_HOUR, ReadModelRows.ORDERS_BY_STATUS, ReadModelRows.KPI_FACTS,
        ReadModelRows.OPEN_DISCREPANCIES, ReadModelRows.ACTIVE_DISPUTES, WorkingSets.INDEX)) {
      ReadSide.of(service.system()).session().executeWrite(com.datastax.oss.driver.api.core.cql.SimpleStatement
          .newInstance("TRUNCATE " + KEYSPACE + "." + table).setTimeout(Duration.ofSeconds(60)))
          .toCompletableFuture().get(70, java.util.concurrent.TimeUnit.SECONDS);
    }
    assertEquals(List.of(), ids(api.get("/v1/discrepancies?status=RESOLVED").json(), "orderId"));
    assertEquals(0, api.get("/v1/disputes?state=RESOLVED").json().path("items").size());
    assertEquals(List.of(), ids(api.get("/v1/orders?from=" + day).json(), "orderId"));
    assertEquals(List.of(), ids(api.get("/v1/discrepancies").json(), "orderId"));
    assertEquals(List.of(), ids(api.get("/v1/disputes?state=OPEN").json(), "disputeId"));
    assertEquals(List.of(), ids(api.get("/v1/orders?status=RECONCILED&from=" + day).json(), "orderId"));
    Reply rebuilt = api.send(HttpRequest.newBuilder(URI.create(base() + "/v1/admin/projections/rebuild"))
        .POST(HttpRequest.BodyPublishers.noBody()));
    assertEquals(200, rebuilt.status(), rebuilt.body());
    JsonNode again = await(() -> api.get(path), r -> r.path("total").equals(before),
        last -> "the total of before the rebuild; it differs at " + differences("total", before, last.path("total")));
    assertEquals(before, again.path("total"));
    await(() -> api.get("/v1/disputes?state=RESOLVED"), x -> lists().equals(lists));
    assertEquals(lists, lists());

    // Every projection the service runs is shown, four tags each: the read models', and the
    // deadlines', notifications', fraud's, settlements' and vendors' of their own.
    JsonNode status = api.get("/v1/admin/projections").json();
    Map<String, Integer> tagsByName = new TreeMap<>();
    status.path("projections").forEach(p -> tagsByName.merge(p.path("name").asText(), 1, Integer::sum));
    for (String name : List.of("readmodel-orders", "readmodel-disputes", "readmodel-vendors",
        "deadlines-disputes", "deadlines-vendors", "notify-disputes", "fraud-risk", "fraud-feedback",
        "settlement-payments", "vendor-shares", "vendor-cases")) {
      assertEquals(4, tagsByName.getOrDefault(name, 0), name + " in " + tagsByName);
    }
  }

  @Test
  void theSchemaOfTheFormerVersionStillApplies() throws Exception {
    ReadSide side = ReadSide.of(service.system());
    // (The former version's facts are counted by the tallies when they start from them:
    // ReadModelProjectionIT.factsOfAKeyspaceWithoutTalliesCountOnceItsTalliesStart.)
    // The schema file's ALTER adds the seconds column to a summary table of the former version,
    // and is a no-op when applied again.
    String alter = payledger.cassandra.Schema.statements("read-side.cql", KEYSPACE).stream()
        .filter(st -> st.startsWith("ALTER TABLE " + KEYSPACE + ".rm_kpi_daily")).findFirst().orElseThrow();
    side.session().executeWrite(com.datastax.oss.driver.api.core.cql.SimpleStatement.newInstance(
        "CREATE TABLE " + KEYSPACE + ".rm_kpi_daily_former (day text, shard int, method text, gateway text,"
            + " counts map<text, bigint>, open_due map<text, frozen<list<bigint>>>, resolve_minutes map<int, int>,"
            + " PRIMARY KEY ((day), shard, method, gateway))").setTimeout(Duration.ofSeconds(60)))
        .toCompletableFuture().get(70, java.util.concurrent.TimeUnit.SECONDS);
    for (int i = 0; i < 2; i++) {
      side.session().executeWrite(com.datastax.oss.driver.api.core.cql.SimpleStatement.newInstance(
          alter.replace(".rm_kpi_daily ", ".rm_kpi_daily_former ")).setTimeout(Duration.ofSeconds(60)))
          .toCompletableFuture().get(70, java.util.concurrent.TimeUnit.SECONDS);
    }
    side.session().executeWrite("INSERT INTO " + KEYSPACE + ".rm_kpi_daily_former (day, shard, method, gateway,"
        + " resolve_seconds) VALUES ('x', 0, 'm', 'g', {40: 1})")
        .toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS);
  }

  @Test
  void badFiltersAre400Problems() {
    for (String bad : List.of("/v1/orders?status=PAID", "/v1/orders?limit=0", "/v1/orders?limit=x",
        "/v1/orders?pageToken=not-a-token", "/v1/orders?from=2026-11-22&to=2026-11-01",
        "/v1/orders?from=2020-01-01&to=2026-11-01", "/v1/orders?colour=red", "/v1/orders?from=yesterday",
        "/v1/discrepancies?type=WRONG", "/v1/discrepancies?overdue=maybe",
        "/v1/disputes?state=LOST", "/v1/disputes?priority=URGENT",
        "/v1/reports/reconciliation?from=2026-11-01", "/v1/reports/reconciliation?from=2026-11-01&to=2026-11-30&granularity=year",
        "/v1/reports/reconciliation?from=2025-01-01&to=2026-11-30")) {
      Reply reply = api.get(bad);
      assertEquals(400, reply.status(), bad + " -> " + reply.body());
      assertTrue(reply.isProblem(), bad);
    }
    // A token of another listing (the open queue) does not page the orders.
    String foreign = new PageToken("open", Instant.now(), "x/D1").encode();
    assertEquals(400, api.get("/v1/orders?pageToken=" + foreign).status());
    assertEquals(403, api.withKey(ApiClient.GATEWAY_KEY).get("/v1/orders").status());
  }

  private static List<JsonNode> lists() {
    List<JsonNode> lists = new ArrayList<>();
    for (String p : List.of("/v1/orders?from=" + day, "/v1/orders?customerId=rs-c2", "/v1/discrepancies",
        "/v1/discrepancies?status=RESOLVED", "/v1/disputes")) {
      lists.add(api.get(p).json());
    }
    return lists;
  }

  /**
   * The report holds the final facts of every item of the script: all orders with every payment
   * and receipt, both discrepancies (o3's resolved), all three cases resolved (b last) and both
   * ratings; o4's discrepancy and case b escalated (each by a deadline it missed, journaled by the
   * deadline scheduler on its own time after the clock advances); and the cases attributed to their
   * orders' methods and gateways. Items reach the report through different projection instances,
   * so no single figure implies the others.
   */
  private static boolean theWholeScriptIsIn(JsonNode report) {
    JsonNode all = report.path("total").path("overall");
    JsonNode m = all.path("measures");
    return all.path("ordersRegistered").asLong() == 6
        && all.path("paymentsReceived").asLong() == 7
        && all.path("discrepancies").asLong() == 2
        && all.path("casesOpened").asLong() == 3
        && all.path("discrepanciesEscalated").asLong() == 1
        && all.path("casesEscalated").asLong() == 1
        && m.path("reconciled").path("numerator").asLong() == 4
        && m.path("receiptsSentWithin24h").path("denominator").asLong() == 5
        && m.path("customersNotifiedWithin24h").path("denominator").asLong() == 2
        && m.path("discrepanciesResolvedWithin48h").path("numerator").asLong() == 1
        && m.path("discrepanciesResolvedWithin48h").path("denominator").asLong() == 2
        && m.path("paymentIssuesResolvedWithin48h").path("denominator").asLong() == 2
        && m.path("firstContactResolution").path("denominator").asLong() == 3
        && m.path("averageCsat").path("value").asDouble() == 4.0
        && report.path("total").path("byPaymentMethod").path("card").path("casesOpened").asLong() == 2
        && report.path("total").path("byGateway").path("otherpay").path("casesOpened").asLong() == 1;
  }

  private static java.util.Map<String, Long> netPaid(JsonNode page) {
    java.util.Map<String, Long> paid = new java.util.TreeMap<>();
    page.path("items").forEach(i -> {
      JsonNode money = i.path("netPaid");
      paid.put(i.path("orderId").asText(), (money.isObject() ? money.path("value") : money).asLong());
    });
    return paid;
  }

  private static void awaitIds(String path, String field, Predicate<List<String>> condition)
      throws InterruptedException {
    await(() -> api.get(path), page -> condition.test(ids(page, field)));
  }

  private static void assertMeasure(JsonNode measures, String name, double value, Boolean met) {
    JsonNode m = measures.path(name);
    assertEquals(value, m.path("value").asDouble(), 0.001, name + ": " + m);
    if (met == null) {
      assertTrue(m.path("met").isNull(), name + " has no target: " + m);
    } else {
      assertEquals(met, m.path("met").asBoolean(), name + ": " + m);
    }
  }

  /** A time in hours: at least {@code hours}, and less than three minutes more. */
  private static void assertHours(JsonNode measures, String name, double hours, boolean met) {
    JsonNode m = measures.path(name);
    double value = m.path("value").asDouble();
    assertTrue(value >= hours && value < hours + 0.05, name + ": " + m);
    assertEquals("h", m.path("unit").asText());
    assertEquals(met, m.path("met").asBoolean(), name + ": " + m);
  }

  private static List<String> ids(JsonNode page, String field) {
    List<String> ids = new ArrayList<>();
    page.path("items").forEach(i -> ids.add(i.path(field).asText()));
    return ids;
  }

  private static void pay(String orderId, String eventId, String gateway, String method, long amount) {
    ObjectNode event = Requests.payment("rs-" + eventId, orderId, "SUCCEEDED", amount);
    event.put("gateway", gateway).put("method", method);
    Reply reply = api.withKey(ApiClient.GATEWAY_KEY).post("/v1/payment-events", event);
    assertEquals(201, reply.status(), reply.body());
  }

  private static String open(String orderId, String category) {
    Reply opened = api.post("/v1/disputes", ApiClient.JSON.createObjectNode().put("orderId", orderId)
        .put("category", category).put("description", "script")
        .put("actor", "agent-7"));
    assertEquals(201, opened.status(), opened.body());
    return opened.json().path("id").asText();
  }

  private static void step(String id, String action, String text) {
    ObjectNode body = ApiClient.JSON.createObjectNode().put("actor", "agent-7");
    if (text != null) {
      body.put("text", text);
    }
    Reply reply = api.post("/v1/disputes/" + id + "/" + action, body);
    assertEquals(201, reply.status(), reply.body());
  }

  private static void resolve(String id) {
    Reply reply = api.post("/v1/disputes/" + id + "/resolve", ApiClient.JSON.createObjectNode()
        .put("action", "NO_ACTION").put("reason", "explained").put("actor", "agent-7"));
    assertEquals(201, reply.status(), reply.body());
  }

  private static void feedback(String id, int csat) {
    assertEquals(201, api.post("/v1/disputes/" + id + "/feedback",
        ApiClient.JSON.createObjectNode().put("csat", csat)).status());
  }

  private static void advance(String by) {
    assertEquals(200, api.post("/v1/admin/clock", ApiClient.JSON.createObjectNode().put("advanceBy", by)).status());
  }

  private static Instant now() {
    return Instant.parse(api.get("/v1/admin/clock").json().path("now").asText());
  }

  /** The paths where two JSON trees differ, with both values. */
  private static List<String> differences(String at, JsonNode a, JsonNode b) {
    if (a.isObject() && b.isObject()) {
      Set<String> names = new TreeSet<>();
      a.fieldNames().forEachRemaining(names::add);
      b.fieldNames().forEachRemaining(names::add);
      return names.stream().flatMap(n -> differences(at + "." + n, a.path(n), b.path(n)).stream()).toList();
    }
    return a.equals(b) ? List.of() : List.of(at + ": " + a + " then " + b);
  }

  private static String base() {
    return "http://127.0.0.1:" + service.httpPort();
  }

  private static JsonNode await(Supplier<Reply> call, Predicate<JsonNode> condition) throws InterruptedException {
    return await(call, condition, last -> "");
  }

  /** @param wanted what the condition wants (told of the last answer), shown when it never comes */
  private static JsonNode await(Supplier<Reply> call, Predicate<JsonNode> condition,
      Function<JsonNode, String> wanted) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
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
    String why = last == null ? "" : wanted.apply(last);
    fail("not within 90 s" + (why.isEmpty() ? "" : ", wanted " + why) + ": " + last);
    return null;
  }
}
