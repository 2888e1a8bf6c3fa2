package payledger.notify;

import static org.junit.jupiter.api.Assertions.*;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import com.typesafe.config.Config;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import payledger.Service;
import payledger.readmodel.ReadModelProjections;
import payledger.testing.NodeProcess;
import payledger.testing.ApiClient;
import payledger.testing.ApiClient.Reply;
import payledger.testing.LocalCassandraExtension;
import payledger.testing.Requests;
import payledger.testing.TestConfigs;
import payledger.testing.Ids;

/**
 * Receipts and notifications end to end, against the real local Cassandra node and a real SMTP
 * server (GreenMail, started here): paid over HTTP, mailed once; mailed after an SMTP outage;
 * fallen back to the in-app inbox when email keeps failing; not mailed again when the projection
 * replays from offset zero; sent by the worker when its node never made the first attempt; the
 * signed webhook; a case's acknowledgement recorded on the case.
 */
@ExtendWith(LocalCassandraExtension.class)
class NotificationsIT {

  private static final String KEYSPACE = "payledger_notify_it";
  private static final String HEADER = "X-Payledger-Notification";

  private final int[] ports = NodeProcess.freePorts(2);
  private final int smtpPort = ports[0];
  private final int webhookPort = ports[1];
  private final List<String[]> webhooks = new CopyOnWriteArrayList<>();
  private GreenMail smtp;
  private HttpServer webhookServer;

  private Config config(String extra) {
    return TestConfigs.service("""
        pekko.persistence.cassandra.journal.keyspace = %s
        pekko.persistence.cassandra.events-by-tag.eventual-consistency-delay = 1s
        payledger.notify.smtp.port = %d
        payledger.notify.smtp.timeout = 10s
        payledger.notify.webhook.url = "http://127.0.0.1:%d/hook"
        payledger.notify.delivery.poll-interval = 200ms
        payledger.notify.delivery.backoff = 500ms
        payledger.notify.delivery.max-backoff = 2s
        payledger.notify.delivery.max-attempts = 40
        %s
        """.formatted(KEYSPACE, smtpPort, webhookPort, extra));
  }

  @BeforeEach
  void startServers() throws Exception {
    smtp = startSmtp();
    webhookServer = HttpServer.create(new InetSocketAddress("127.0.0.1", webhookPort), 0);
    webhookServer.createContext("/hook", exchange -> {
      webhooks.add(new String[] {exchange.getRequestHeaders().getFirst(WebhookSender.SIGNATURE_HEADER),
          new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)});
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    webhookServer.start();
  }

  @AfterEach
  void stopServers() {
    if (smtp != null) {
      smtp.stop();
    }
    webhookServer.stop(0);
  }

  private GreenMail startSmtp() {
    GreenMail server = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    server.start();
    return server;
  }

  @Test
  void payingAnOrderMailsExactlyOneReceipt() throws Exception {
    String orderId = Ids.unique("rcpt");
    try (Service service = Service.start(config(""), Clock.systemUTC())) {
      ApiClient api = new ApiClient(service.httpPort());
      api.awaitJournal();
      assertEquals(201, api.post("/v1/orders", Requests.order(orderId)).status());
      ObjectNode payment = Requests.payment("evt-" + orderId, orderId, "SUCCEEDED", Requests.DUE);
      payment.putObject("card").put("brand", "visa").put("last4", "4242");
      assertEquals(201, api.post("/v1/payment-events", payment).status());

      MimeMessage mail = awaitMail("receipt:" + orderId);
      assertEquals("Your receipt R-" + orderId + " for order " + orderId, mail.getSubject());
      assertTrue(text(mail).contains("Payment method: Visa •••• 4242"), text(mail));
      assertTrue(html(mail).contains("Visa •••• 4242"), "the card in the HTML too");
      assertEquals("ada@example.com", mail.getAllRecipients()[0].toString());
      assertTrue(text(mail).contains("Amount paid: €30.90"), "the receipt is in the mail");
      assertTrue(html(mail).contains("R-" + orderId) && html(mail).contains(">Receipt</div>"),
          "and as HTML");
      InternetAddress from = (InternetAddress) mail.getFrom()[0];
      assertEquals("Example Marketplace", from.getPersonal(), "from the merchant");
      assertEquals("receipts@example.com", from.getAddress());
      assertEquals("support@example.com", mail.getReplyTo()[0].toString(), "replies go to support");
      assertTrue(mail.getMessageID().matches("<[0-9a-f]{32}@example\\.com>"), mail.getMessageID());

      JsonNode order = api.await("/v1/orders/" + orderId,
          o -> o.path("receipt").path("status").asText().equals("DELIVERED"));
      JsonNode delivery = order.path("receipt").path("deliveries").get(0);
      assertEquals("EMAIL", delivery.path("channel").asText());
      assertEquals(1, delivery.path("attempts").asInt());
      assertEquals(0, order.path("notifications").size(), "the receipt is the payment's one message");

      Reply json = api.get("/v1/orders/" + orderId + "/receipt");
      assertEquals(200, json.status(), json.body());
      assertEquals("R-" + orderId, json.json().path("number").asText());
      assertEquals(3090, json.json().path("totalPaid").asLong());
      assertEquals("Example Marketplace", json.json().path("merchant").path("name").asText());
      HttpResponse<byte[]> asPdf = raw(service.httpPort(), "/v1/orders/" + orderId + "/receipt",
          "application/pdf", ApiClient.SUPPORT_KEY);
      assertEquals(200, asPdf.statusCode());
      assertEquals("%PDF-", new String(asPdf.body(), 0, 5, StandardCharsets.US_ASCII));

      // The link in the mail opens this receipt without an API key, and nothing else.
      Matcher link = Pattern.compile("/v1/receipts/[A-Za-z0-9_\\-.]+").matcher(text(mail));
      assertTrue(link.find(), text(mail));
      Reply selfService = api.withKey(null).get(link.group());
      assertEquals(200, selfService.status(), selfService.body());
      assertEquals(orderId, selfService.json().path("orderId").asText());
      HttpResponse<byte[]> html = raw(service.httpPort(), link.group(), "text/html", null);
      assertTrue(new String(html.body(), StandardCharsets.UTF_8).contains("<title>Receipt R-" + orderId));
      HttpResponse<byte[]> linkedPdf = raw(service.httpPort(), link.group(), "application/pdf", null);
      try (PDDocument doc = Loader.loadPDF(linkedPdf.body())) {
        String text = new PDFTextStripper().getText(doc);
        assertTrue(text.contains(orderId) && text.contains("€30.90"), text);
      }
      // A browser asks for HTML first: the mail's download link names the format instead.
      HttpResponse<byte[]> downloaded = raw(service.httpPort(), link.group() + "?format=pdf", "text/html", null);
      assertEquals(200, downloaded.statusCode());
      assertEquals("%PDF-", new String(downloaded.body(), 0, 5, StandardCharsets.US_ASCII));
      try (PDDocument doc = Loader.loadPDF(downloaded.body())) {
        assertTrue(new PDFTextStripper().getText(doc).contains("Visa •••• 4242"));
      }
      assertTrue(text(mail).contains(link.group() + "?format=pdf"), "the mail links the PDF");
      Reply unknownFormat = api.withKey(null).get(link.group() + "?format=docx");
      assertEquals(400, unknownFormat.status(), unknownFormat.body());
      assertTrue(unknownFormat.isProblem());
      assertEquals(404, api.withKey(null).get(link.group() + "x").status());
      assertEquals(401, api.withKey(null).get("/v1/orders/" + orderId + "/receipt").status());

      Reply resend = api.post("/v1/orders/" + orderId + "/receipt/resend",
          ApiClient.JSON.createObjectNode().put("channel", "email").put("actor", "agent-7"));
      assertEquals(202, resend.status(), resend.body());
      MimeMessage again = awaitMail("receipt:" + orderId + ":resend-1");
      assertEquals(mail.getSubject(), again.getSubject(), "the same receipt number");
      api.await("/v1/orders/" + orderId, o -> o.path("receipt").path("deliveries").size() == 2);

      Thread.sleep(3_000);
      assertEquals(1, mails("receipt:" + orderId).size(), "exactly one receipt email");
      assertEquals(1, mails("receipt:" + orderId + ":resend-1").size());
      assertEquals(0, mails("payment:" + orderId + ":testpay:evt-" + orderId).size(),
          "no payment confirmation beside the receipt");
    }
  }

  @Test
  void anSmtpOutageDelaysTheReceiptUntilTheServerIsBack() throws Exception {
    String orderId = Ids.unique("outage");
    try (Service service = Service.start(config(""), Clock.systemUTC())) {
      ApiClient api = new ApiClient(service.httpPort());
      api.awaitJournal();
      smtp.stop();
      smtp = null;
      assertEquals(201, api.post("/v1/orders", Requests.order(orderId)).status());
      assertEquals(201, api.post("/v1/payment-events",
          Requests.payment("evt-" + orderId, orderId, "SUCCEEDED", Requests.DUE)).status());
      // at least one attempt fails (connection refused) before the server is back
      awaitRow(r -> true, "SELECT attempt FROM " + KEYSPACE + ".notification_attempts"
          + " WHERE notification_id = ?", "receipt:" + orderId);

      assertEquals("ISSUED", api.get("/v1/orders/" + orderId).json().path("receipt").path("status").asText());
      smtp = startSmtp();
      awaitMail("receipt:" + orderId);

      JsonNode order = api.await("/v1/orders/" + orderId,
          o -> o.path("receipt").path("status").asText().equals("DELIVERED"));
      JsonNode delivery = order.path("receipt").path("deliveries").get(0);
      assertEquals("EMAIL", delivery.path("channel").asText());
      assertTrue(delivery.path("attempts").asInt() > 1, delivery.toString());
      assertTrue(delivery.path("failures").get(0).asText().startsWith("EMAIL attempt 1"), delivery.toString());
      Thread.sleep(2_000);
      assertEquals(1, mails("receipt:" + orderId).size());
    }
  }

  @Test
  void emailThatKeepsFailingFallsBackToTheInAppInbox() throws Exception {
    String orderId = Ids.unique("fallback");
    String customer = Ids.unique("cust");
    smtp.stop();
    smtp = null;
    try (Service service = Service.start(config("payledger.notify.delivery.max-attempts = 2"),
        Clock.systemUTC())) {
      ApiClient api = new ApiClient(service.httpPort());
      api.awaitJournal();
      ObjectNode order = Requests.order(orderId).put("customerId", customer);
      assertEquals(201, api.post("/v1/orders", order).status());
      assertEquals(201, api.post("/v1/payment-events",
          Requests.payment("evt-" + orderId, orderId, "SUCCEEDED", Requests.DUE)).status());

      JsonNode paid = api.await("/v1/orders/" + orderId,
          o -> o.path("receipt").path("status").asText().equals("DELIVERED"));
      JsonNode delivery = paid.path("receipt").path("deliveries").get(0);
      assertEquals("IN_APP", delivery.path("channel").asText());
      assertEquals(2, delivery.path("failures").size(), "the email failures stay visible");

      JsonNode inbox = api.await("/v1/customers/" + customer + "/notifications",
          n -> n.path("notifications").findParents("kind").stream()
              .anyMatch(r -> r.path("kind").asText().equals("RECEIPT")
                  && r.path("status").asText().equals("DELIVERED")
                  && r.path("channel").asText().equals("IN_APP")));
      JsonNode receipt = null;
      for (JsonNode n : inbox.path("notifications")) {
        receipt = n.path("kind").asText().equals("RECEIPT") ? n : receipt;
      }
      assertEquals("DELIVERED", receipt.path("status").asText());
      assertTrue(receipt.path("body").asText().contains("€30.90"), receipt.toString());
    }
  }

  @Test
  void replayingTheProjectionFromOffsetZeroMailsNothingTwice() throws Exception {
    String orderId = Ids.unique("replay");
    try (Service service = Service.start(config(""), Clock.systemUTC())) {
      ApiClient api = new ApiClient(service.httpPort());
      api.awaitJournal();
      api.post("/v1/orders", Requests.order(orderId));
      api.post("/v1/payment-events", Requests.payment("evt-" + orderId, orderId, "SUCCEEDED", Requests.DUE));
      awaitMail("receipt:" + orderId);
      // the outbox holds the receipt as sent and reported: the first run is done with it
      awaitRow(r -> r.getBoolean("reported"), "SELECT reported FROM " + KEYSPACE
          + ".notifications WHERE notification_id = ?", "receipt:" + orderId);
    }
    // As a rebuild does: the order projection (which sends the orders' notifications) starts
    // again from the first event, with no folds.
    try (CqlSession cql = LocalCassandraExtension.session()) {
      for (int partition = 0; partition < 10; partition++) {
        cql.execute("DELETE FROM " + KEYSPACE + ".offset_store WHERE projection_name = '"
            + ReadModelProjections.ORDERS + "' AND partition = " + partition);
      }
      cql.execute("TRUNCATE " + KEYSPACE + ".rm_order_view");
    }
    String later = Ids.unique("replay-later");
    try (Service service = Service.start(config(""), Clock.systemUTC())) {
      ApiClient api = new ApiClient(service.httpPort());
      api.awaitJournal();
      // Every tag is read again from the first bucket; a new order paid now comes after the replay
      // on its tag, and its receipt shows the replay has gone by.
      api.post("/v1/orders", Requests.order(later));
      api.post("/v1/payment-events", Requests.payment("evt-" + later, later, "SUCCEEDED", Requests.DUE));
      awaitMail("receipt:" + later);
      // The replay has gone by the first order (its tag may differ from the new order's): its
      // fold is written again up to its last event, after the notifications of those events.
      long last = awaitRow(r -> true, "SELECT sequence_nr FROM " + KEYSPACE + ".messages WHERE"
          + " persistence_id = ? AND partition_nr = 0 ORDER BY sequence_nr DESC LIMIT 1",
          "OrderLedger|" + orderId).getLong("sequence_nr");
      awaitRow(r -> r.getLong("seq_nr") >= last, "SELECT seq_nr FROM " + KEYSPACE
          + ".rm_order_view WHERE order_id = ?", orderId);
      assertEquals(1, mails("receipt:" + orderId).size(), "no second receipt after the replay");
    }
  }

  @Test
  void aFirstAttemptItsNodeNeverMadeIsSentWhenItsPendingEntryComesDue() throws Exception {
    String orderId = Ids.unique("pending");
    String customer = Ids.unique("cust");
    try (Service service = Service.start(config(""), Clock.systemUTC())) {
      ApiClient api = new ApiClient(service.httpPort());
      api.awaitJournal();
      // What a node leaves behind when it stops between keeping a group's notifications pending
      // and sending them: the pending entry alone, no outbox row.
      Instant due = Instant.now();
      Notification n = new Notification("payment:" + orderId + ":testpay:evt-1",
          NotificationKind.PAYMENT_CONFIRMED, orderId, null, "testpay:evt-1", customer,
          customer + "@example.com", "en", List.of(Channel.EMAIL, Channel.IN_APP),
          Map.of("orderId", orderId, "amount", "10.00 EUR", "method", "card", "gateway",
              "testpay", "reference", "pi_1", "at", "2026-12-06 10:00 UTC"),
          null, due);
      try (CqlSession cql = LocalCassandraExtension.session()) {
        cql.execute(SimpleStatement.newInstance("INSERT INTO " + KEYSPACE + ".notification_pending"
                + " (bucket, due_at, notification_id, notification) VALUES (?, ?, ?, ?)",
            DeliveryWorker.bucket(due), due, n.id(), CassandraNotificationRepository.json(n)));
      }

      String body = text(awaitMail(n.id()));
      assertTrue(body.contains("10.00 EUR"), body);
      // Recorded as delivered: a later poll finds the row and sends nothing more.
      api.await("/v1/customers/" + customer + "/notifications",
          list -> list.path("notifications").toString().contains("\"DELIVERED\""));
      assertEquals(1, mails(n.id()).size());
    }
  }

  @Test
  void aWebhookCustomerAndACaseAcknowledgement() throws Exception {
    String orderId = Ids.unique("hook");
    try (Service service = Service.start(config(""), Clock.systemUTC())) {
      ApiClient api = new ApiClient(service.httpPort());
      api.awaitJournal();
      ObjectNode order = Requests.order(orderId);
      order.putArray("notificationChannels").add("webhook");
      order.put("locale", "de");
      assertEquals(201, api.post("/v1/orders", order).status());
      assertEquals(201, api.post("/v1/payment-events",
          Requests.payment("evt-" + orderId, orderId, "SUCCEEDED", Requests.DUE)).status());
      api.await("/v1/orders/" + orderId, o -> o.path("receipt").path("status").asText().equals("DELIVERED"));
      String[] hook = webhooks.stream().filter(h -> h[1].contains("receipt:" + orderId)).findFirst().orElseThrow();
      long t = Long.parseLong(hook[0].replaceAll("t=(\\d+),v1=.*", "$1"));
      assertEquals(hook[0].replaceAll(".*v1=", ""), WebhookSender.sign(
          "dev-notify-webhook-secret-not-for-production".getBytes(StandardCharsets.UTF_8), t,
          hook[1].getBytes(StandardCharsets.UTF_8)));
      assertTrue(hook[1].contains("Ihre Quittung R-" + orderId), hook[1]);

      // The case's customer is reached as its order's: the order read model must hold the
      // order when the case's opening is projected.
      awaitRow(r -> true, "SELECT seq_nr FROM " + KEYSPACE + ".rm_order_view WHERE order_id = ?",
          orderId);
      ObjectNode dispute = ApiClient.JSON.createObjectNode().put("orderId", orderId)
          .put("customerId", "cust-42").put("category", "DOUBLE_CHARGE")
          .put("description", "charged twice").put("actor", "agent-7");
      Reply opened = api.post("/v1/disputes", dispute);
      assertEquals(201, opened.status(), opened.body());
      String id = opened.json().path("id").asText();
      api.post("/v1/disputes/" + id + "/acknowledge", ApiClient.JSON.createObjectNode().put("actor", "agent-7"));
      JsonNode acknowledged = api.await("/v1/disputes/" + id,
          c -> c.path("timeline").toString().contains("customer notified: dispute_acknowledged"));
      assertTrue(acknowledged.path("timeline").toString().contains("by webhook"), acknowledged.toString());
    }
  }

  private List<MimeMessage> mails(String notificationId) throws Exception {
    List<MimeMessage> found = new ArrayList<>();
    if (smtp == null) {
      return found;
    }
    for (MimeMessage m : smtp.getReceivedMessages()) {
      String[] ids = m.getHeader(HEADER);
      if (ids != null && ids[0].equals(notificationId)) {
        found.add(m);
      }
    }
    return found;
  }

  /** The first row of {@code cql} once there is one and it satisfies {@code condition}; 60 s at most. */
  private static com.datastax.oss.driver.api.core.cql.Row awaitRow(
      java.util.function.Predicate<com.datastax.oss.driver.api.core.cql.Row> condition, String cql,
      Object... values) throws InterruptedException {
    try (CqlSession session = LocalCassandraExtension.session()) {
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (System.nanoTime() < deadline) {
        com.datastax.oss.driver.api.core.cql.Row row = session.execute(cql, values).one();
        if (row != null && condition.test(row)) {
          return row;
        }
        Thread.sleep(200);
      }
      throw new AssertionError("not within 60 s: " + cql + " " + java.util.Arrays.toString(values));
    }
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

  private static String html(MimeMessage mail) throws Exception {
    return (String) ((Multipart) mail.getContent()).getBodyPart(1).getContent();
  }

  private static HttpResponse<byte[]> raw(int port, String path, String accept, String key) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Accept", accept);
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

}
