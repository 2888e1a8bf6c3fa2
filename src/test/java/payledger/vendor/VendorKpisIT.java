package payledger.vendor;

import static org.junit.jupiter.api.Assertions.*;

import com.datastax.oss.driver.api.core.CqlSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.Config;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import payledger.Service;
import payledger.testing.ApiClient;
import payledger.testing.ApiClient.Reply;
import payledger.testing.Ids;
import payledger.testing.LocalCassandraExtension;
import payledger.testing.Requests;
import payledger.testing.TestConfigs;
import payledger.time.ServiceClock;

/**
 * The vendor KPIs of the report end to end, against the real Cassandra node, through HTTP, on the
 * test clock. Four vendors paid out daily (T+0, 10 % commission) each sell once today, so each has
 * one payout period tomorrow (its window: tomorrow plus the 2-day grace):
 *
 * <ul>
 *   <li>{@code good} is paid its 90.00 on the day: on time and correct;
 *   <li>{@code short} is paid 40.00 of its 45.00: short;
 *   <li>{@code failed} is paid its 72.00, then the payout fails: failed;
 *   <li>{@code late} is paid nothing: pending within the window, missed after it (the ledger then
 *       raises its missing payout).
 * </ul>
 *
 * Worked out by hand: on the payout day, payoutsOnTimeAndCorrect is 1 of 3 decided (33.33 %), one
 * pending; past the window, 1 of 4 (25 %), none pending. Vendor cases: one about the short payout
 * resolved at once, one about the missing payout left open: vendorIssuesResolvedWithin48h is
 * 100 % with one pending, then 50 % once the open one is past its 48 h. The vendor of the resolved
 * case is mailed (real SMTP server, GreenMail) its acknowledgement and its resolution, the outcome
 * in words. A rebuild of the read models from the journal gives the same report.
 */
@ExtendWith(LocalCassandraExtension.class)
class VendorKpisIT {

  private static final String KEYSPACE = "payledger_vkpi_" + System.currentTimeMillis() / 1000;

  private final int smtpPort = freePort();
  private GreenMail smtp;
  private final ServiceClock clock = ServiceClock.of(Clock.systemUTC(), true);
  private final String good = Ids.unique("good");
  private final String shortPaid = Ids.unique("short");
  private final String failed = Ids.unique("failed");
  private final String late = Ids.unique("late");

  private Config config() {
    return TestConfigs.service("""
        pekko.persistence.cassandra.journal.keyspace = %s
        pekko.persistence.cassandra.events-by-tag.eventual-consistency-delay = 1s
        payledger.test-clock.enabled = true
        payledger.notify.smtp.port = %d
        payledger.notify.smtp.timeout = 2s
        payledger.notify.delivery.poll-interval = 200ms
        """.formatted(KEYSPACE, smtpPort));
  }

  @BeforeEach
  void startSmtp() {
    smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
  }

  @AfterEach
  void stopSmtp() {
    smtp.stop();
  }

  @Test
  void theReportCountsPayoutPeriodsAndVendorCasesAsWorkedOutByHandAndARebuildGivesTheSame()
      throws Exception {
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    String report = "/v1/reports/reconciliation?from=" + today + "&to=" + today.plusDays(4)
        + "&granularity=day";
    try (Service service = Service.start(config(), clock)) {
      ApiClient admin = new ApiClient(service.httpPort());
      admin.awaitJournal();
      ApiClient support = admin.withKey(ApiClient.SUPPORT_KEY);
      sell(admin, good, 10_000);
      sell(admin, shortPaid, 5_000);
      sell(admin, failed, 8_000);
      sell(admin, late, 3_000);
      awaitOwed(support, good, 9_000);
      awaitOwed(support, shortPaid, 4_500);
      awaitOwed(support, failed, 7_200);
      awaitOwed(support, late, 2_700);

      clock.advance(Duration.ofDays(1)); // the payout day: each sale is payable
      assertEquals(201, payout(admin, good, "po-good", "PAID", 9_000).status());
      Reply shortReply = payout(admin, shortPaid, "po-short", "PAID", 4_000);
      assertEquals("PAYOUT_SHORT", shortReply.json().path("discrepancies").path(0).path("type").asText(),
          shortReply.body());
      assertEquals(201, payout(admin, failed, "po-failed", "PAID", 7_200).status());
      Reply failure = payout(admin, failed, "po-failed", "FAILED", 7_200);
      assertEquals("PAYOUT_FAILED", failure.json().path("discrepancies").path(0).path("type").asText(),
          failure.body());

      String resolvedCase = openCase(support, shortPaid, "PAYOUT_INCORRECT", "PD1");
      assertEquals(201, support.post("/v1/disputes/" + resolvedCase + "/acknowledge",
          ApiClient.JSON.createObjectNode().put("actor", "agent-7")).status());
      assertEquals(201, support.post("/v1/disputes/" + resolvedCase + "/resolve", ApiClient.JSON.createObjectNode()
          .put("action", "NO_ACTION").put("reason", "the rest follows").put("actor", "agent-7")).status());
      openCase(support, late, "PAYOUT_MISSING", null);

      // The vendor is mailed of its case's acknowledgement and resolution (the outcome in words).
      MimeMessage acknowledged = awaitMail("vendor:" + shortPaid + ":case:" + resolvedCase + ":acknowledged");
      assertEquals("pay@" + shortPaid + ".example", acknowledged.getAllRecipients()[0].toString());
      assertEquals("We are working on your case " + resolvedCase, acknowledged.getSubject());
      MimeMessage resolved = awaitMail("vendor:" + shortPaid + ":case:" + resolvedCase + ":resolved");
      assertEquals("Your case " + resolvedCase + " is resolved", resolved.getSubject());
      String words = (String) ((Multipart) resolved.getContent()).getBodyPart(0).getContent();
      assertTrue(words.contains("Outcome: no further payment was needed.") && words.contains(
          "Our note: the rest follows"), words);

      // Within the window: good met; short and failed missed; late pending. The resolved case met,
      // the open one pending.
      JsonNode within = support.await(report, r -> figures(r, "payoutsOnTimeAndCorrect", 1, 3, 1)
          && figures(r, "vendorIssuesResolvedWithin48h", 1, 1, 1));
      assertMeasure(within, "payoutsOnTimeAndCorrect", 33.33, false);
      assertMeasure(within, "vendorIssuesResolvedWithin48h", 100.0, true);
      JsonNode day = within.path("periods").path(1);
      assertEquals(today.plusDays(1).toString(), day.path("start").asText(), "counted on the payout day");
      assertEquals(3, day.path("overall").path("measures").path("payoutsOnTimeAndCorrect").path("denominator")
          .asLong());

      // Past the window (and the open case's 48 h): late's payout is missing, the case overdue.
      clock.advance(Duration.ofDays(2).plusHours(1));
      support.await("/v1/vendors/" + late, v -> v.path("payoutDiscrepancies").toString().contains("PAYOUT_MISSING"));
      // The whole of it before the rebuild: every receipt's mail delivered, and the open case
      // escalated for its missed acknowledgement (the scheduler's), so nothing moves meanwhile.
      JsonNode after = support.await(report, r -> figures(r, "payoutsOnTimeAndCorrect", 1, 4, 0)
          && figures(r, "vendorIssuesResolvedWithin48h", 1, 2, 0)
          && figures(r, "receiptDeliverySuccess", 4, 4, 0)
          && r.path("total").path("overall").path("casesEscalated").asLong() == 1);
      assertMeasure(after, "payoutsOnTimeAndCorrect", 25.0, false);
      assertMeasure(after, "vendorIssuesResolvedWithin48h", 50.0, false);

      // The read models rebuilt from the journal: the same report.
      JsonNode before = after.path("total");
      Reply rebuilt = admin.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.httpPort()
          + "/v1/admin/projections/rebuild")).POST(HttpRequest.BodyPublishers.noBody()));
      assertEquals(200, rebuilt.status(), rebuilt.body());
      assertTrue(rebuilt.body().contains("rm_vendor_view") && rebuilt.body().contains("readmodel-vendors"),
          rebuilt.body());
      JsonNode again = awaitSame(support, report, before);
      assertEquals(before, again.path("total"));
    }
    dropKeyspace();
  }

  private MimeMessage awaitMail(String notificationId) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      for (MimeMessage m : smtp.getReceivedMessages()) {
        String[] ids = m.getHeader("X-Payledger-Notification");
        if (ids != null && ids[0].equals(notificationId)) {
          return m;
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no mail " + notificationId + " within 60 s");
  }

  /** The report once its total is {@code before} again; else fails naming what differs. */
  private static JsonNode awaitSame(ApiClient support, String report, JsonNode before) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    JsonNode last = null;
    while (System.nanoTime() < deadline) {
      Reply r = support.get(report);
      if (r.status() == 200) {
        last = r.json();
        if (last.path("total").equals(before)) {
          return last;
        }
      }
      Thread.sleep(300);
    }
    StringBuilder differs = new StringBuilder();
    JsonNode now = last == null ? null : last.path("total").path("overall");
    before.path("overall").fields().forEachRemaining(e -> {
      if (now == null || !e.getValue().equals(now.path(e.getKey()))) {
        differs.append(e.getKey()).append(": ").append(e.getValue()).append(" now ")
            .append(now == null ? null : now.path(e.getKey())).append('\n');
      }
    });
    before.path("overall").path("measures").fields().forEachRemaining(e -> {
      if (now != null && !e.getValue().equals(now.path("measures").path(e.getKey()))) {
        differs.append(e.getKey()).append(": ").append(e.getValue()).append(" now ")
            .append(now.path("measures").path(e.getKey())).append('\n');
      }
    });
    throw new AssertionError("not the same total within 120 s of the rebuild:\n" + differs
        + (last == null ? "" : last.path("total").toString()));
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean figures(JsonNode report, String kpi, long numerator, long denominator, long pending) {
    JsonNode m = report.path("total").path("overall").path("measures").path(kpi);
    return m.path("numerator").asLong(-1) == numerator && m.path("denominator").asLong(-1) == denominator
        && m.path("pending").asLong(-1) == pending;
  }

  private static void assertMeasure(JsonNode report, String kpi, double value, boolean met) {
    JsonNode m = report.path("total").path("overall").path("measures").path(kpi);
    assertEquals(value, m.path("value").asDouble(), m.toString());
    assertEquals(met, m.path("met").asBoolean(), m.toString());
  }

  /** Registers the vendor (daily payouts, T+0, 10 %) and registers and pays an order of its. */
  private static void sell(ApiClient admin, String vendor, long amount) {
    ObjectNode v = ApiClient.JSON.createObjectNode().put("vendorId", vendor).put("name", "Vendor " + vendor)
        .put("email", "pay@" + vendor + ".example");
    v.putArray("notificationChannels").add("email");
    v.putObject("payoutSchedule").put("frequency", "DAILY").put("delayDays", 0);
    v.putObject("commission").put("basisPoints", 1000);
    assertEquals(201, admin.post("/v1/vendors", v).status());
    String orderId = Ids.unique("order");
    ObjectNode order = Requests.order(orderId);
    ArrayNode items = order.putArray("items");
    items.addObject().put("sku", "LAMP").put("quantity", 1).put("unitPrice", amount).put("vendorId", vendor);
    order.put("shipping", 0);
    order.putArray("taxes");
    order.putArray("discounts");
    assertEquals(201, admin.post("/v1/orders", order).status());
    assertEquals(201, admin.post("/v1/payment-events",
        Requests.payment(Ids.unique("pay"), orderId, "SUCCEEDED", amount)).status());
  }

  private static void awaitOwed(ApiClient support, String vendor, long owed) {
    support.await("/v1/vendors/" + vendor, v -> {
      JsonNode b = v.path("balances").path(0);
      return b.path("pending").path("value").asLong() + b.path("available").path("value").asLong() == owed;
    });
  }

  /** A payout event in the generic format, now on the service clock. */
  private Reply payout(ApiClient api, String vendor, String payoutId, String status, long amount) {
    ObjectNode p = ApiClient.JSON.createObjectNode().put("eventId", Ids.unique("evt"))
        .put("gateway", "bankco").put("vendorId", vendor).put("payoutId", payoutId)
        .put("status", status).put("occurredAt", clock.instant().toString());
    p.putObject("amount").put("value", amount).put("currency", "EUR");
    Reply reply = api.withKey(ApiClient.GATEWAY_KEY).post("/v1/payout-events", p);
    assertEquals(201, reply.status(), reply.body());
    return reply;
  }

  private static String openCase(ApiClient support, String vendor, String category, String discrepancyId) {
    ObjectNode body = ApiClient.JSON.createObjectNode().put("category", category)
        .put("description", "about our payout").put("actor", "pay@" + vendor + ".example");
    if (discrepancyId != null) {
      body.put("payoutDiscrepancyId", discrepancyId);
    }
    Reply opened = support.post("/v1/vendors/" + vendor + "/cases", body);
    assertEquals(201, opened.status(), opened.body());
    return opened.json().path("id").asText();
  }

  private void dropKeyspace() {
    try (CqlSession cql = LocalCassandraExtension.session()) {
      cql.execute(com.datastax.oss.driver.api.core.cql.SimpleStatement
          .newInstance("DROP KEYSPACE IF EXISTS " + KEYSPACE).setTimeout(Duration.ofSeconds(60)));
    } catch (RuntimeException e) {
      System.err.println("could not drop " + KEYSPACE + ": " + e);
    }
  }
}
