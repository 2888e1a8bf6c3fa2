package payledger.settlement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import payledger.Service;
import payledger.settlement.SettlementFiles.Faults;
import payledger.testing.ApiClient;
import payledger.testing.ApiClient.Reply;
import payledger.testing.LocalCassandraExtension;
import payledger.testing.TestConfigs;

/** Settlement files over HTTP into the real Cassandra node: all or nothing, and once. */
@ExtendWith(LocalCassandraExtension.class)
class SettlementImportIT {

  private static final Config SERVICE_CONFIG =
      TestConfigs.service("pekko.persistence.cassandra.journal.keyspace = payledger_it");

  @Test
  void aFileIsImportedOnceAndAMalformedOneNotAtAll() {
    String batch = "po_" + UUID.randomUUID().toString().replace("-", "");
    byte[] file = SettlementFiles.text("stripe", SettlementImportTest.lines(batch, 300, 1_000), Faults.NONE)
        .getBytes(StandardCharsets.UTF_8);
    try (Service service = Service.start(SERVICE_CONFIG, Clock.systemUTC())) {
      ApiClient api = new ApiClient(service.httpPort()).withKey("dev-finance-key");
      api.awaitJournal();

      Reply support = api.withKey(ApiClient.SUPPORT_KEY).post("/v1/settlements/files", "text/csv", file);
      assertEquals(403, support.status(), support.body());

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

      String other = "po_" + UUID.randomUUID().toString().replace("-", "");
      byte[] malformed = SettlementFiles.text("stripe", SettlementImportTest.lines(other, 50, 1_000),
          new Faults(Set.of(37L), Map.of())).getBytes(StandardCharsets.UTF_8);
      Reply refused = api.post("/v1/settlements/files", "text/csv", malformed);
      assertEquals(422, refused.status(), refused.body());
      assertTrue(refused.json().path("detail").asText().startsWith("line 37:"), refused.body());
      String refusedId = ImportRecord.idOf(sha256(malformed));
      assertEquals(404, api.get("/v1/settlements/imports/" + refusedId).status(), "nothing was kept");
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
