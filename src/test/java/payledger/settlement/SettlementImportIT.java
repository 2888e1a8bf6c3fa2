package payledger.settlement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.junit.jupiter.api.parallel.ResourceLock;
import payledger.Service;
import payledger.money.Money;
import payledger.settlement.SettlementFiles.Faults;
import payledger.settlement.SettlementFiles.Settled;
import payledger.testing.GatewayFixtures;
import payledger.testing.ApiClient;
import payledger.testing.ApiClient.Reply;
import payledger.testing.LocalCassandraExtension;
import payledger.testing.SharedResources;
import payledger.testing.TestConfigs;
import payledger.testing.Ids;

/** Settlement files over HTTP into the real Cassandra node: all or nothing, and once. */
@ExtendWith(LocalCassandraExtension.class)
@ResourceLock(SharedResources.IT_KEYSPACE)
class SettlementImportIT {

  private static final Config SERVICE_CONFIG = TestConfigs.service(
      "pekko.persistence.cassandra.journal.keyspace = payledger_it\n" + GatewayFixtures.CONFIG);

  @Test
  void paymentsFromSignedWebhooksAreMatchedAndAReimportChangesNothing() throws Exception {
    String orderId = Ids.unique("it-stl");
    String psp = notACardNumber(8_816_000_000_000_000L + Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L));
    String unknown = notACardNumber(Long.parseLong(psp) * 10 + 9);
    String batch = "PayledgerMarketplaceECOM:" + (1 + Math.abs(UUID.randomUUID().getLeastSignificantBits() % 1_000_000L));
    try (Service service = Service.start(SERVICE_CONFIG, Clock.systemUTC())) {
      ApiClient api = new ApiClient(service.httpPort()).withKey("dev-finance-key");
      api.awaitJournal();
      String notification = GatewayFixtures.adyen(orderId,
          List.<String[]>of(new String[] {"CAPTURE", "true", psp, "3090"}), GatewayFixtures.ADYEN_KEY);
      Reply delivered = api.withKey(null).post("/v1/gateways/adyen/notifications", "application/json",
          notification.getBytes(StandardCharsets.UTF_8));
      assertEquals(200, delivered.status(), delivered.body());
      SettlementStore store = Settlements.of(service.system(), Clock.systemUTC(), java.time.Duration.ofSeconds(5)).store();
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
      assertEquals(202, imported.status(), imported.body());
      String id = imported.json().path("importId").asText();
      awaitDone(api, id);
      Reply run = api.get("/v1/settlements/imports/" + id + "/reconciliation");
      assertEquals(200, run.status(), run.body());
      assertEquals(2, run.json().path("summary").path("overall").path("lines").asInt());
      assertEquals(1, run.json().path("summary").path("overall").path("matched").asInt());
      assertEquals(1, run.json().path("summary").path("findings").path("UNKNOWN_SETTLEMENT").asInt(), run.body());
      assertTrue(run.json().path("summary").path("payouts").get(0).path("balanced").asBoolean(), run.body());
      assertEquals(90, run.json().path("summary").path("fees").path("adyen/card/EUR").asLong(), run.body());
      assertEquals(unknown, run.json().path("findings").get(0).path("paymentId").asText());

      String findingId = run.json().path("findings").get(0).path("findingId").asText();

      // The order's net revenue after fees, from its matched line.
      Reply revenue = api.withKey(ApiClient.SUPPORT_KEY).get("/v1/settlements/orders/" + orderId);
      assertEquals(200, revenue.status(), revenue.body());
      assertEquals(3_090, revenue.json().path("totals").path("EUR").path("gross").asLong(), revenue.body());
      assertEquals(90, revenue.json().path("totals").path("EUR").path("fees").asLong(), revenue.body());
      assertEquals(3_000, revenue.json().path("totals").path("EUR").path("net").asLong(), revenue.body());
      assertEquals(1, revenue.json().path("lines").size(), revenue.body());

      // The day's settlement KPIs count this run (other runs of the same day may add to them).
      String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
      Reply kpis = api.get("/v1/settlements/summary?from=" + today + "&to=" + today);
      assertEquals(200, kpis.status(), kpis.body());
      assertTrue(kpis.json().path("byGateway").path("adyen").path("lines").asLong() >= 2, kpis.body());
      assertTrue(kpis.json().path("paymentsSettled").path("matched").asLong() >= 1, kpis.body());
      assertTrue(kpis.json().path("fees").path("adyen/card/EUR").asLong() >= 90, kpis.body());

      // The finding is a discrepancy of its payout batch, with its 48 h deadline running.
      String batchPath = "/v1/settlements/batches/adyen/" + batch;
      Reply shown = api.get(batchPath);
      assertEquals(200, shown.status(), shown.body());
      assertEquals(1, shown.json().path("findings").size(), shown.body());
      JsonNode finding = shown.json().path("findings").get(0);
      assertEquals(findingId, finding.path("findingId").asText());
      assertEquals("OPEN", finding.path("status").asText());
      long left = finding.path("timeLeftSeconds").asLong();
      assertTrue(left > 47 * 3600 && left <= 48 * 3600, shown.body());
      Reply resolved = api.post(batchPath + "/resolve", Map.of("findingId", findingId, "actor", "fiona",
          "reason", "a payment of another marketplace, booked to it"));
      assertEquals(200, resolved.status(), resolved.body());

      Reply again = api.post("/v1/settlements/files", "text/csv", file.getBytes(StandardCharsets.UTF_8));
      assertEquals(200, again.status(), again.body());
      assertEquals("DONE", again.json().path("state").asText(), again.body());
      assertEquals(run.json(), api.get("/v1/settlements/imports/" + id + "/reconciliation").json(),
          "a re-import changes nothing");
      assertEquals(resolved.json(), api.get(batchPath).json(), "nor the batch");
      assertEquals(revenue.json(), api.withKey(ApiClient.SUPPORT_KEY).get("/v1/settlements/orders/" + orderId).json(),
          "nor the order's revenue");
    }
  }

  @Test
  void aFileIsImportedOnceAndAMalformedOneNotAtAll() throws Exception {
    String batch = Ids.unique("po_");
    byte[] file = SettlementFiles.text("stripe", SettlementImportTest.lines(batch, 300, 1_000), Faults.NONE)
        .getBytes(StandardCharsets.UTF_8);
    try (Service service = Service.start(SERVICE_CONFIG, Clock.systemUTC())) {
      ApiClient api = new ApiClient(service.httpPort()).withKey("dev-finance-key");
      api.awaitJournal();

      java.net.http.HttpResponse<String> first = java.net.http.HttpClient.newHttpClient().send(
          java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                  "http://127.0.0.1:" + service.httpPort() + "/v1/settlements/files?fileName=payouts.csv"))
              .header("Authorization", "Bearer dev-finance-key").header("Content-Type", "text/csv")
              .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(file)).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      assertEquals(202, first.statusCode(), first.body());
      JsonNode accepted = new com.fasterxml.jackson.databind.ObjectMapper().readTree(first.body());
      String id = accepted.path("importId").asText();
      assertEquals(ImportRecord.idOf(sha256(file)), id);
      assertEquals("/v1/settlements/imports/" + id, first.headers().firstValue("Location").orElse(null));
      assertEquals(301, accepted.path("lines").asLong());
      assertEquals("stripe", accepted.path("layout").asText());

      JsonNode done = awaitDone(api.withKey(ApiClient.AUDITOR_KEY), id);
      assertEquals("COMPLETE", done.path("status").asText());
      assertEquals(301, done.path("staged").asLong());
      assertEquals(301, done.path("reconciled").asLong());
      assertEquals(301, done.path("summary").path("lines").asLong(), done.toString());

      Reply again = api.post("/v1/settlements/files", "text/csv", file);
      assertEquals(200, again.status(), again.body());
      assertTrue(again.json().path("replayed").asBoolean());
      assertEquals("DONE", again.json().path("state").asText());
      assertEquals(id, again.json().path("importId").asText());
      assertEquals(done.path("completedAt"), again.json().path("completedAt"));

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

  /**
   * A node stopped while it stages a 60,000-line file (adjustments the ledger has nothing to
   * match, so the run raises no findings; staging slowed to one write at a time, so
   * the stop falls inside it) leaves all of the import or none of it: the upload was answered
   * (202) once the file was spooled, and after a restart the node takes the spooled import up
   * again and finishes it whole — its lines staged once, its run counting every line once; the
   * same file uploaded again is then the same import, done (200).
   */
  @Test
  void aRestartInTheMiddleOfAnImportLeavesAllOrNoneOfIt() throws Exception {
    String batch = Ids.unique("po_");
    byte[] file = SettlementFiles.text("stripe", SettlementImportTest.lines(batch, 60_000, 1_000,
        SettlementKind.OTHER), Faults.NONE)
        .getBytes(StandardCharsets.UTF_8);
    String id = ImportRecord.idOf(sha256(file));
    Config slow = com.typesafe.config.ConfigFactory.parseString(
        "payledger.settlements.writes-in-flight = 1").withFallback(SERVICE_CONFIG);
    long stagedAtStop;
    Service first = Service.start(slow, Clock.systemUTC());
    try {
      ApiClient api = new ApiClient(first.httpPort()).withKey("dev-finance-key");
      api.awaitJournal();
      Reply accepted = api.post("/v1/settlements/files", "text/csv", file);
      assertEquals(202, accepted.status(), accepted.body());
      assertEquals(id, accepted.json().path("importId").asText());
      long deadline = System.currentTimeMillis() + 120_000;
      JsonNode staging = null;
      while (staging == null) {
        assertTrue(System.currentTimeMillis() < deadline, "the import began staging");
        Reply shown = api.get("/v1/settlements/imports/" + id);
        if (shown.status() == 200 && shown.json().path("staged").asLong() > 0) {
          staging = shown.json();
        } else {
          Thread.sleep(50);
        }
      }
      assertEquals("RECEIVED", staging.path("state").asText(), "stopped in the middle: " + staging);
      stagedAtStop = staging.path("staged").asLong();
      assertTrue(stagedAtStop < staging.path("lines").asLong(), staging.toString());
    } finally {
      first.close();
    }

    Config resuming = com.typesafe.config.ConfigFactory.parseString(
        "payledger.settlements.resume-every = 1s").withFallback(SERVICE_CONFIG);
    try (Service second = Service.start(resuming, Clock.systemUTC())) {
      ApiClient api = new ApiClient(second.httpPort()).withKey("dev-finance-key");
      api.awaitJournal();
      Reply after = api.get("/v1/settlements/imports/" + id);
      assertEquals(200, after.status(), after.body());
      if (!after.json().path("status").asText().equals("COMPLETE")) {
        assertEquals(404, api.get("/v1/settlements/imports/" + id + "/reconciliation").status(),
            "an incomplete import is never reconciled");
      }
      System.out.printf("restart during staging (%,d of 60,001 lines staged when the stop began): %s%n",
          stagedAtStop, after.json().path("state").asText());

      JsonNode done = awaitDone(api, id);
      assertEquals("COMPLETE", done.path("status").asText());
      assertEquals(60_001, done.path("staged").asLong(), "a complete import has every line");
      Reply run = api.get("/v1/settlements/imports/" + id + "/reconciliation");
      assertEquals(200, run.status(), run.body());
      assertEquals(60_001, run.json().path("summary").path("lines").asLong(), "the run read every line once");

      Reply again = api.post("/v1/settlements/files", "text/csv", file);
      assertEquals(200, again.status(), again.body());
      assertEquals(id, again.json().path("importId").asText());
      assertEquals("DONE", again.json().path("state").asText());
    }
  }

  /**
   * Polls an accepted import until it is done (every line staged and its run's figures written)
   * or failed, and answers it: a failure fails the test.
   */
  static JsonNode awaitDone(ApiClient api, String id) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 240_000;
    while (true) {
      Reply shown = api.get("/v1/settlements/imports/" + id);
      assertEquals(200, shown.status(), shown.body());
      String state = shown.json().path("state").asText();
      if (state.equals("DONE") || state.equals("FAILED")) {
        assertEquals("DONE", state, shown.body());
        return shown.json();
      }
      assertTrue(System.currentTimeMillis() < deadline, "the import was done in time: " + shown.body());
      Thread.sleep(200);
    }
  }

  /**
   * The number as an id, moved on by one if it spells a Luhn-valid card number (the API refuses
   * those): of two consecutive numbers at most one passes.
   */
  static String notACardNumber(long n) {
    String digits = String.valueOf(n);
    int sum = 0;
    for (int i = 0; i < digits.length(); i++) {
      int d = digits.charAt(digits.length() - 1 - i) - '0';
      sum += i % 2 == 1 ? (d * 2 > 9 ? d * 2 - 9 : d * 2) : d;
    }
    return sum % 10 == 0 ? String.valueOf(n + 1) : digits;
  }

  static String sha256(byte[] bytes) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
