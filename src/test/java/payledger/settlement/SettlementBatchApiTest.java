package payledger.settlement;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.junit.jupiter.api.Test;
import payledger.money.Money;
import payledger.testing.ApiClient;
import payledger.testing.ApiClient.Reply;
import payledger.testing.Ids;
import payledger.testing.InMemoryService;
import payledger.time.ServiceClock;

/**
 * The payout batch routes over real HTTP on the in-memory journal: a batch's findings with their
 * time left and SLA moments, a finance user's resolution with who and why, and the refusals (an
 * unknown batch or finding, a missing reason, a role that may only read).
 */
class SettlementBatchApiTest {

  static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  static final String FINANCE = "dev-finance-key";

  @Test
  void aFinanceUserSeesTimeLeftAndResolvesAFindingWithAReason() throws Exception {
    ServiceClock clock = ServiceClock.frozenAt(T0);
    try (InMemoryService service = new InMemoryService(clock)) {
      ApiClient finance = service.api().withKey(FINANCE);
      // A raise from a run (a reconciliation run needs the read side: SettlementImportIT).
      String batchId = "PayledgerShop:" + Ids.unique("batch");
      Finding fee = new Finding("FEE_ANOMALY:adyen/" + batchId + ":feeline", FindingType.FEE_ANOMALY, "adyen",
          batchId, 12, "pspfeeline", "order-fee", "visa", new Money(55, "EUR"), new Money(400, "EUR"),
          "fee 4.00 above 0.55", T0, T0.plus(Duration.ofHours(24)), T0.plus(Duration.ofHours(48)));
      new SettlementBatchClient(ClusterSharding.get(service.system()), Duration.ofSeconds(5))
          .raise(List.of(fee)).toCompletableFuture().get(10, TimeUnit.SECONDS);
      String path = "/v1/settlements/batches/adyen/" + batchId;

      clock.advance(Duration.ofHours(37));
      Reply shown = finance.withKey(ApiClient.SUPPORT_KEY).get(path);
      assertEquals(200, shown.status(), shown.body());
      var f = shown.json().path("findings").get(0);
      assertEquals("OPEN", f.path("status").asText());
      assertEquals(11 * 3600, f.path("timeLeftSeconds").asLong());
      assertFalse(f.path("overdue").asBoolean());
      assertEquals(1, shown.json().path("open").asInt());

      assertEquals(403, finance.withKey(ApiClient.SUPPORT_KEY).post(path + "/resolve",
          Map.of("findingId", fee.findingId(), "actor", "sam", "reason", "ok")).status());
      Reply noReason = finance.post(path + "/resolve", Map.of("findingId", fee.findingId(), "actor", "fiona"));
      assertEquals(400, noReason.status(), noReason.body());
      assertEquals(404, finance.post(path + "/resolve",
          Map.of("findingId", "FEE_ANOMALY:nothing", "actor", "fiona", "reason", "x")).status());

      Reply resolved = finance.post(path + "/resolve",
          Map.of("findingId", fee.findingId(), "actor", "fiona", "reason", "Adyen's new interchange fees"));
      assertEquals(200, resolved.status(), resolved.body());
      var r = resolved.json().path("findings").get(0);
      assertEquals("RESOLVED", r.path("status").asText());
      assertEquals("fiona", r.path("resolvedBy").asText());
      assertEquals("Adyen's new interchange fees", r.path("reason").asText());
      List<String> passed = new java.util.ArrayList<>();
      r.path("slaPassed").forEach(p -> passed.add(p.asText()));
      assertEquals(List.of("NOTICE_WARNING", "NOTICE_OVERDUE", "RESOLUTION_WARNING"), passed,
          "the notice's moments and the resolution's warning at 36 h had passed when it was resolved");
      assertEquals(0, r.path("timeLeftSeconds").asLong());

      assertEquals(404, finance.get("/v1/settlements/batches/adyen/" + Ids.unique("none")).status());
    }
  }
}
