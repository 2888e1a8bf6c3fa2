package payledger.readmodel;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import payledger.Service;
import payledger.testing.ApiClient;
import payledger.testing.ApiClient.Reply;
import payledger.testing.Ids;
import payledger.testing.LocalCassandraExtension;
import payledger.testing.Requests;
import payledger.testing.TestConfigs;

/**
 * The gateway filter of {@code GET /v1/discrepancies} and {@code GET /v1/disputes} over HTTP on the
 * real Cassandra node: underpaid orders through two gateways of their own (unique names, so other
 * tests' rows in the queues do not count), a case on one order of each; each gateway lists its own
 * rows only, page by page; a gateway no row has is a 400 problem.
 */
@ExtendWith(LocalCassandraExtension.class)
class QueueGatewayFilterIT {

  private static Service service;
  private static ApiClient api;

  @BeforeAll
  static void start() {
    service = Service.start(TestConfigs.service("""
        pekko.persistence.cassandra.journal.keyspace = payledger_gwfilter_it
        pekko.persistence.cassandra.events-by-tag.eventual-consistency-delay = 1s
        """), Clock.systemUTC());
    api = new ApiClient(service.httpPort());
    api.awaitJournal();
  }

  @AfterAll
  static void stop() {
    if (service != null) {
      service.close();
    }
  }

  @Test
  void eachGatewayListsItsOwnDiscrepanciesAndCasesOnly() throws Exception {
    String a = Ids.unique("gwa");
    String b = Ids.unique("gwb");
    String a1 = underpaid(a);
    String a2 = underpaid(a);
    String b1 = underpaid(b);

    // Every row of each gateway, and nothing else (until then a gateway may still be unknown: 400).
    await("/v1/discrepancies?gateway=" + a, "orderId", ids -> ids.size() == 2 && ids.containsAll(List.of(a1, a2)));
    await("/v1/discrepancies?gateway=" + b, "orderId", ids -> ids.equals(List.of(b1)));
    String caseA = open(a1);
    String caseB = open(b1);
    await("/v1/disputes?gateway=" + a, "disputeId", ids -> ids.equals(List.of(caseA)));
    await("/v1/disputes?gateway=" + b, "disputeId", ids -> ids.equals(List.of(caseB)));

    JsonNode discrepancy = api.get("/v1/discrepancies?gateway=" + b).json().path("items").get(0);
    assertEquals(b, discrepancy.path("gateway").asText());
    assertEquals("UNDERPAYMENT", discrepancy.path("type").asText());
    assertEquals(b, api.get("/v1/disputes?gateway=" + b).json().path("items").get(0).path("gateway").asText());
    assertEquals(List.of(b1), ids(api.get("/v1/discrepancies?type=UNDERPAYMENT&gateway="
        + b.toUpperCase(Locale.ROOT)).json(), "orderId"), "gateway names are lower case; beside the type filter");
    assertEquals(List.of(), ids(api.get("/v1/discrepancies?type=OVERPAYMENT&gateway=" + a).json(), "orderId"));
    assertEquals(List.of(caseA), ids(api.get("/v1/disputes?state=OPEN&gateway=" + a).json(), "disputeId"));

    // Paging keeps the filter: one row a page, then the other, then no token.
    JsonNode first = api.get("/v1/discrepancies?gateway=" + a + "&limit=1").json();
    assertEquals(1, first.path("items").size());
    JsonNode second = api.get("/v1/discrepancies?gateway=" + a + "&limit=1&pageToken="
        + first.path("nextPageToken").asText()).json();
    List<String> both = new ArrayList<>(ids(first, "orderId"));
    both.addAll(ids(second, "orderId"));
    assertEquals(2, both.size());
    assertTrue(both.containsAll(List.of(a1, a2)), both.toString());
    assertTrue(second.path("nextPageToken").isMissingNode() || ids(api.get("/v1/discrepancies?gateway=" + a
        + "&limit=1&pageToken=" + second.path("nextPageToken").asText()).json(), "orderId").isEmpty(),
        "no third row of gateway " + a);
  }

  @Test
  void aGatewayNoRowHasIsA400Problem() {
    for (String path : List.of("/v1/discrepancies?gateway=" + Ids.unique("nogw"),
        "/v1/disputes?gateway=" + Ids.unique("nogw"), "/v1/discrepancies?gateway=",
        "/v1/disputes?gateway=%20")) {
      Reply reply = api.get(path);
      assertEquals(400, reply.status(), path + " -> " + reply.body());
      assertTrue(reply.isProblem(), path);
    }
    Reply unknown = api.get("/v1/disputes?gateway=" + Ids.unique("nogw"));
    assertTrue(unknown.body().contains("\"gateway\"") && unknown.body().contains("known"), unknown.body());
  }

  @Test
  void aTokenOfAnotherListingIsA400EvenWithAKnownGateway() throws Exception {
    String gateway = Ids.unique("gwc");
    String orderId = underpaid(gateway);
    await("/v1/discrepancies?gateway=" + gateway, "orderId", ids -> ids.equals(List.of(orderId)));
    String foreign = new PageToken("2026-01", Instant.now(), "x").encode();
    Reply reply = api.get("/v1/discrepancies?gateway=" + gateway + "&pageToken=" + foreign);
    assertEquals(400, reply.status(), reply.body());
    assertTrue(reply.isProblem());
  }

  /** A new order paid 2000 of its 3090 through {@code gateway}: an UNDERPAYMENT. */
  private static String underpaid(String gateway) {
    String orderId = Ids.unique("qgf");
    assertEquals(201, api.post("/v1/orders", Requests.order(orderId)).status());
    ObjectNode pay = Requests.payment(Ids.unique("evt"), orderId, "SUCCEEDED", 2000);
    pay.put("gateway", gateway);
    Reply reply = api.withKey(ApiClient.GATEWAY_KEY).post("/v1/payment-events", pay);
    assertEquals(201, reply.status(), reply.body());
    return orderId;
  }

  private static String open(String orderId) {
    Reply opened = api.post("/v1/disputes", ApiClient.JSON.createObjectNode().put("orderId", orderId)
        .put("category", "INCORRECT_CHARGE").put("description", "charged less than shown")
        .put("actor", "agent-7"));
    assertEquals(201, opened.status(), opened.body());
    return opened.json().path("id").asText();
  }

  private static List<String> ids(JsonNode page, String field) {
    List<String> ids = new ArrayList<>();
    page.path("items").forEach(i -> ids.add(i.path(field).asText()));
    return ids;
  }

  private static void await(String path, String field, Predicate<List<String>> complete)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    Reply last = null;
    while (System.nanoTime() < deadline) {
      last = api.get(path);
      if (last.status() == 200 && complete.test(ids(last.json(), field))) {
        return;
      }
      Thread.sleep(500);
    }
    fail(path + " not within 90 s: " + (last == null ? null : last.body()));
  }
}
