package payledger.audit;

import static org.junit.jupiter.api.Assertions.*;
import static payledger.testing.Requests.DUE;
import static payledger.testing.Requests.order;
import static payledger.testing.Requests.payment;

import com.datastax.oss.driver.api.core.cql.Row;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.Config;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSession;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSessionRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;
import payledger.Service;
import payledger.chain.Canonical;
import payledger.chain.HashChain;
import payledger.testing.ApiClient;
import payledger.testing.ApiClient.Reply;
import payledger.testing.LocalCassandraExtension;
import payledger.testing.SharedResources;
import payledger.testing.TestConfigs;
import payledger.testing.Ids;

/**
 * Events written over HTTP into the real Cassandra journal; then one event's bytes are changed and
 * another row deleted with CQL, as someone with database access could. Verification must name
 * exactly those two entities at the right sequence numbers, and find the rest clean.
 */
@ExtendWith(LocalCassandraExtension.class)
@ResourceLock(SharedResources.IT_KEYSPACE)
class AuditIT {

  private static final String KEYSPACE = "payledger_it";
  // The notification worker is held back (first poll after an hour): its delivery reports would
  // append events to the paid orders at any moment and make the journal counts below a race.
  private static final Config CONFIG = TestConfigs.service("""
      pekko.persistence.cassandra.journal.keyspace = %s
      payledger.notify.delivery.poll-interval = 1h
      """.formatted(KEYSPACE));

  private final String run = Ids.unique("audit-it");

  @Test
  void verificationFindsTheChangedAndTheDeletedEventAndNothingElse() throws Exception {
    try (Service service = Service.start(CONFIG, Clock.systemUTC())) {
      ApiClient api = new ApiClient(service.httpPort());
      api.awaitJournal();
      ApiClient auditor = api.withKey(ApiClient.AUDITOR_KEY);
      Instant start = Instant.now().minusSeconds(1);
      String changed = run + "-changed", deleted = run + "-deleted", clean = run + "-clean";
      for (String id : new String[] {changed, deleted, clean}) {
        payInTwo(api, id); // registered, paid, opened, paid, auto-matched (+ the receipt)
      }
      Reply opened = api.post("/v1/disputes", ApiClient.JSON.createObjectNode()
          .put("orderId", clean).put("customerId", "cust-42").put("category", "DOUBLE_CHARGE")
          .put("description", "charged twice").put("actor", "agent-7"));
      assertEquals(201, opened.status(), opened.body());
      String disputeId = opened.json().path("id").asText();
      // After the 201 the order notes the case, then the case journals OrderNoted: await the last.
      auditor.await("/v1/audit/disputes/" + disputeId + "/journal",
          j -> j.path("events").toString().contains("OrderNoted"));

      Reply before = auditor.post("/v1/audit/verify", ApiClient.JSON.createObjectNode().put("orderId", changed));
      assertTrue(before.json().path("ok").asBoolean(), before.body());
      assertTrue(before.json().path("compared").toString().contains("live entity state"));

      CassandraSession cql = CassandraSessionRegistry.get(service.system())
          .sessionFor("pekko.persistence.cassandra");
      changeBytes(cql, "OrderLedger|" + changed, 3, "testpay", "testpey");
      cql.executeWrite("DELETE FROM " + KEYSPACE + ".messages WHERE persistence_id = ? AND "
              + "partition_nr = 0 AND sequence_nr = ?", "OrderLedger|" + deleted, 2L)
          .toCompletableFuture().get(10, TimeUnit.SECONDS);

      ObjectNode range = ApiClient.JSON.createObjectNode()
          .put("from", start.toString()).put("to", Instant.now().plusSeconds(60).toString());
      Reply verified = auditor.post("/v1/audit/verify", range);
      assertEquals(200, verified.status(), verified.body());
      JsonNode report = verified.json();
      Map<String, Long> broken = new HashMap<>();
      report.path("brokenChains").forEach(b -> broken.put(b.path("entityId").asText(), b.path("firstBadSeqNr").asLong()));
      broken.keySet().removeIf(id -> !id.startsWith(run)); // other tests may write in the range
      assertEquals(Map.of(changed, 3L, deleted, 2L), broken, report.toString());
      assertFalse(report.path("ok").asBoolean());
      assertTrue(report.path("entitiesChecked").asLong() >= 4, report.toString());
      assertTrue(report.path("readModelMismatches").toString().indexOf(run) < 0, report.toString());

      // The whole journal: the keyspace is shared with other tests (and other builds, whose event
      // types this one may not know), so only this run's entities are asserted.
      JsonNode all = auditor.post("/v1/audit/verify", ApiClient.JSON.createObjectNode()).json();
      Map<String, Long> brokenAll = new HashMap<>();
      all.path("brokenChains").forEach(b -> brokenAll.put(b.path("entityId").asText(), b.path("firstBadSeqNr").asLong()));
      brokenAll.keySet().removeIf(id -> !id.startsWith(run));
      assertEquals(Map.of(changed, 3L, deleted, 2L), brokenAll);

      JsonNode one = auditor.post("/v1/audit/verify",
          ApiClient.JSON.createObjectNode().put("disputeId", disputeId)).json();
      assertTrue(one.path("ok").asBoolean(), one.toString());
      assertEquals(0, one.path("stateMismatches").size());

      Reply journal = auditor.get("/v1/audit/orders/" + changed + "/journal");
      assertEquals(200, journal.status(), journal.body());
      JsonNode chain = journal.json().path("chain");
      assertFalse(chain.path("intact").asBoolean());
      assertEquals(3, chain.path("firstBadSeqNr").asInt());
      long[] sizes = new long[4];
      String[] journals = {"orders/" + changed, "orders/" + deleted, "orders/" + clean, "disputes/" + disputeId};
      for (int i = 0; i < journals.length; i++) {
        sizes[i] = auditor.get("/v1/audit/" + journals[i] + "/journal").json().path("events").size();
      }
      assertEquals(sizes[0] - 1, sizes[1], "the deleted order lost one event");
      assertTrue(sizes[2] >= 6, "five of the ledger's own and the dispute noted");
      assertChainRecomputes(auditor.get("/v1/audit/orders/" + clean + "/journal").json(), (int) sizes[2]);

      Reply export = auditor.get("/v1/audit/journal?from=" + start + "&to=" + Instant.now().plusSeconds(60));
      assertEquals(200, export.status());
      assertTrue(export.contentType().startsWith("application/x-ndjson"), export.contentType());
      long ours = export.body().lines().map(AuditIT::json).map(l -> l.path("entityId").asText())
          .filter(id -> id.startsWith(run) || id.equals(disputeId)).count();
      assertEquals(sizes[0] + sizes[1] + sizes[2] + sizes[3], ours,
          "every stored event of this run's orders and dispute, once");
      assertEquals(404, auditor.get("/v1/audit/orders/" + run + "-none/journal").status());
      assertNothingToVerify(auditor, ApiClient.JSON.createObjectNode().put("orderId", run + "-none"));
      assertNothingToVerify(auditor, ApiClient.JSON.createObjectNode().put("disputeId", run + "-none"));
      assertNothingToVerify(auditor, ApiClient.JSON.createObjectNode()
          .put("from", "2001-01-01T00:00:00Z").put("to", "2001-01-02T00:00:00Z"));
      String url = "http://127.0.0.1:" + service.httpPort();
      assertEquals(3, payledger.audit.cli.AuditCli.run("verify", "--order", run + "-none",
          "--url", url, "--key", ApiClient.AUDITOR_KEY, "--quiet"), "nothing to verify over HTTP");
      assertEquals(3, payledger.audit.cli.AuditCli.run("verify", "--order", run + "-none",
          "--cassandra", "127.0.0.1:" + LocalCassandraExtension.port(), "--keyspace", KEYSPACE,
          "--quiet"),
          "nothing to verify in Cassandra");
      assertEquals(400, auditor.post("/v1/audit/verify", ApiClient.JSON.createObjectNode()
          .put("orderId", changed).put("disputeId", disputeId)).status());
      assertEquals(400, auditor.get("/v1/audit/journal?from=yesterday").status());
      assertEquals(403, api.withKey(ApiClient.SUPPORT_KEY).get("/v1/audit/journal").status());
    }
  }

  /**
   * The read models agree with the journal once the projections have caught up; then a row
   * changed with CQL, and the journal's last event deleted (a shorter chain that still verifies),
   * are each named: table, field, the value the journal gives and the value found.
   */
  @Test
  void verificationComparesTheReadModelsAndNamesEveryDifference() throws Exception {
    try (Service service = Service.start(CONFIG, Clock.systemUTC())) {
      ApiClient api = new ApiClient(service.httpPort());
      api.awaitJournal();
      ApiClient auditor = api.withKey(ApiClient.AUDITOR_KEY);
      String orderId = run + "-rm", tail = run + "-tail";
      payInTwo(api, orderId);
      payInTwo(api, tail);
      Reply opened = api.post("/v1/disputes", ApiClient.JSON.createObjectNode()
          .put("orderId", orderId).put("customerId", "cust-42").put("category", "DOUBLE_CHARGE")
          .put("description", "charged twice").put("actor", "agent-7"));
      assertEquals(201, opened.status(), opened.body());
      String disputeId = opened.json().path("id").asText();
      // After the 201 the order notes the case, then the case journals OrderNoted: await the last.
      auditor.await("/v1/audit/disputes/" + disputeId + "/journal",
          j -> j.path("events").toString().contains("OrderNoted"));
      ObjectNode order = ApiClient.JSON.createObjectNode().put("orderId", orderId);
      ObjectNode dispute = ApiClient.JSON.createObjectNode().put("disputeId", disputeId);
      ObjectNode tailOrder = ApiClient.JSON.createObjectNode().put("orderId", tail);

      for (ObjectNode scope : List.of(order, dispute, tailOrder)) {
        JsonNode clean = awaitReadModelsCaughtUp(auditor, scope);
        assertTrue(clean.path("ok").asBoolean(), clean.toString());
        assertEquals(0, clean.path("readModelMismatches").size(), clean.toString());
        assertTrue(clean.path("compared").toString().contains("read models"), clean.toString());
      }

      CassandraSession cql = CassandraSessionRegistry.get(service.system())
          .sessionFor("pekko.persistence.cassandra");
      cql.executeWrite("UPDATE " + KEYSPACE + ".rm_disputes_by_order SET state = 'CLOSED'"
              + " WHERE order_id = ? AND dispute_id = ?", orderId, disputeId)
          .toCompletableFuture().get(10, TimeUnit.SECONDS);
      cql.executeWrite("UPDATE " + KEYSPACE + ".rm_order_view SET gateway = 'forged'"
              + " WHERE order_id = ?", orderId)
          .toCompletableFuture().get(10, TimeUnit.SECONDS);
      long last = auditor.get("/v1/audit/orders/" + tail + "/journal").json().path("events").size();
      cql.executeWrite("DELETE FROM " + KEYSPACE + ".messages WHERE persistence_id = ? AND "
              + "partition_nr = 0 AND sequence_nr = ?", "OrderLedger|" + tail, last)
          .toCompletableFuture().get(10, TimeUnit.SECONDS);

      JsonNode caseReport = auditor.post("/v1/audit/verify", dispute).json();
      assertFalse(caseReport.path("ok").asBoolean(), caseReport.toString());
      assertEquals(List.of("Dispute " + disputeId + " rm_disputes_by_order state: OPEN -> CLOSED"),
          mismatches(caseReport), caseReport.toString());
      JsonNode orderReport = auditor.post("/v1/audit/verify", order).json();
      assertEquals(List.of("OrderLedger " + orderId + " rm_order_view gateway: testpay -> forged"),
          mismatches(orderReport), orderReport.toString());
      JsonNode tailReport = auditor.post("/v1/audit/verify", tailOrder).json();
      assertEquals(0, tailReport.path("brokenChainCount").asLong(), "a shorter chain verifies");
      JsonNode seen = tailReport.path("readModelMismatches").get(0);
      assertEquals("rm_order_view", seen.path("table").asText(), tailReport.toString());
      assertEquals("seqNr", seen.path("field").asText());
      assertTrue(seen.path("found").asText().startsWith(last + " "), seen.toString());
      assertFalse(tailReport.path("ok").asBoolean());
    }
  }

  /** The report of one entity once no read-model comparison is left out for projection lag. */
  private static JsonNode awaitReadModelsCaughtUp(ApiClient auditor, ObjectNode scope)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    JsonNode report = null;
    while (System.nanoTime() < deadline) {
      report = auditor.post("/v1/audit/verify", scope).json();
      if (!report.path("behind").toString().contains("\"read models\"")) {
        return report;
      }
      Thread.sleep(300);
    }
    throw new AssertionError("read models not caught up within 60 s: " + report);
  }

  private static List<String> mismatches(JsonNode report) {
    List<String> found = new java.util.ArrayList<>();
    report.path("readModelMismatches").forEach(m -> found.add(m.path("entityType").asText() + " "
        + m.path("entityId").asText() + " " + m.path("table").asText() + " "
        + m.path("field").asText() + ": " + m.path("expected").asText() + " -> "
        + m.path("found").asText()));
    return found;
  }

  /** 404 problem+json in both forms, JSON and NDJSON. */
  private static void assertNothingToVerify(ApiClient auditor, ObjectNode scope) {
    Reply json = auditor.post("/v1/audit/verify", scope);
    assertEquals(404, json.status(), json.body());
    assertTrue(json.isProblem(), json.contentType());
    Reply ndjson = auditor.post("/v1/audit/verify", "application/json",
        scope.toString().getBytes(StandardCharsets.UTF_8), "Accept", "application/x-ndjson");
    assertEquals(404, ndjson.status(), ndjson.body());
    assertTrue(ndjson.isProblem(), ndjson.contentType());
    assertTrue(ndjson.json().path("detail").asText().startsWith("the journal holds no events"),
        ndjson.body());
  }

  private static JsonNode json(String line) {
    try {
      return ApiClient.JSON.readTree(line);
    } catch (java.io.IOException e) {
      throw new AssertionError("not a JSON line: " + line, e);
    }
  }

  /** An auditor's own check: canonical form of {"event": payload, "type": type}, chained. */
  private static void assertChainRecomputes(JsonNode journal, int events) {
    assertEquals(events, journal.path("events").size(), "events in the journal");
    String prev = HashChain.GENESIS;
    for (JsonNode e : journal.path("events")) {
      ObjectNode doc = ApiClient.JSON.createObjectNode();
      doc.set("event", e.path("payload"));
      doc.put("type", e.path("type").asText());
      assertEquals(prev, e.path("prevHash").asText());
      assertEquals(HashChain.next(prev, Canonical.bytes(doc)), e.path("hash").asText());
      prev = e.path("hash").asText();
    }
  }

  private static void payInTwo(ApiClient api, String orderId) {
    assertEquals(201, api.post("/v1/orders", order(orderId)).status());
    assertEquals(201, api.post("/v1/payment-events", payment("evt-" + orderId + "-1", orderId, "SUCCEEDED", 1000)).status());
    assertEquals(201, api.post("/v1/payment-events", payment("evt-" + orderId + "-2", orderId, "SUCCEEDED", DUE - 1000)).status());
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
