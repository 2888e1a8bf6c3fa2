package payledger.vendor;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import payledger.testing.ApiClient;
import payledger.testing.ApiClient.Reply;
import payledger.testing.InMemoryService;

/**
 * The vendor routes over real HTTP (in-memory journal): registration and configuration by admins,
 * effective-dated terms, reads for support and auditors, and bad input answered 4xx.
 */
class VendorApiTest {

  private static InMemoryService service;
  private static ApiClient admin;
  private static ApiClient support;

  @BeforeAll
  static void start() {
    service = new InMemoryService(Clock.systemUTC());
    admin = service.api();
    support = admin.withKey(ApiClient.SUPPORT_KEY);
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  private static ObjectNode vendor(String id) {
    ObjectNode v = ApiClient.JSON.createObjectNode().put("vendorId", id).put("name", "Acme Ltd");
    v.putObject("commission").put("basisPoints", 1200);
    return v;
  }

  @Test
  void anAdminRegistersAVendorOnceAndSupportReadsIt() {
    Reply created = admin.post("/v1/vendors", vendor("api-acme"));
    assertEquals(201, created.status(), created.body());
    assertEquals(1200, created.json().path("commissionTerms").path(0).path("basisPoints").asInt());
    assertEquals("WEEKLY", created.json().path("payoutSchedule").path("frequency").asText());
    assertEquals(200, admin.post("/v1/vendors", vendor("api-acme")).status());
    assertEquals(409, admin.post("/v1/vendors", vendor("api-acme").put("name", "Other")).status());
    Reply read = support.get("/v1/vendors/api-acme");
    assertEquals(200, read.status());
    assertTrue(read.json().path("registered").asBoolean());
    assertEquals(0, read.json().path("balances").size());
    assertEquals(403, support.post("/v1/vendors", vendor("api-x")).status());
    assertEquals(403, admin.withKey(ApiClient.GATEWAY_KEY).get("/v1/vendors/api-acme").status());
    assertEquals(404, support.get("/v1/vendors/api-none").status());
  }

  @Test
  void termsStartFromTheirDateOnAndNeverInThePast() {
    admin.post("/v1/vendors", vendor("api-terms"));
    Reply past = admin.post("/v1/vendors/api-terms/commission-terms", ApiClient.JSON.createObjectNode()
        .put("basisPoints", 900).put("effectiveFrom", "2020-01-01T00:00:00Z"));
    assertEquals(409, past.status(), past.body());
    ObjectNode next = ApiClient.JSON.createObjectNode().put("basisPoints", 900)
        .put("effectiveFrom", Instant.now().plusSeconds(86_400).toString());
    next.putObject("fixedPerLine").put("value", 30).put("currency", "EUR");
    Reply added = admin.post("/v1/vendors/api-terms/commission-terms", next);
    assertEquals(201, added.status(), added.body());
    assertEquals(2, added.json().path("commissionTerms").size());
    assertEquals(30, added.json().path("commissionTerms").path(1).path("fixedPerLine").path("value").asLong());
    assertEquals(200, admin.post("/v1/vendors/api-terms/commission-terms", next).status());
    assertEquals(404, admin.post("/v1/vendors/api-none/commission-terms", next).status());
  }

  @Test
  void aPayoutScheduleIsSetOnceAndBadInputIsRefusedWith4xx() {
    admin.post("/v1/vendors", vendor("api-sched"));
    ObjectNode daily = ApiClient.JSON.createObjectNode().put("frequency", "DAILY").put("delayDays", 3);
    assertEquals(201, admin.post("/v1/vendors/api-sched/payout-schedule", daily).status());
    assertEquals(200, admin.post("/v1/vendors/api-sched/payout-schedule", daily).status());
    assertEquals(400, admin.post("/v1/vendors/api-sched/payout-schedule", daily.deepCopy().put("weekday", "MONDAY")).status());
    assertEquals(400, admin.post("/v1/vendors/api-sched/payout-schedule", daily.deepCopy().put("delayDays", 91)).status());
    assertEquals(400, admin.post("/v1/vendors", vendor("api-bad").put("vendorId", "bad id!")).status());
    ObjectNode tooMuch = vendor("api-bad");
    tooMuch.putObject("commission").put("basisPoints", 10_001);
    assertEquals(400, admin.post("/v1/vendors", tooMuch).status());
    ObjectNode noName = vendor("api-bad");
    noName.remove("name");
    assertEquals(400, admin.post("/v1/vendors", noName).status());
    assertEquals(400, admin.post("/v1/vendors", "{not json").status());
    int missing = support.get("/v1/vendors/api-sched/statement").status();
    assertEquals(400, missing);
    int reversed = support.get("/v1/vendors/api-sched/statement?from=2026-12-02&to=2026-12-01").status();
    assertEquals(400, reversed);
    Reply empty = support.get("/v1/vendors/api-sched/statement?from=2026-12-01&to=2026-12-31&currency=EUR");
    assertEquals(200, empty.status(), empty.body());
    assertEquals(0, empty.json().path("closing").path("value").asLong());
  }
}
