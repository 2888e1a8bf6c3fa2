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
  void aVendorHasALocaleEnglishByDefaultGermanOrPolish() {
    Reply english = admin.post("/v1/vendors", vendor("api-en"));
    assertEquals("en", english.json().path("locale").asText(), english.body());
    Reply polish = admin.post("/v1/vendors", vendor("api-pl").put("locale", "pl"));
    assertEquals(201, polish.status(), polish.body());
    assertEquals("pl", support.get("/v1/vendors/api-pl").json().path("locale").asText());
    assertEquals(409, admin.post("/v1/vendors", vendor("api-pl").put("locale", "de")).status(),
        "other details for a registered vendor");
    Reply french = admin.post("/v1/vendors", vendor("api-fr").put("locale", "fr"));
    assertEquals(400, french.status(), french.body());
    assertTrue(french.body().contains("locale"), french.body());
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

  /** The profile is replaced whole over the API, its money terms untouched; a repeat is 200. */
  @Test
  void aVendorsProfileIsChangedAfterRegistrationAndBadInputIsRefused() {
    ObjectNode registered = vendor("api-prof").put("email", "pay@acme.example");
    assertEquals(201, admin.post("/v1/vendors", registered).status());
    ObjectNode profile = ApiClient.JSON.createObjectNode().put("name", "Acme GmbH")
        .put("email", "finance@acme.example").put("locale", "de");
    profile.putArray("notificationChannels").add("email");
    Reply changed = admin.post("/v1/vendors/api-prof/profile", profile);
    assertEquals(201, changed.status(), changed.body());
    assertEquals("Acme GmbH", changed.json().path("name").asText());
    assertEquals("finance@acme.example", changed.json().path("email").asText());
    assertEquals("de", changed.json().path("locale").asText());
    assertEquals(1200, changed.json().path("commissionTerms").path(0).path("basisPoints").asInt(),
        "the terms are untouched");
    assertEquals(200, admin.post("/v1/vendors/api-prof/profile", profile).status(), "a repeat");
    Reply read = support.get("/v1/vendors/api-prof");
    assertEquals("finance@acme.example", read.json().path("email").asText(), read.body());
    assertEquals(400, admin.post("/v1/vendors/api-prof/profile", profile.deepCopy().put("locale", "fr")).status());
    assertEquals(400, admin.post("/v1/vendors/api-prof/profile", profile.deepCopy().put("email", "not mail")).status());
    ObjectNode noName = profile.deepCopy();
    noName.remove("name");
    assertEquals(400, admin.post("/v1/vendors/api-prof/profile", noName).status());
    assertEquals(404, admin.post("/v1/vendors/api-nobody/profile", profile).status());
    assertEquals(403, support.post("/v1/vendors/api-prof/profile", profile).status(), "admin only");
  }

  private static Reply openCase(String vendorId, ObjectNode body, String key) {
    byte[] bytes = body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return key == null ? support.post("/v1/vendors/" + vendorId + "/cases", "application/json", bytes)
        : support.post("/v1/vendors/" + vendorId + "/cases", "application/json", bytes,
            "Idempotency-Key", key);
  }

  private static ObjectNode vendorCase(String category) {
    return ApiClient.JSON.createObjectNode().put("category", category)
        .put("description", "the payout for Monday never arrived").put("actor", "vendor-contact");
  }

  @Test
  void aCaseOpenedForAVendorReferencesTheVendorAndRunsTheLifecycleOfEveryCase() {
    assertEquals(201, admin.post("/v1/vendors", vendor("api-case")).status());
    Reply opened = openCase("api-case", vendorCase("PAYOUT_MISSING"), "vendor-case-1");
    assertEquals(201, opened.status(), opened.body());
    var c = opened.json();
    assertEquals("VENDOR", c.path("source").asText());
    assertEquals("PAYOUT_MISSING", c.path("category").asText());
    assertEquals("HIGH", c.path("priority").asText());
    assertEquals("PAYMENT_ISSUE", c.path("kind").asText());
    assertEquals("api-case", c.path("vendor").path("vendorId").asText());
    assertTrue(c.path("customerId").isNull() || c.path("customerId").isMissingNode(), c.toString());
    assertEquals(48 * 3600, java.time.Duration.between(Instant.parse(c.path("openedAt").asText()),
        Instant.parse(c.path("deadlines").path("resolveBy").asText())).toSeconds(), "the 48 h SLA");
    assertTrue(c.path("timeline").toString().contains("about vendor api-case"), c.toString());

    assertEquals(200, openCase("api-case", vendorCase("PAYOUT_MISSING"), "vendor-case-1").status(),
        "the same key and body again is a repeat");
    assertEquals(409, openCase("api-case", vendorCase("PAYOUT_INCORRECT"), "vendor-case-1").status());
    String id = c.path("id").asText();
    Reply acknowledged = support.post("/v1/disputes/" + id + "/acknowledge",
        ApiClient.JSON.createObjectNode().put("actor", "agent-7"));
    assertEquals(201, acknowledged.status(), acknowledged.body());
    assertEquals("ACKNOWLEDGED", acknowledged.json().path("state").asText());
    assertEquals("api-case", support.get("/v1/disputes/" + id).json().path("vendor").path("vendorId").asText());
  }

  @Test
  void aVendorCaseIsRefusedForAnUnknownVendorAnotherCategoryOrAnotherVendorsDiscrepancy() {
    assertEquals(404, openCase("api-nobody", vendorCase("PAYOUT_MISSING"), null).status());
    assertEquals(201, admin.post("/v1/vendors", vendor("api-case2")).status());
    Reply other = openCase("api-case2", vendorCase("DOUBLE_CHARGE"), null);
    assertEquals(400, other.status(), other.body());
    assertTrue(other.body().contains("category"), other.body());
    Reply unknown = openCase("api-case2", vendorCase("PAYOUT_INCORRECT").put("payoutDiscrepancyId", "PD7"), null);
    assertEquals(422, unknown.status(), unknown.body());
    assertTrue(unknown.body().contains("payoutDiscrepancyId"), unknown.body());
    assertEquals(403, admin.withKey(ApiClient.GATEWAY_KEY).post("/v1/vendors/api-case2/cases",
        vendorCase("PAYOUT_MISSING")).status());
    Reply forCustomer = support.post("/v1/disputes", vendorCase("PAYOUT_MISSING").put("customerId", "cust-1"));
    assertEquals(400, forCustomer.status(), "payout categories are for vendor cases: " + forCustomer.body());
    assertTrue(forCustomer.body().contains("is for vendor cases"), forCustomer.body());
  }
}
