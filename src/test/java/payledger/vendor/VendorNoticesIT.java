package payledger.vendor;

import static org.junit.jupiter.api.Assertions.*;

import com.datastax.oss.driver.api.core.CqlSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.typesafe.config.Config;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import payledger.Service;
import payledger.notify.Notifications;
import payledger.testing.ApiClient;
import payledger.testing.ApiClient.Reply;
import payledger.testing.Ids;
import payledger.testing.LocalCassandraExtension;
import payledger.testing.Requests;
import payledger.testing.TestConfigs;
import payledger.time.ServiceClock;

/**
 * Vendor notices end to end, against the real Cassandra node and a real SMTP server (GreenMail):
 * a vendor sells 100.00 at 10 % (paid out daily, T+0); a payout of 85.00 on its payout day is
 * short, and the vendor's mailbox gets one message saying what, how much, what next and by when,
 * whose delivery is recorded on the vendor's ledger. At the notice deadline (+24 h, on the test
 * clock, through the durable wake-ups) it is still open, and the vendor is told again. The node
 * restarts and the notification projection replays the vendor tags from offset zero: a new
 * discrepancy is mailed, the earlier notices are not mailed twice. On the way, the statement is
 * read as a PDF, and the vendor's case about the excess is listed like any open case.
 */
@ExtendWith(LocalCassandraExtension.class)
class VendorNoticesIT {

  private static final String KEYSPACE = "payledger_vnotice_" + System.currentTimeMillis() / 1000;
  private static final String HEADER = "X-Payledger-Notification";

  private final int smtpPort = freePort();
  private final ServiceClock clock = ServiceClock.of(Clock.systemUTC(), true);
  private final String vendor = Ids.unique("acme");
  private GreenMail smtp;

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
  void aVendorIsMailedOfAShortPayoutAndAgainAtTheNoticeDeadlineOnceThroughRestartsAndReplays()
      throws Exception {
    String found = "vendor:" + vendor + ":PD1:found";
    String reminder = "vendor:" + vendor + ":PD1:reminder";
    try (Service service = Service.start(config(), clock)) {
      ApiClient admin = new ApiClient(service.httpPort());
      admin.awaitJournal();
      ApiClient support = admin.withKey(ApiClient.SUPPORT_KEY);
      assertEquals(201, admin.post("/v1/vendors", registration()).status());
      String orderId = Ids.unique("order");
      assertEquals(201, admin.post("/v1/orders", order(orderId)).status());
      assertEquals(201, admin.post("/v1/payment-events",
          Requests.payment(Ids.unique("pay"), orderId, "SUCCEEDED", 10_000)).status());
      support.await("/v1/vendors/" + vendor, v -> owed(v) == 9_000);
      clock.advance(Duration.ofDays(1)); // the sale is payable: 90.00 is due today

      Reply shortPaid = payout(admin, 8_500);
      assertEquals(201, shortPaid.status(), shortPaid.body());
      assertEquals("PAYOUT_SHORT", shortPaid.json().path("discrepancies").path(0).path("type").asText());

      MimeMessage mail = awaitMail(found);
      assertEquals("pay@acme.example", mail.getAllRecipients()[0].toString());
      assertTrue(mail.getSubject().startsWith("Your payout for ") && mail.getSubject().endsWith(
          ": less than due (PD1)"), mail.getSubject());
      String text = text(mail);
      assertTrue(text.contains("was €85.00, but €90.00 was due: €5.00 short."), text);
      assertTrue(text.contains("We will pay you the difference or explain it by "), text);
      JsonNode told = support.await("/v1/vendors/" + vendor, v -> !v.path("payoutDiscrepancies")
          .path(0).path("vendorNotifiedAt").isMissingNode()
          && !v.path("payoutDiscrepancies").path(0).path("vendorNotifiedAt").isNull());
      JsonNode pd1 = told.path("payoutDiscrepancies").path(0);
      assertFalse(java.time.Instant.parse(pd1.path("vendorNotifiedAt").asText())
          .isAfter(java.time.Instant.parse(pd1.path("vendorNoticeBy").asText())), "told in time");

      // The statement as a PDF, as receipts are rendered: the sale, the short payout, what is owed.
      String day = java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC).toString();
      String pdf = pdfText(service.httpPort(), "/v1/vendors/" + vendor + "/statement?from="
          + java.time.LocalDate.parse(day).minusDays(3) + "&to=" + day + "&currency=EUR");
      assertTrue(pdf.contains("Vendor statement") && pdf.contains("Acme Ltd"), pdf);
      assertTrue(pdf.contains("Sale " + orderId + " €100.00 -€10.00 €90.00"), pdf);
      assertTrue(pdf.contains("Closing balance €5.00"), "90.00 earned, 85.00 paid out: " + pdf);

      clock.advance(Duration.ofHours(24)); // the notice deadline, with the discrepancy open
      MimeMessage again = awaitMail(reminder);
      assertTrue(again.getSubject().startsWith("Still open: your payout for "), again.getSubject());
      assertTrue(text(again).contains("(€5.00 short)"), text(again));
    }

    // As a rebuild does: the vendor notification projection starts again from the first event.
    try (CqlSession cql = LocalCassandraExtension.session()) {
      for (int partition = 0; partition < 10; partition++) {
        cql.execute("DELETE FROM " + KEYSPACE + ".offset_store WHERE projection_name = '"
            + Notifications.VENDORS + "' AND partition = " + partition);
      }
    }
    try (Service restarted = Service.start(config(), clock)) {
      ApiClient admin = new ApiClient(restarted.httpPort());
      admin.awaitJournal();
      // 5.00 is still due for the period; 7.00 more is an excess: PD2, on the same tag after
      // PD1's notices, so its mail shows the replay has gone by them.
      Reply excess = payout(admin, 700);
      assertEquals(201, excess.status(), excess.body());
      assertEquals("PAYOUT_EXCESS", excess.json().path("discrepancies").path(0).path("type").asText());
      awaitMail("vendor:" + vendor + ":PD2:found");
      assertEquals(1, mails(found).size(), "no second notice of PD1 after the restart and replay");
      assertEquals(1, mails(reminder).size(), "no second reminder either");

      // The vendor reports the excess as a case of its own: no order, no customer, its vendor;
      // the read side lists it like any open case.
      ObjectNode report = ApiClient.JSON.createObjectNode().put("category", "PAYOUT_INCORRECT")
          .put("description", "we were paid 7.00 too much").put("payoutDiscrepancyId", "PD2")
          .put("actor", "pay@acme.example");
      Reply opened = admin.withKey(ApiClient.SUPPORT_KEY).post("/v1/vendors/" + vendor + "/cases", report);
      assertEquals(201, opened.status(), opened.body());
      String caseId = opened.json().path("id").asText();
      assertEquals(vendor, opened.json().path("vendor").path("vendorId").asText());
      JsonNode listed = admin.withKey(ApiClient.SUPPORT_KEY).await("/v1/disputes?state=OPEN&priority=HIGH",
          page -> page.path("items").toString().contains(caseId));
      assertTrue(listed.path("items").toString().contains("PAYOUT_INCORRECT"), listed.toString());
    }
    dropKeyspace();
  }

  private ObjectNode registration() {
    ObjectNode v = ApiClient.JSON.createObjectNode().put("vendorId", vendor).put("name", "Acme Ltd")
        .put("email", "pay@acme.example");
    v.putArray("notificationChannels").add("email");
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

  /** A paid payout in the generic format, now on the service clock. */
  private Reply payout(ApiClient api, long amount) {
    ObjectNode p = ApiClient.JSON.createObjectNode().put("eventId", Ids.unique("evt"))
        .put("gateway", "bankco").put("vendorId", vendor).put("payoutId", Ids.unique("po"))
        .put("status", "PAID").put("occurredAt", clock.instant().toString());
    p.putObject("amount").put("value", amount).put("currency", "EUR");
    return api.withKey(ApiClient.GATEWAY_KEY).post("/v1/payout-events", p);
  }

  private static long owed(JsonNode vendor) {
    JsonNode b = vendor.path("balances").path(0);
    return b.path("pending").path("value").asLong() + b.path("available").path("value").asLong();
  }

  private List<MimeMessage> mails(String notificationId) throws Exception {
    List<MimeMessage> found = new ArrayList<>();
    for (MimeMessage m : smtp.getReceivedMessages()) {
      String[] ids = m.getHeader(HEADER);
      if (ids != null && ids[0].equals(notificationId)) {
        found.add(m);
      }
    }
    return found;
  }

  private MimeMessage awaitMail(String notificationId) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      List<MimeMessage> found = mails(notificationId);
      if (!found.isEmpty()) {
        return found.get(0);
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no mail " + notificationId + " within 60 s");
  }

  private static String text(MimeMessage mail) throws Exception {
    return (String) ((Multipart) mail.getContent()).getBodyPart(0).getContent();
  }

  /** The text of a PDF answered to {@code Accept: application/pdf} (support's key). */
  private static String pdfText(int port, String path) throws Exception {
    java.net.http.HttpResponse<byte[]> response = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + path))
            .header("Accept", "application/pdf")
            .header("Authorization", "Bearer " + ApiClient.SUPPORT_KEY).build(),
        java.net.http.HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, response.statusCode(), new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
    assertEquals("application/pdf", response.headers().firstValue("Content-Type").orElse(""));
    assertTrue(response.headers().firstValue("Content-Disposition").orElse("").contains(".pdf"));
    try (org.apache.pdfbox.pdmodel.PDDocument doc = org.apache.pdfbox.Loader.loadPDF(response.body())) {
      return new org.apache.pdfbox.text.PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
    }
  }

  private void dropKeyspace() {
    try (CqlSession cql = LocalCassandraExtension.session()) {
      cql.execute(com.datastax.oss.driver.api.core.cql.SimpleStatement
          .newInstance("DROP KEYSPACE IF EXISTS " + KEYSPACE).setTimeout(Duration.ofSeconds(60)));
    } catch (RuntimeException e) {
      System.err.println("could not drop " + KEYSPACE + ": " + e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
