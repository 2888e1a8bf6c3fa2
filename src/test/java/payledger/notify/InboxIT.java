package payledger.notify;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import payledger.Service;
import payledger.testing.ApiClient;
import payledger.testing.ApiClient.Reply;
import payledger.testing.LocalCassandraExtension;
import payledger.testing.Requests;
import payledger.testing.TestConfigs;
import payledger.testing.Ids;

/**
 * The in-app inbox on the real local Cassandra node: one customer's three orders (a receipt by
 * email, a receipt in-app, a failed payment in-app) list newest first with subject, body, order and
 * links whatever their channel; cursor pages walk them all once; an entry is marked read once.
 */
@ExtendWith(LocalCassandraExtension.class)
class InboxIT {

  private static final String KEYSPACE = "payledger_inbox_it";

  private final int smtpPort = freePort();
  private GreenMail smtp;

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
  void theInboxListsEveryMessageNewestFirstInPagesAndKeepsWhatWasRead() throws Exception {
    String customer = Ids.unique("inbox");
    String emailed = Ids.unique("inbox-mail");
    String inApp = Ids.unique("inbox-app");
    String failed = Ids.unique("inbox-fail");
    try (Service service = Service.start(TestConfigs.service("""
        pekko.persistence.cassandra.journal.keyspace = %s
        pekko.persistence.cassandra.events-by-tag.eventual-consistency-delay = 1s
        payledger.notify.smtp.port = %d
        payledger.notify.delivery.poll-interval = 200ms
        """.formatted(KEYSPACE, smtpPort)), Clock.systemUTC())) {
      ApiClient api = new ApiClient(service.httpPort());
      api.awaitJournal();
      String inbox = "/v1/customers/" + customer + "/notifications";

      assertEquals(201, api.post("/v1/orders", Requests.order(emailed).put("customerId", customer)).status());
      assertEquals(201, api.post("/v1/payment-events",
          Requests.payment("evt-" + emailed, emailed, "SUCCEEDED", Requests.DUE)).status());
      api.await(inbox, page -> told(page, emailed, "RECEIPT"));
      ObjectNode inAppOrder = Requests.order(inApp).put("customerId", customer);
      inAppOrder.putArray("notificationChannels").add("in_app");
      assertEquals(201, api.post("/v1/orders", inAppOrder).status());
      assertEquals(201, api.post("/v1/payment-events",
          Requests.payment("evt-" + inApp, inApp, "SUCCEEDED", Requests.DUE)).status());
      api.await(inbox, page -> told(page, inApp, "RECEIPT"));
      ObjectNode failedOrder = Requests.order(failed).put("customerId", customer);
      failedOrder.putArray("notificationChannels").add("in_app");
      assertEquals(201, api.post("/v1/orders", failedOrder).status());
      assertEquals(201, api.post("/v1/payment-events",
          Requests.payment("evt-" + failed, failed, "FAILED", Requests.DUE)
              .put("failureReason", "card_declined")).status());

      JsonNode all = api.await(inbox, page -> told(page, failed, "PAYMENT_FAILED")
          && page.path("notifications").findValues("status").stream().allMatch(s -> s.asText().equals("DELIVERED")));
      List<JsonNode> listed = new ArrayList<>();
      all.path("notifications").forEach(listed::add);
      assertFalse(all.has("nextPageToken"), "one page holds them all");
      for (int i = 1; i < listed.size(); i++) {
        assertFalse(Instant.parse(listed.get(i).path("createdAt").asText())
            .isAfter(Instant.parse(listed.get(i - 1).path("createdAt").asText())), "newest first");
      }
      // A settling payment is told by its receipt alone; should a projection group be cut between
      // the payment and its receipt (journaled in one write), the payment is confirmed as well
      // (NotificationPlan): a second message, never none. Only that may be listed besides.
      List<JsonNode> entries = listed.stream()
          .filter(e -> !e.path("kind").asText().equals("PAYMENT_CONFIRMED")).toList();
      listed.stream().filter(e -> e.path("kind").asText().equals("PAYMENT_CONFIRMED")).forEach(e ->
          assertTrue(List.of(emailed, inApp).contains(e.path("orderId").asText()), e.toString()));

      // Newest first: the failed payment, then the in-app receipt, then the mailed one.
      assertEquals(List.of(failed, inApp, emailed), entries.stream().map(e -> e.path("orderId").asText()).toList());
      assertEquals(List.of("PAYMENT_FAILED", "RECEIPT", "RECEIPT"),
          entries.stream().map(e -> e.path("kind").asText()).toList());
      assertEquals(List.of("IN_APP", "IN_APP", "EMAIL"),
          entries.stream().map(e -> e.path("channel").asText()).toList());
      for (JsonNode e : listed) {
        assertFalse(e.path("subject").asText().isBlank(), "every entry says what it is: " + e);
        assertFalse(e.path("body").asText().isBlank(), "and what it said: " + e);
        assertFalse(e.path("read").asBoolean(), e.toString());
      }
      JsonNode mailedReceipt = entries.get(2);
      assertEquals("Your receipt R-" + emailed + " for order " + emailed, mailedReceipt.path("subject").asText());
      assertTrue(mailedReceipt.path("body").asText().contains("€30.90"), mailedReceipt.toString());
      assertEquals("R-" + emailed, mailedReceipt.path("subjectId").asText());
      assertTrue(entries.get(0).path("body").asText().contains("€30.90"), entries.get(0).toString());
      assertEquals(0, entries.get(0).path("links").size(), "a failed payment links no receipt");

      // The receipt's links open its copies without an API key; the PDF one downloads the PDF.
      // (The links point at the configured public base URL; here the node's own port serves them.)
      URI pdfLink = URI.create(mailedReceipt.path("links").path("receiptPdf").asText());
      assertEquals("format=pdf", pdfLink.getQuery(), mailedReceipt.toString());
      HttpResponse<byte[]> pdf = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
              "http://127.0.0.1:" + service.httpPort() + pdfLink.getPath() + "?" + pdfLink.getQuery())).build(),
          HttpResponse.BodyHandlers.ofByteArray());
      assertEquals(200, pdf.statusCode());
      assertEquals("%PDF-", new String(pdf.body(), 0, 5, StandardCharsets.US_ASCII));
      Reply html = api.withKey(null).get(URI.create(mailedReceipt.path("links").path("receipt").asText()).getPath());
      assertEquals(200, html.status());
      assertEquals(pdfLink.getPath(), URI.create(mailedReceipt.path("links").path("receipt").asText()).getPath());

      // Cursor pages of one walk every entry once, in the same order.
      List<String> walked = new ArrayList<>();
      String token = null;
      int pages = 0;
      do {
        Reply page = api.get(inbox + "?limit=1" + (token == null ? "" : "&pageToken=" + token));
        assertEquals(200, page.status(), page.body());
        page.json().path("notifications").forEach(e -> walked.add(e.path("notificationId").asText()));
        token = page.json().path("nextPageToken").isTextual() ? page.json().path("nextPageToken").asText() : null;
        pages++;
      } while (token != null && pages < 10);
      assertEquals(listed.stream().map(e -> e.path("notificationId").asText()).toList(), walked);
      assertEquals(listed.size(), new HashSet<>(walked).size());
      Reply two = api.get(inbox + "?limit=2");
      String next = two.json().path("nextPageToken").asText();
      assertEquals(400, api.get("/v1/customers/someone-else/notifications?pageToken=" + next).status(),
          "a token names its customer");
      assertEquals(400, api.get(inbox + "?pageToken=not-a-token").status());

      // Read once: the first moment is kept, the list shows it, another customer cannot.
      String id = mailedReceipt.path("notificationId").asText();
      Reply read = api.post(inbox + "/" + id + "/read", ApiClient.JSON.createObjectNode());
      assertEquals(200, read.status(), read.body());
      assertTrue(read.json().path("read").asBoolean());
      String readAt = read.json().path("readAt").asText();
      Reply again = api.post(inbox + "/" + id + "/read", ApiClient.JSON.createObjectNode());
      assertEquals(readAt, again.json().path("readAt").asText(), "reading again changes nothing");
      api.get(inbox).json().path("notifications").forEach(e -> assertEquals(
          e.path("notificationId").asText().equals(id), e.path("read").asBoolean(), e.toString()));
      assertEquals(404, api.post("/v1/customers/someone-else/notifications/" + id + "/read",
          ApiClient.JSON.createObjectNode()).status());
      assertEquals(404, api.post(inbox + "/no-such-notification/read", ApiClient.JSON.createObjectNode()).status());
    }
  }

  /** Whether the inbox page lists a message of this kind for this order. */
  private static boolean told(JsonNode page, String orderId, String kind) {
    for (JsonNode e : page.path("notifications")) {
      if (e.path("orderId").asText().equals(orderId) && e.path("kind").asText().equals(kind)) {
        return true;
      }
    }
    return false;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
