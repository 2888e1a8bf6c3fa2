package payledger.settlement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.cql.Row;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.Config;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSession;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSessionRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;
import payledger.Service;
import payledger.audit.cli.AuditCli;
import payledger.money.Money;
import payledger.testing.ApiClient;
import payledger.testing.ApiClient.Reply;
import payledger.testing.Ids;
import payledger.testing.LocalCassandraExtension;
import payledger.testing.SharedResources;
import payledger.testing.TestConfigs;

/**
 * Settlement payout batches are in the auditor's verification like orders and disputes: a batch's
 * journal (a finding raised, then resolved) verifies whole over HTTP and with the CLI, scoped to
 * the batch, and a resolution's stored bytes changed with CQL are reported at their sequence
 * number, in the batch's scope, in a time range and by the CLI.
 */
@ExtendWith(LocalCassandraExtension.class)
@ResourceLock(SharedResources.IT_KEYSPACE)
class SettlementBatchAuditIT {

  private static final String KEYSPACE = "payledger_it";
  private static final Config CONFIG = TestConfigs.service(
      "pekko.persistence.cassandra.journal.keyspace = " + KEYSPACE + "\n");

  @Test
  void aTamperedBatchEventIsReportedAndAnIntactBatchVerifies() throws Exception {
    String gateway = "stripe";
    String batch = Ids.unique("po");
    String batchKey = gateway + "/" + batch;
    try (Service service = Service.start(CONFIG, Clock.systemUTC())) {
      ApiClient api = new ApiClient(service.httpPort());
      api.awaitJournal();
      ApiClient auditor = api.withKey(ApiClient.AUDITOR_KEY);
      Instant start = Instant.now().minusSeconds(1);
      Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
      Finding finding = new Finding("UNKNOWN_SETTLEMENT:" + batchKey + ":line", FindingType.UNKNOWN_SETTLEMENT,
          gateway, batch, 3, Ids.unique("ch"), null, "card", null, new Money(1_000, "EUR"),
          "no ledger event", now, now.plus(Duration.ofHours(24)), now.plus(Duration.ofHours(48)));
      new SettlementBatchClient(ClusterSharding.get(service.system()), Duration.ofSeconds(10))
          .raise(List.of(finding)).toCompletableFuture().get(30, TimeUnit.SECONDS);
      Reply resolved = api.withKey("dev-finance-key").post("/v1/settlements/batches/" + batchKey + "/resolve",
          Map.of("findingId", finding.findingId(), "actor", "fiona", "reason", "booked to another marketplace"));
      assertEquals(200, resolved.status(), resolved.body());

      ObjectNode scope = ApiClient.JSON.createObjectNode().put("settlementBatch", batchKey);
      Reply intact = auditor.post("/v1/audit/verify", scope);
      assertEquals(200, intact.status(), intact.body());
      assertTrue(intact.json().path("ok").asBoolean(), intact.body());
      assertEquals(1, intact.json().path("entitiesChecked").asLong(), intact.body());
      assertEquals(2, intact.json().path("eventsChecked").asLong(), intact.body());
      assertTrue(intact.json().path("compared").toString().contains("live entity state"), intact.body());
      String url = "http://127.0.0.1:" + service.httpPort();
      assertEquals(0, AuditCli.run("verify", "--batch", batchKey, "--url", url, "--key", ApiClient.AUDITOR_KEY,
          "--quiet"), "the intact batch verifies with the CLI");

      CassandraSession cql = CassandraSessionRegistry.get(service.system())
          .sessionFor("pekko.persistence.cassandra");
      changeBytes(cql, "SettlementBatch|" + batchKey, 2, "another", "anuther");

      Reply tampered = auditor.post("/v1/audit/verify", scope);
      assertEquals(200, tampered.status(), tampered.body());
      assertFalse(tampered.json().path("ok").asBoolean(), tampered.body());
      assertEquals(Map.of(batchKey, 2L), broken(tampered.json(), batchKey), tampered.body());

      ObjectNode range = ApiClient.JSON.createObjectNode()
          .put("from", start.toString()).put("to", Instant.now().plusSeconds(60).toString());
      JsonNode inRange = auditor.post("/v1/audit/verify", range).json();
      assertEquals(Map.of(batchKey, 2L), broken(inRange, batchKey), inRange.toString());
      assertEquals(1, AuditCli.run("verify", "--batch", batchKey, "--url", url, "--key", ApiClient.AUDITOR_KEY,
          "--quiet"), "the CLI reports the tampered batch");

      assertEquals(400, auditor.post("/v1/audit/verify", ApiClient.JSON.createObjectNode()
          .put("settlementBatch", batchKey).put("orderId", "order-a")).status());
      assertEquals(400, auditor.post("/v1/audit/verify", ApiClient.JSON.createObjectNode()
          .put("settlementBatch", "no-batch-named")).status());
      assertEquals(404, auditor.post("/v1/audit/verify", ApiClient.JSON.createObjectNode()
          .put("settlementBatch", gateway + "/" + Ids.unique("none"))).status(), "nothing to verify");
    }
  }

  /** The broken chains of the report among this test's batch, by entity id. */
  private static Map<String, Long> broken(JsonNode report, String batchKey) {
    Map<String, Long> broken = new HashMap<>();
    report.path("brokenChains").forEach(b -> broken.put(b.path("entityId").asText(), b.path("firstBadSeqNr").asLong()));
    broken.keySet().removeIf(id -> !id.equals(batchKey)); // other tests may write in the range
    return broken;
  }

  /** Rewrites one stored event, same length, so it still deserializes: only the hash can tell. */
  private static void changeBytes(CassandraSession cql, String persistenceId, long seqNr,
      String from, String to) throws Exception {
    Row row = cql.selectOne("SELECT timestamp, event FROM " + KEYSPACE + ".messages WHERE "
            + "persistence_id = ? AND partition_nr = 0 AND sequence_nr = ?", persistenceId, seqNr)
        .toCompletableFuture().get(10, TimeUnit.SECONDS).orElseThrow();
    ByteBuffer buffer = row.getByteBuffer("event");
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    assertTrue(text.contains(from), "the stored event holds " + from);
    byte[] changed = text.replace(from, to).getBytes(StandardCharsets.ISO_8859_1);
    cql.executeWrite("UPDATE " + KEYSPACE + ".messages SET event = ? WHERE persistence_id = ? AND "
            + "partition_nr = 0 AND sequence_nr = ? AND timestamp = ?",
            ByteBuffer.wrap(changed), persistenceId, seqNr, row.getUuid("timestamp"))
        .toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
