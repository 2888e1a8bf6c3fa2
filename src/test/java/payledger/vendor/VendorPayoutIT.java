package payledger.vendor;

import static org.junit.jupiter.api.Assertions.*;

import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.Config;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSessionRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import payledger.Service;
import payledger.testing.ApiClient;
import payledger.testing.ApiClient.Reply;
import payledger.testing.GatewayFixtures;
import payledger.testing.Ids;
import payledger.testing.LocalCassandraExtension;
import payledger.testing.Requests;
import payledger.testing.TestConfigs;
import payledger.time.ServiceClock;

/**
 * Against the real Cassandra node, through HTTP: a vendor sells 100.00 at 10 % commission (paid
 * out daily, T+0); on its payout day Stripe Connect reports {@code payout.paid} of 90.00 from the
 * vendor's connected account, signed as Stripe signs it (stripe-java's HMAC). The payout is
 * reconciled against the vendor's balance: matched, no discrepancy, available → paid out. The node
 * restarts; the redelivered webhook changes nothing, and a short payout the day after is flagged.
 */
@ExtendWith(LocalCassandraExtension.class)
class VendorPayoutIT {

  private static final String KEYSPACE = "payledger_payouts_" + System.currentTimeMillis() / 1000;
  private static final String CONNECT_SECRET = "whsec_test_connect_9d8c7b6a5f4e3d2c1b0a";
  private static final Config CONFIG = TestConfigs.service("""
      pekko.persistence.cassandra.journal.keyspace = %s
      pekko.persistence.cassandra.events-by-tag.eventual-consistency-delay = 1s
      payledger.test-clock.enabled = true
      payledger.vendors.payout-gateways.stripe.signing-secrets = "%s"
      """.formatted(KEYSPACE, CONNECT_SECRET));

  private final ServiceClock clock = ServiceClock.of(Clock.systemUTC(), true);
  private final String vendor = Ids.unique("acme");
  private final String account = Ids.unique("acct_");

  private ObjectNode registration() {
    ObjectNode v = ApiClient.JSON.createObjectNode().put("vendorId", vendor).put("name", "Acme Ltd")
        .put("email", "pay@acme.example");
    v.putObject("payoutSchedule").put("frequency", "DAILY").put("delayDays", 0);
    v.putObject("commission").put("basisPoints", 1000);
    return v;
  }

  private ObjectNode order(String orderId) {
    ObjectNode order = Requests.order(orderId);
    ArrayNode items = order.putArray("items");
    items.addObject().put("sku", "LAMP").put("quantity", 1).put("unitPrice", 10_000).put("vendorId", vendor);
    order.put("shipping", 0);
    order.putArray("taxes");
    order.putArray("discounts");
    return order;
  }

  /** A Stripe Connect {@code payout.paid} event of the connected account, as Stripe sends it. */
  private String payoutPaid(String eventId, String payoutId, long amount) {
    long created = clock.instant().getEpochSecond();
    return """
        {"id":"%s","object":"event","account":"%s","api_version":"2024-06-20","created":%d,
         "data":{"object":{"id":"%s","object":"payout","amount":%d,"currency":"eur",
           "arrival_date":%d,"automatic":true,"method":"standard","status":"paid","type":"bank_account"}},
         "livemode":false,"pending_webhooks":1,"request":{"id":null,"idempotency_key":null},
         "type":"payout.paid"}""".formatted(eventId, account, created, payoutId, amount, created);
  }

  private Reply deliver(ApiClient api, String payload) {
    String signature = GatewayFixtures.stripeSignature(CONNECT_SECRET, clock.instant().getEpochSecond(), payload);
    return api.post("/v1/gateways/stripe/connect", "application/json",
        payload.getBytes(StandardCharsets.UTF_8), "Stripe-Signature", signature);
  }

  private static long balance(JsonNode vendor, String field) {
    return vendor.path("balances").path(0).path(field).path("value").asLong();
  }

  @Test
  void aStripeConnectPayoutIsReconciledAgainstTheVendorsBalanceAndARestartChangesNothing() throws Exception {
    String payout = deliveredBeforeARestart();
    try (Service restarted = Service.start(CONFIG, clock)) {
      ApiClient support = new ApiClient(restarted.httpPort()).withKey(ApiClient.SUPPORT_KEY);
      support.awaitJournal();
      ApiClient anyone = new ApiClient(restarted.httpPort());
      Reply again = deliver(anyone, payout);
      assertEquals(200, again.status(), again.body());
      assertTrue(again.json().path("duplicate").asBoolean(), "a redelivery after the restart has no effect");
      JsonNode after = support.get("/v1/vendors/" + vendor).json();
      assertEquals(0, balance(after, "available"));
      assertEquals(9_000, balance(after, "paidOut"));
      assertEquals(0, after.path("payoutDiscrepancies").size());

      // A sale the next day, and a payout of less than that day's due: PAYOUT_SHORT, with deadlines.
      ApiClient admin = new ApiClient(restarted.httpPort());
      String next = Ids.unique("order");
      assertEquals(201, admin.post("/v1/orders", order(next)).status());
      assertEquals(201, admin.post("/v1/payment-events",
          Requests.payment(Ids.unique("pay"), next, "SUCCEEDED", 10_000)).status());
      // Settled at journal (wall) time, so payable today or tomorrow; a day on, it is due.
      support.await("/v1/vendors/" + vendor, v -> balance(v, "pending") + balance(v, "available") == 9_000);
      clock.advance(Duration.ofDays(1));
      Reply shortPaid = deliver(anyone, payoutPaid(Ids.unique("evt_"), Ids.unique("po_"), 8_500));
      assertEquals(201, shortPaid.status(), shortPaid.body());
      JsonNode found = shortPaid.json().path("discrepancies").path(0);
      assertEquals("PAYOUT_SHORT", found.path("type").asText());
      assertEquals(9_000, found.path("expected").path("value").asLong());
      assertEquals(8_500, found.path("actual").path("value").asLong());
      JsonNode flagged = support.get("/v1/vendors/" + vendor).json();
      assertEquals(500, balance(flagged, "available"));
      assertEquals(17_500, balance(flagged, "paidOut"));

      Reply resolved = support.post("/v1/vendors/" + vendor + "/payout-discrepancies/"
          + found.path("id").asText() + "/resolve", ApiClient.JSON.createObjectNode()
          .put("resolution", "ACCEPTED").put("actor", "agent-7").put("note", "bank fee"));
      assertEquals(201, resolved.status(), resolved.body());
      assertEquals("RESOLVED", resolved.json().path("payoutDiscrepancies").path(0).path("status").asText());
      dropKeyspace(restarted);
    }
  }

  /** The vendor, its account, a paid order, then its payout on the payout day: the payload. */
  private String deliveredBeforeARestart() {
    try (Service service = Service.start(CONFIG, clock)) {
      ApiClient admin = new ApiClient(service.httpPort());
      admin.awaitJournal();
      ApiClient support = admin.withKey(ApiClient.SUPPORT_KEY);
      ApiClient anyone = new ApiClient(service.httpPort());
      assertEquals(201, admin.post("/v1/vendors", registration()).status());
      ObjectNode link = ApiClient.JSON.createObjectNode().put("gateway", "stripe").put("account", account);
      assertEquals(201, admin.post("/v1/vendors/" + vendor + "/payout-accounts", link).status());
      assertEquals(200, admin.post("/v1/vendors/" + vendor + "/payout-accounts", link).status());
      ObjectNode other = ApiClient.JSON.createObjectNode().put("vendorId", Ids.unique("bolt")).put("name", "Bolt");
      other.putObject("payoutSchedule").put("frequency", "DAILY").put("delayDays", 0);
      assertEquals(201, admin.post("/v1/vendors", other).status());
      assertEquals(409, admin.post("/v1/vendors/" + other.path("vendorId").asText() + "/payout-accounts",
          link).status(), "one account, one vendor");

      String orderId = Ids.unique("order");
      assertEquals(201, admin.post("/v1/orders", order(orderId)).status());
      assertEquals(201, admin.post("/v1/payment-events",
          Requests.payment(Ids.unique("pay"), orderId, "SUCCEEDED", 10_000)).status());
      support.await("/v1/vendors/" + vendor, v -> balance(v, "pending") == 9_000);

      String payout = payoutPaid(Ids.unique("evt_"), Ids.unique("po_"), 9_000);
      Reply unsigned = anyone.post("/v1/gateways/stripe/connect", "application/json",
          payout.getBytes(StandardCharsets.UTF_8), "Stripe-Signature", "t=1,v1=00");
      assertEquals(400, unsigned.status(), "a bad signature stores nothing");

      clock.advance(Duration.ofDays(1)); // the payout day: the sale's money is available
      assertEquals(9_000, balance(support.get("/v1/vendors/" + vendor).json(), "available"));
      payout = payoutPaid(Ids.unique("evt_"), Ids.unique("po_"), 9_000);
      Reply paid = deliver(anyone, payout);
      assertEquals(201, paid.status(), paid.body());
      assertEquals(0, paid.json().path("discrepancies").size(), "the payout matches what was due");
      JsonNode vendorNow = support.get("/v1/vendors/" + vendor).json();
      assertEquals(0, balance(vendorNow, "available"));
      assertEquals(9_000, balance(vendorNow, "paidOut"));
      Reply statement = support.get("/v1/vendors/" + vendor + "/statement?from="
          + clock.instant().minus(Duration.ofDays(2)) + "&to=" + clock.instant().plusSeconds(1));
      JsonNode lines = statement.json().path("lines");
      assertEquals("SALE", lines.get(0).path("kind").asText());
      assertEquals("PAYOUT", lines.get(1).path("kind").asText());
      assertEquals(-9_000, lines.get(1).path("net").path("value").asLong());
      assertEquals(0, statement.json().path("closing").path("value").asLong());
      return payout;
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
}
