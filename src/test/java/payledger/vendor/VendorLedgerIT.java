package payledger.vendor;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.Config;
import java.net.URI;
import java.net.http.HttpRequest;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSessionRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import payledger.Service;
import payledger.order.OrderLedger;
import payledger.testing.ApiClient;
import payledger.testing.ApiClient.Reply;
import payledger.testing.LocalCassandraExtension;
import payledger.testing.Requests;
import payledger.testing.TestConfigs;
import payledger.testing.Ids;

/**
 * Against the real Cassandra node, through HTTP: two vendors registered, an order with lines of
 * both paid and then partly refunded; both balances and the statement are right to the minor unit,
 * and a restart of the node changes nothing.
 */
@ExtendWith(LocalCassandraExtension.class)
class VendorLedgerIT {

  private static final String KEYSPACE = "payledger_vendors_" + System.currentTimeMillis() / 1000;
  private static final Config CONFIG = TestConfigs.service("""
      pekko.persistence.cassandra.journal.keyspace = %s
      pekko.persistence.cassandra.events-by-tag.eventual-consistency-delay = 1s
      """.formatted(KEYSPACE));

  private final String run = Ids.unique("run");
  private final String acme = "acme-" + run;
  private final String bolt = "bolt-" + run;

  /** As in VendorLedgerTest: 45.00 due, acme 18.00 at 10 %, bolt 27.00 at 5 % + 0.50 a line. */
  private ObjectNode order(String orderId) {
    ObjectNode order = Requests.order(orderId);
    ArrayNode items = order.putArray("items");
    items.addObject().put("sku", "MUG").put("quantity", 2).put("unitPrice", 1000).put("vendorId", acme);
    items.addObject().put("sku", "KETTLE").put("quantity", 1).put("unitPrice", 3000).put("vendorId", bolt);
    order.put("shipping", 500);
    order.putArray("taxes");
    order.putArray("discounts").addObject().put("name", "WELCOME").put("amount", 1000);
    return order;
  }

  private static ObjectNode vendor(String id, int basisPoints, Long fixed) {
    ObjectNode v = ApiClient.JSON.createObjectNode().put("vendorId", id).put("name", id + " Ltd")
        .put("email", id + "@example.com");
    v.putObject("payoutSchedule").put("frequency", "WEEKLY").put("delayDays", 7).put("weekday", "MONDAY");
    ObjectNode c = v.putObject("commission").put("basisPoints", basisPoints);
    if (fixed != null) {
      c.putObject("fixedPerLine").put("value", fixed).put("currency", "EUR");
    }
    return v;
  }

  @Test
  void twoVendorsOrderPaidAndPartlyRefundedBalancesAndStatementSurviveARestart() throws Exception {
    JsonNode acmeBefore;
    JsonNode boltStatement;
    String period = "?from=" + Instant.now().minusSeconds(3600) + "&to=" + Instant.now().plusSeconds(3600);
    try (Service service = Service.start(CONFIG, Clock.systemUTC())) {
      ApiClient admin = new ApiClient(service.httpPort());
      admin.awaitJournal();
      ApiClient support = admin.withKey(ApiClient.SUPPORT_KEY);
      assertEquals(201, admin.post("/v1/vendors", vendor(acme, 1000, null)).status());
      Reply bolted = admin.post("/v1/vendors", vendor(bolt, 500, 50L));
      assertEquals(201, bolted.status(), bolted.body());
      assertEquals(200, admin.post("/v1/vendors", vendor(bolt, 500, 50L)).status(), "a repeat");
      assertEquals(403, support.post("/v1/vendors", vendor("x-" + run, 0, null)).status());
      assertEquals(400, admin.post("/v1/vendors", vendor("y-" + run, 10_001, null)).status());

      String orderId = "order-" + run;
      Reply registered = admin.post("/v1/orders", order(orderId));
      assertEquals(201, registered.status(), registered.body());
      JsonNode shown = support.get("/v1/orders/" + orderId).json();
      assertEquals(acme, shown.path("invoice").path("items").get(0).path("vendorId").asText());
      assertEquals(201, admin.post("/v1/payment-events",
          Requests.payment("pay-" + run, orderId, "SUCCEEDED", 4500)).status());
      assertEquals(201, admin.post("/v1/payment-events",
          Requests.payment("ref-" + run, orderId, "REFUNDED", 900)).status());

      // 36.00 net paid: acme 14.40 − 1.44 = 12.96, bolt 21.60 − 1.48 = 20.12; Σ + 2.92 = 36.00.
      acmeBefore = support.await("/v1/vendors/" + acme,
          v -> v.path("balances").path(0).path("pending").path("value").asLong() == 1296);
      JsonNode boltNow = support.await("/v1/vendors/" + bolt,
          v -> v.path("balances").path(0).path("pending").path("value").asLong() == 2012);
      assertEquals(0, boltNow.path("balances").path(0).path("available").path("value").asLong());
      assertEquals(1, boltNow.path("orders").asInt());

      Reply statement = support.get("/v1/vendors/" + bolt + "/statement" + period);
      assertEquals(200, statement.status(), statement.body());
      boltStatement = statement.json();
      assertEquals(0, boltStatement.path("opening").path("value").asLong());
      assertEquals(2012, boltStatement.path("closing").path("value").asLong());
      JsonNode lines = boltStatement.path("lines");
      assertEquals("SALE", lines.get(0).path("kind").asText());
      assertEquals(2700, lines.get(0).path("gross").path("value").asLong());
      assertEquals(185, lines.get(0).path("commission").path("value").asLong());
      assertEquals("REFUND", lines.get(1).path("kind").asText());
      assertEquals(-503, lines.get(1).path("net").path("value").asLong());
      assertEquals(orderId, lines.get(1).path("reference").asText());

      Reply csv = support.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
          + service.httpPort() + "/v1/vendors/" + bolt + "/statement" + period))
          .header("Accept", "text/csv").GET());
      assertEquals(200, csv.status());
      assertTrue(csv.contentType().startsWith("text/csv"), csv.contentType());
      assertEquals(5, csv.body().lines().count(), csv.body()); // header, opening, sale, refund, closing
      assertTrue(csv.body().contains(",REFUND," + orderId + ",EUR,-540,-37,-503,"), csv.body());
      Reply bad = support.get("/v1/vendors/" + bolt + "/statement?from=x&to=y");
      assertEquals(400, bad.status(), bad.body());
      assertEquals(404, support.get("/v1/vendors/none-" + run).status());
    }

    try (Service restarted = Service.start(CONFIG, Clock.systemUTC())) {
      ApiClient support = new ApiClient(restarted.httpPort()).withKey(ApiClient.SUPPORT_KEY);
      support.awaitJournal();
      // An order on the same tag, after the first: once it is credited, the projection has run
      // past everything before it, and a replay would have shown.
      String next = sameTag("order-" + run);
      ApiClient admin = new ApiClient(restarted.httpPort());
      ObjectNode only = order(next);
      ((ArrayNode) only.path("items")).remove(1);
      only.put("shipping", 0).putArray("discounts");
      assertEquals(201, admin.post("/v1/orders", only).status());
      assertEquals(201, admin.post("/v1/payment-events",
          Requests.payment("pay2-" + run, next, "SUCCEEDED", 2000)).status());
      JsonNode acmeAfter = support.await("/v1/vendors/" + acme, v -> v.path("orders").asInt() == 2);
      assertEquals(1296 + 1800, acmeAfter.path("balances").path(0).path("pending").path("value").asLong());
      assertEquals(boltStatement, support.get("/v1/vendors/" + bolt + "/statement" + period).json());
      assertEquals(acmeBefore.path("commissionTerms"), acmeAfter.path("commissionTerms"));
      dropKeyspace(restarted);
    }
  }

  /** Cleanup, not behaviour: a slow drop on a busy node is reported, not failed. */
  private static void dropKeyspace(Service service) {
    try {
      CassandraSessionRegistry.get(service.system()).sessionFor("pekko.persistence.cassandra")
          .executeWrite(SimpleStatement.newInstance("DROP KEYSPACE IF EXISTS " + KEYSPACE)
              .setTimeout(Duration.ofSeconds(60)))
          .toCompletableFuture().get(70, TimeUnit.SECONDS);
    } catch (Exception e) {
      System.err.println("could not drop " + KEYSPACE + ": " + e);
    }
  }

  private static String sameTag(String orderId) {
    String tag = tagOf(orderId);
    for (int i = 0; ; i++) {
      if (tagOf(orderId + "-" + i).equals(tag)) {
        return orderId + "-" + i;
      }
    }
  }

  private static String tagOf(String orderId) {
    return OrderLedger.TAGS.get(Math.floorMod(orderId.hashCode(), OrderLedger.TAGS.size()));
  }
}
