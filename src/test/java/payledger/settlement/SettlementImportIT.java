package payledger.settlement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import payledger.Service;
import payledger.money.Money;
import payledger.settlement.SettlementFiles.Faults;
import payledger.settlement.SettlementFiles.Settled;
import payledger.testing.GatewayFixtures;
import payledger.testing.ApiClient;
import payledger.testing.ApiClient.Reply;
import payledger.testing.LocalCassandraExtension;
import payledger.testing.TestConfigs;
import payledger.testing.Ids;

/** Settlement files over HTTP into the real Cassandra node: all or nothing, and once. */
@ExtendWith(LocalCassandraExtension.class)
class SettlementImportIT {

  private static final Config SERVICE_CONFIG = TestConfigs.service(
      "pekko.persistence.cassandra.journal.keyspace = payledger_it\n" + GatewayFixtures.CONFIG);

  @Test
  void paymentsFromSignedWebhooksAreMatchedAndAReimportChangesNothing() throws Exception {
    String orderId = Ids.unique("it-stl");
    String psp = String.valueOf(8_816_000_000_000_000L + Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L));
    String unknown = psp + "9";
    String batch = "PayledgerMarketplaceECOM:" + (1 + Math.abs(UUID.randomUUID().getLeastSignificantBits() % 1_000_000L));
    try (Service service = Service.start(SERVICE_CONFIG, Clock.systemUTC())) {
      ApiClient api = new ApiClient(service.httpPort()).withKey("dev-finance-key");
      api.awaitJournal();
      String notification = GatewayFixtures.adyen(orderId,
          List.<String[]>of(new String[] {"CAPTURE", "true", psp, "3090"}), GatewayFixtures.ADYEN_KEY);
      Reply delivered = api.withKey(null).post("/v1/gateways/adyen/notifications", "application/json",
          notification.getBytes(StandardCharsets.UTF_8));
      assertEquals(200, delivered.status(), delivered.body());
      SettlementStore store = Settlements.of(service.system(), Clock.systemUTC()).store();
      long deadline = System.currentTimeMillis() + 60_000;
      while (store.ledger("adyen", psp).toCompletableFuture().get().isEmpty()) {
        assertTrue(System.currentTimeMillis() < deadline, "the settlement projection saw the payment");
        Thread.sleep(200);
      }
      String file = SettlementFiles.text("adyen", List.of(
          new Settled(batch, SettlementKind.PAYMENT, psp, orderId, "visa", Instant.now(), new Money(3_090, "EUR"),
              new Money(90, "EUR"), new Money(3_000, "EUR"), null, "m1"),
          new Settled(batch, SettlementKind.PAYMENT, unknown, "other", "visa", Instant.now(),
              new Money(1_000, "EUR"), new Money(30, "EUR"), new Money(970, "EUR"), null, "m2")),
          Faults.NONE);
      Reply imported = api.post("/v1/settlements/files", "text/csv", file.getBytes(StandardCharsets.UTF_8));
      assertEquals(201, imported.status(), imported.body());
      String id = imported.json().path("importId").asText();
      Reply run = api.get("/v1/settlements/imports/" + id + "/reconciliation");
      assertEquals(200, run.status(), run.body());
      assertEquals(2, run.json().path("summary").path("overall").path("lines").asInt());
      assertEquals(1, run.json().path("summary").path("overall").path("matched").asInt());
      assertEquals(1, run.json().path("summary").path("findings").path("UNKNOWN_SETTLEMENT").asInt(), run.body());
      assertTrue(run.json().path("summary").path("payouts").get(0).path("balanced").asBoolean(), run.body());
      assertEquals(90, run.json().path("summary").path("fees").path("adyen/card/EUR").asLong(), run.body());
      assertEquals(unknown, run.json().path("findings").get(0).path("paymentId").asText());

      Reply again = api.post("/v1/settlements/files", "text/csv", file.getBytes(StandardCharsets.UTF_8));
      assertEquals(200, again.status(), again.body());
      assertEquals(run.json(), api.get("/v1/settlements/imports/" + id + "/reconciliation").json(),
          "a re-import changes nothing");
    }
  }

  @Test
  void aFileIsImportedOnceAndAMalformedOneNotAtAll() {
    String batch = Ids.unique("po_");
    byte[] file = SettlementFiles.text("stripe", SettlementImportTest.lines(batch, 300, 1_000), Faults.NONE)
        .getBytes(StandardCharsets.UTF_8);
    try (Service service = Service.start(SERVICE_CONFIG, Clock.systemUTC())) {
      ApiClient api = new ApiClient(service.httpPort()).withKey("dev-finance-key");
      api.awaitJournal();

      Reply first = api.post("/v1/settlements/files?fileName=payouts.csv", "text/csv", file);
      assertEquals(201, first.status(), first.body());
      assertEquals("COMPLETE", first.json().path("status").asText());
      assertEquals(301, first.json().path("lines").asLong());
      assertEquals("stripe", first.json().path("layout").asText());
      String id = first.json().path("importId").asText();

      Reply again = api.post("/v1/settlements/files", "text/csv", file);
      assertEquals(200, again.status(), again.body());
      assertTrue(again.json().path("replayed").asBoolean());
      assertEquals(id, again.json().path("importId").asText());
      assertEquals(first.json().path("completedAt"), again.json().path("completedAt"));

      Reply shown = api.withKey(ApiClient.AUDITOR_KEY).get("/v1/settlements/imports/" + id);
      assertEquals(200, shown.status(), shown.body());
      assertEquals(301, shown.json().path("staged").asLong());

      String other = Ids.unique("po_");
      byte[] malformed = SettlementFiles.text("stripe", SettlementImportTest.lines(other, 50, 1_000),
          new Faults(Set.of(37L), Map.of())).getBytes(StandardCharsets.UTF_8);
      Reply refused = api.post("/v1/settlements/files", "text/csv", malformed);
      assertEquals(422, refused.status(), refused.body());
      assertTrue(refused.json().path("detail").asText().startsWith("line 37:"), refused.body());
      String refusedId = ImportRecord.idOf(sha256(malformed));
      assertEquals(404, api.get("/v1/settlements/imports/" + refusedId).status(), "nothing was kept");

      // Last: a refusal before the body is read closes the connection.
      Reply support = api.withKey(ApiClient.SUPPORT_KEY).post("/v1/settlements/files", "text/csv", file);
      assertEquals(403, support.status(), support.body());
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
