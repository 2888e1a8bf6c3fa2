package payledger.readmodel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSession;
import payledger.Service;
import payledger.cassandra.LocalCassandra;
import payledger.testing.TestConfigs;

/**
 * The read side's partitions measured on the node's own counters (a test-scope main, not a test;
 * run as load-tests/README.md runs ReadSideBenchmark): {@code [orders] [concurrency]} orders
 * registered and paid over HTTP by that many clients at once, so the projection's groups hold
 * many orders; then the mutations each {@code rm_*} table took per order
 * ({@code system_views.local_write_latency}), and the reads an order listing's page costs
 * ({@code local_read_latency}): the hour list paged 50 by 50, and its first page read again.
 * Tables are named as the version under test has them, so the same main measures any version.
 * Its HTTP client is a plain one (no contract check), so it runs on the service's own classpath.
 */
public final class PartitionsMeasure {

  public static void main(String[] args) {
    try {
      run(args.length > 0 ? Integer.parseInt(args[0]) : 2_000, args.length > 1 ? Integer.parseInt(args[1]) : 32);
    } catch (Throwable t) {
      t.printStackTrace();
      System.exit(1);
    }
    System.exit(0);
  }

  private static void run(int orders, int concurrency) throws Exception {
    LocalCassandra.ensureRunning(Path.of(System.getProperty("user.dir")));
    String keyspace = "payledger_parts_" + System.currentTimeMillis() / 1000;
    try (Service service = Service.start(TestConfigs.service("""
        pekko.persistence.cassandra.journal.keyspace = %s
        """.formatted(keyspace)), Clock.systemUTC())) {
      Api api = new Api(service.httpPort(), "dev-admin-key");
      while (api.get("/v1/orders/journal-probe").status() == 503) {
        Thread.sleep(200);
      }
      CassandraSession session = ReadSide.of(service.system()).session();
      Instant from = Instant.now().truncatedTo(ChronoUnit.HOURS);
      Map<String, Long> writes0 = counts(session, keyspace, "local_write_latency");
      ExecutorService pool = Executors.newFixedThreadPool(concurrency);
      long started = System.nanoTime();
      List<Future<?>> sent = new ArrayList<>();
      for (int i = 0; i < orders; i++) {
        String id = "pm-" + i;
        sent.add(pool.submit(() -> {
          sent(api, "/v1/orders", order(id));
          sent(api.as("dev-gateway-key"), "/v1/payment-events", payment(id));
          return null;
        }));
      }
      for (Future<?> f : sent) {
        f.get();
      }
      pool.shutdown();
      double sendSeconds = (System.nanoTime() - started) / 1e9;
      // Every order listed as paid: the projection has written all it will.
      long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
      int listed;
      do {
        Thread.sleep(2_000);
        listed = listAll(api, "/v1/orders?status=RECONCILED&from=" + from + "&limit=500").items();
      } while (listed < orders && System.nanoTime() < deadline);
      Thread.sleep(3_000); // the last group's remaining writes (the folds come after the rows)
      Map<String, Long> writes = minus(counts(session, keyspace, "local_write_latency"), writes0);

      StringBuilder out = new StringBuilder();
      out.append(String.format("orders %d (paid: %d listed), %d clients, sent in %.1f s; load %s%n",
          orders, listed, concurrency, sendSeconds, Files.readString(Path.of("/proc/loadavg")).trim()));
      out.append("mutations per order, by rm_ table (system_views.local_write_latency):\n");
      double total = 0;
      for (Map.Entry<String, Long> e : writes.entrySet()) {
        if (e.getKey().startsWith("rm_") && e.getValue() > 0) {
          out.append(String.format("  %-34s %7d  %.3f%n", e.getKey(), e.getValue(), e.getValue() / (double) orders));
          total += e.getValue();
        }
      }
      out.append(String.format("  %-34s %7d  %.3f%n", "all rm_ tables", (long) total, total / orders));

      Map<String, Long> reads0 = counts(session, keyspace, "local_read_latency");
      Paged all = listAll(api, "/v1/orders?from=" + from + "&limit=50");
      Map<String, Long> reads = minus(counts(session, keyspace, "local_read_latency"), reads0);
      out.append(String.format("GET /v1/orders?from=<hour>&limit=50, paged to the end: %d pages, %d items;"
          + " partition reads %s, per page %.1f%n", all.pages(), all.items(), orderTables(reads),
          orderReads(reads) / (double) all.pages()));
      reads0 = counts(session, keyspace, "local_read_latency");
      int repeats = 20;
      for (int i = 0; i < repeats; i++) {
        expect(200, api.get("/v1/orders?from=" + from + "&limit=50"));
      }
      reads = minus(counts(session, keyspace, "local_read_latency"), reads0);
      out.append(String.format("its first page, %d times: partition reads %s, per page %.1f%n", repeats,
          orderTables(reads), orderReads(reads) / (double) repeats));
      System.out.print(out);
      session.executeWrite(com.datastax.oss.driver.api.core.cql.SimpleStatement.newInstance(
          "DROP KEYSPACE " + keyspace).setTimeout(Duration.ofSeconds(120))).toCompletableFuture().get();
    }
  }

  private record Reply(int status, String body) {
    JsonNode json() throws Exception {
      return JSON.readTree(body);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private record Api(HttpClient http, int port, String key) {
    Api(int port, String key) {
      this(HttpClient.newHttpClient(), port, key);
    }

    Api as(String other) {
      return new Api(http, port, other);
    }

    Reply get(String path) throws Exception {
      return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET());
    }

    Reply post(String path, Object json) throws Exception {
      return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(json))));
    }

    private Reply send(HttpRequest.Builder request) throws Exception {
      HttpResponse<String> response = http.send(request.header("Authorization", "Bearer " + key)
          .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(response.statusCode(), response.body());
    }
  }

  private record Paged(int pages, int items) {}

  /** 2 × 12.50 + 4.95 shipping + 5.95 VAT − 5.00 discount = 30.90 EUR (as the tests' Requests). */
  private static ObjectNode order(String id) {
    ObjectNode order = JSON.createObjectNode();
    order.put("orderId", id).put("customerId", "pm-c" + (id.hashCode() & 63))
        .put("customerEmail", "ada@example.com").put("currency", "EUR");
    order.putArray("items").addObject().put("sku", "SKU-MUG").put("description", "Mug")
        .put("quantity", 2).put("unitPrice", 1250);
    order.put("shipping", 495);
    order.putArray("taxes").addObject().put("name", "VAT").put("amount", 595);
    order.putArray("discounts").addObject().put("name", "WELCOME5").put("amount", 500);
    order.put("expectedPaymentMethod", "card");
    return order;
  }

  private static ObjectNode payment(String id) {
    ObjectNode event = JSON.createObjectNode();
    event.put("eventId", "pm-e-" + id).put("gateway", "testpay").put("type", "SUCCEEDED")
        .put("orderId", id).put("paymentId", "pi_pm-e-" + id).put("method", "card")
        .put("occurredAt", Instant.now().toString()).put("customerId", "pm-c" + (id.hashCode() & 63));
    event.putObject("amount").put("value", 3090).put("currency", "EUR");
    return event;
  }

  private static Paged listAll(Api api, String path) throws Exception {
    int pages = 0;
    int items = 0;
    String token = null;
    do {
      Reply reply = api.get(path + (token == null ? "" : "&pageToken=" + token));
      expect(200, reply);
      JsonNode page = reply.json();
      pages++;
      items += page.path("items").size();
      token = page.path("nextPageToken").isMissingNode() ? null : page.path("nextPageToken").asText();
    } while (token != null);
    return new Paged(pages, items);
  }

  private static Map<String, Long> orderTables(Map<String, Long> reads) {
    Map<String, Long> tables = new TreeMap<>();
    reads.forEach((t, n) -> {
      if (t.startsWith("rm_orders_by_hour") && n > 0) {
        tables.put(t, n);
      }
    });
    return tables;
  }

  private static long orderReads(Map<String, Long> reads) {
    return orderTables(reads).values().stream().mapToLong(Long::longValue).sum();
  }

  private static Map<String, Long> counts(CassandraSession session, String keyspace, String view) throws Exception {
    Map<String, Long> counts = new TreeMap<>();
    session.selectAll("SELECT table_name, count FROM system_views." + view + " WHERE keyspace_name = ?", keyspace)
        .toCompletableFuture().get().forEach(r -> counts.put(r.getString("table_name"), r.getLong("count")));
    return counts;
  }

  private static Map<String, Long> minus(Map<String, Long> now, Map<String, Long> before) {
    Map<String, Long> diff = new TreeMap<>();
    now.forEach((t, n) -> diff.put(t, n - before.getOrDefault(t, 0L)));
    return diff;
  }

  /**
   * Posts until acknowledged: a 503 (a busy box: nothing was acknowledged) is sent again, and the
   * answer to a resend may be the duplicate's.
   */
  private static void sent(Api api, String path, ObjectNode body) throws Exception {
    Reply reply = api.post(path, body);
    for (int i = 0; reply.status() == 503 && i < 20; i++) {
      Thread.sleep(500);
      reply = api.post(path, body);
    }
    if (reply.status() / 100 != 2 && reply.status() != 409) {
      throw new IllegalStateException(path + ": " + reply.status() + " " + reply.body());
    }
  }

  private static void expect(int status, Reply reply) {
    if (reply.status() != status) {
      throw new IllegalStateException(reply.status() + " " + reply.body());
    }
  }
}
