package payledger.notify;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import payledger.Service;
import payledger.testing.ApiClient;
import payledger.testing.LocalCassandraExtension;
import payledger.testing.Requests;
import payledger.testing.TestConfigs;
import payledger.testing.Ids;

/**
 * The receipt benchmark, not part of the build (run it with
 * {@code mvn -o test -Dtest=ReceiptBench -Dpayledger.bench=true}): (1) rendering throughput of a
 * receipt mail (text and HTML) and, apart, of its PDF on this machine; (2) paid orders per second
 * through the whole path (HTTP payment → journal → projection → outbox → worker → real SMTP
 * server → report back to the order), and the time from the journaled payment to the sent
 * receipt, per receipt, read back from the orders. Results go to {@code target/bench/receipts.txt}.
 */
@EnabledIfSystemProperty(named = "payledger.bench", matches = "true")
@ExtendWith(LocalCassandraExtension.class)
class ReceiptBench {

  private final StringBuilder report = new StringBuilder();

  @Test
  void receipts() throws Exception {
    rendering();
    endToEnd(Integer.getInteger("payledger.bench.orders", 2000),
        Integer.getInteger("payledger.bench.rate", 200));
    Path out = Path.of("target/bench/receipts.txt");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report);
    System.out.print(report);
  }

  private void rendering() {
    Messages messages = Notifications.messages(
        NotificationSettings.from(TestConfigs.service("")), Clock.systemUTC());
    Notification n = new Notification("receipt:order-7", NotificationKind.RECEIPT, "order-7", null,
        "R-order-7", "cust-1", "ada@example.com", "en", List.of(Channel.EMAIL, Channel.IN_APP),
        Map.of(), ReceiptRenderingTest.receipt("en"), Instant.now());
    for (int i = 0; i < 500; i++) {
      messages.render(n); // warm-up
    }
    int count = 3000;
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      messages.render(n);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    line("rendering a receipt mail (text + HTML), one thread: %d in %.2f s = %.0f mails/s",
        count, seconds, count / seconds);
    // The PDF is rendered on request (and kept), never per mail: its cost, without the cache.
    String html = messages.receiptHtml(ReceiptRenderingTest.receipt("en"));
    for (int i = 0; i < 20; i++) {
      ReceiptPdf.render(html); // warm-up
    }
    int pdfs = 200;
    start = System.nanoTime();
    for (int i = 0; i < pdfs; i++) {
      ReceiptPdf.render(html);
    }
    seconds = (System.nanoTime() - start) / 1e9;
    line("rendering a receipt PDF from its HTML, one thread: %d in %.2f s = %.0f PDFs/s",
        pdfs, seconds, pdfs / seconds);
  }

  private void endToEnd(int orders, int rate) throws Exception {
    int smtpPort = freePort();
    GreenMail smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    // The journal's tag queries: pekko's defaults (5 s consistency delay, 3 s refresh) alone put a
    // floor of 5-8 s under any projection's latency; the bench states what it ran with.
    String lag = System.getProperty("payledger.bench.consistency-delay", "1s");
    String refresh = System.getProperty("payledger.bench.refresh-interval", "500ms");
    int connections = Integer.getInteger("payledger.bench.smtp-connections", 4);
    int parallelism = Integer.getInteger("payledger.bench.parallelism", 64);
    try (Service service = Service.start(TestConfigs.service("""
        pekko.persistence.cassandra.journal.keyspace = payledger_receipt_bench
        pekko.persistence.cassandra.events-by-tag.eventual-consistency-delay = %s
        pekko.persistence.cassandra.query.refresh-interval = %s
        payledger.notify.smtp.port = %d
        payledger.notify.smtp.connections = %d
        payledger.notify.delivery.parallelism = %d
        payledger.http.ask-timeout = 8s
        """.formatted(lag, refresh, smtpPort, connections, parallelism)), Clock.systemUTC())) {
      ApiClient api = new ApiClient(service.httpPort());
      api.awaitJournal();
      String run = Ids.unique("bench");
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < orders; i++) {
        ids.add("bench-" + run + "-" + i);
      }
      HttpClient http = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + service.httpPort();
      send(http, base, ids, id -> Requests.order(id).toString(), "/v1/orders", 0);
      long payStart = System.nanoTime();
      int failed = send(http, base, ids, id -> Requests.payment("evt-" + id, id, "SUCCEEDED",
          Requests.DUE).toString(), "/v1/payment-events", rate);
      double paySeconds = (System.nanoTime() - payStart) / 1e9;
      line("end to end: %d orders paid over HTTP in %.1f s (offered %d/s, %d refused), "
          + "tag queries: eventual-consistency-delay %s, refresh-interval %s; %d SMTP connections, "
          + "%d deliveries in flight", orders, paySeconds, rate, failed, lag, refresh, connections,
          parallelism);

      // Wait on the SMTP server (cheap), not by polling the API, which would load the service
      // under test: a receipt and a payment confirmation per order.
      long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
      while (smtp.getReceivedMessages().length < 2 * orders && System.nanoTime() < deadline) {
        Thread.sleep(500);
      }
      Thread.sleep(3_000); // the last reports reach their orders
      List<Long> latencies = new ArrayList<>();
      List<String> pending = new ArrayList<>();
      for (String id : ids) {
        JsonNode receipt = api.get("/v1/orders/" + id).json().path("receipt");
        if (!receipt.path("status").asText().equals("DELIVERED")) {
          pending.add(id);
          continue;
        }
        JsonNode d = receipt.path("deliveries").get(0);
        latencies.add(Duration.between(Instant.parse(d.path("queuedAt").asText()),
            Instant.parse(d.path("at").asText())).toMillis());
      }
      Collections.sort(latencies);
      line("receipts delivered: %d of %d; mails received by the SMTP server: %d", latencies.size(),
          orders, smtp.getReceivedMessages().length);
      if (!latencies.isEmpty()) {
        line("payment journaled -> receipt sent: p50 %d ms, p95 %d ms, p99 %d ms, max %d ms",
            pct(latencies, 50), pct(latencies, 95), pct(latencies, 99),
            latencies.get(latencies.size() - 1));
      }
      assertTrue(pending.isEmpty(), pending.size() + " receipts not delivered within 5 minutes");
    } finally {
      smtp.stop();
    }
  }

  /** POSTs one body per id, at most 64 in flight, at {@code rate} per second (0: as fast as it goes). */
  private static int send(HttpClient http, String base, List<String> ids,
      java.util.function.Function<String, String> body, String path, int rate) throws Exception {
    Semaphore inFlight = new Semaphore(64);
    AtomicInteger refused = new AtomicInteger();
    List<CompletableFuture<?>> all = new ArrayList<>();
    long start = System.nanoTime();
    for (int i = 0; i < ids.size(); i++) {
      if (rate > 0) {
        long due = start + (long) (i * 1e9 / rate);
        long wait = due - System.nanoTime();
        if (wait > 0) {
          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
      }
      inFlight.acquire();
      HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
          .header("Content-Type", "application/json")
          .header("Authorization", "Bearer " + ApiClient.ADMIN_KEY)
          .POST(HttpRequest.BodyPublishers.ofString(body.apply(ids.get(i)))).build();
      all.add(http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
          .whenComplete((r, e) -> {
            inFlight.release();
            if (e != null || r.statusCode() >= 300) {
              refused.incrementAndGet();
            }
          }));
    }
    CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
    return refused.get();
  }

  private static long pct(List<Long> sorted, int p) {
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }

  private void line(String format, Object... args) {
    report.append(String.format(format, args)).append('\n');
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
