package payledger.load;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * How long a long order takes to start from the real Cassandra journal, with snapshots off (the
 * shipped {@code payledger.order.snapshot-every = 0}) and on: the measurement behind that setting.
 * For each setting, in a keyspace of its own, orders of each size are written over HTTP to the
 * shipped jar (registered, then paid a cent at a time; read side off); then, in rounds, a fresh
 * service JVM per setting (so no entity is running and neither setting starts in a warmer JVM)
 * starts one unmeasured order of each size (the recovery code's first run), then times each
 * order's first {@code GET /v1/orders/{id}} (which recovers it), with the service's and
 * Cassandra's CPU time (/proc) and Cassandra's own reads per table over those starts. The rounds
 * alternate the settings' order. Prints markdown tables. Run with
 * {@code load-tests/recovery-benchmark.sh [-Dsizes=200,1000] [-DsnapshotEvery=0,100] [-Dorders=5]
 * [-Drounds=2]} against the benchmarks' own Cassandra node ({@link BenchNode}).
 */
public final class Recovery {

  private static final String URL = "http://127.0.0.1:8090";
  private static final String GATEWAY = "Bearer dev-gateway-key";
  private static final String ADMIN = "Bearer dev-admin-key";
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

  private Recovery() {}

  public static void main(String[] args) throws Exception {
    int[] sizes = ints(System.getProperty("sizes", "200,1000"));
    int[] settings = ints(System.getProperty("snapshotEvery", "0,100"));
    int orders = Integer.getInteger("orders", 5);
    int rounds = Integer.getInteger("rounds", 2);
    Path home = Path.of("").toAbsolutePath();
    Path out = Files.createDirectories(home.resolve("load-tests/target/recovery"));
    try (BenchNode node = BenchNode.start(home, out, new Pinning(false));
        CqlSession cql = BenchNode.connect()) {
      long cassandraPid = node.pid();
      for (int every : settings) {
        write(home, out, cql, every, sizes, orders);
      }
      for (int round = 1; round <= rounds; round++) {
        int[] order = round % 2 == 1 ? settings : reversed(settings);
        for (int every : order) {
          measure(home, out, cql, cassandraPid, every, sizes, orders, round);
        }
      }
      for (int every : settings) {
        cql.execute(SimpleStatement.newInstance("DROP KEYSPACE IF EXISTS " + keyspace(every))
            .setTimeout(Duration.ofSeconds(120)));
      }
    }
    System.exit(0);
  }

  /** The orders of every size, each with one more order per size that warms the recovery code. */
  private static void write(Path home, Path out, CqlSession cql, int every, int[] sizes, int orders)
      throws Exception {
    cql.execute(SimpleStatement.newInstance("DROP KEYSPACE IF EXISTS " + keyspace(every))
        .setTimeout(Duration.ofSeconds(120)));
    Process service = start(home, out, every, "write");
    long begin = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(orders + 1);
    try {
      List<Future<?>> writes = new ArrayList<>();
      for (int size : sizes) {
        for (int i = 0; i <= orders; i++) {
          String id = orderId(size, i);
          writes.add(pool.submit(() -> {
            send(post("/v1/orders", Payloads.order(id, "custrecovery")));
            String at = Instant.now().toString();
            for (int p = 1; p < size; p++) {
              String event = id + "-" + p;
              send(post("/v1/payment-events",
                  Payloads.event(event, id, event, "SUCCEEDED", 1, at)));
            }
            return null;
          }));
        }
      }
      for (Future<?> write : writes) {
        write.get();
      }
    } finally {
      pool.shutdownNow();
      Benchmark.stop(service);
    }
    System.out.printf(Locale.ROOT, "snapshot-every = %d: orders written in %.0f s%n", every,
        (System.nanoTime() - begin) / 1e9);
  }

  private static void measure(Path home, Path out, CqlSession cql, long cassandraPid, int every,
      int[] sizes, int orders, int round) throws Exception {
    Process service = start(home, out, every, "round-" + round);
    try {
      System.out.printf(Locale.ROOT, "%nsnapshot-every = %d, round %d (a fresh service JVM)%n",
          every, round);
      System.out.println("| events in the journal | orders"
          + " | start + first answer: median / max (ms) | CPU-ms per start: service / Cassandra"
          + " | Cassandra reads per start, by table |");
      System.out.println("|---|---|---|---|---|");
      for (int size : sizes) { // unmeasured: the recovery code's first run
        send(get("/v1/orders/" + orderId(size, orders)));
      }
      for (int size : sizes) {
        long events = 0;
        for (int i = 0; i < orders; i++) {
          events += cql.execute("SELECT count(*) FROM " + keyspace(every) + ".messages"
              + " WHERE persistence_id = ? AND partition_nr = 0", "OrderLedger|" + orderId(size, i))
              .one().getLong(0);
        }
        Map<String, Long> readsBefore = reads(cql, keyspace(every));
        ProcessStats serviceBefore = ProcessStats.of(service.pid());
        ProcessStats cassandraBefore = ProcessStats.of(cassandraPid);
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < orders; i++) {
          long start = System.nanoTime();
          send(get("/v1/orders/" + orderId(size, i)));
          millis.add((System.nanoTime() - start) / 1e6);
        }
        ProcessStats serviceAfter = ProcessStats.of(service.pid());
        ProcessStats cassandraAfter = ProcessStats.of(cassandraPid);
        Map<String, Long> readsAfter = reads(cql, keyspace(every));
        Collections.sort(millis);
        StringBuilder byTable = new StringBuilder();
        readsAfter.forEach((table, count) -> {
          long delta = count - readsBefore.getOrDefault(table, 0L);
          if (delta > 0) {
            byTable.append(byTable.isEmpty() ? "" : ", ")
                .append(String.format(Locale.ROOT, "%s %.1f", table, (double) delta / orders));
          }
        });
        System.out.printf(Locale.ROOT, "| %d | %d | %.1f / %.1f | %.0f / %.0f | %s |%n",
            events / orders, orders, millis.get(millis.size() / 2), millis.get(millis.size() - 1),
            cpuMillis(serviceBefore, serviceAfter) / orders,
            cpuMillis(cassandraBefore, cassandraAfter) / orders, byTable);
      }
    } finally {
      Benchmark.stop(service);
    }
  }

  /** The shipped jar, read side off, on the benchmark's ports, in the setting's keyspace. */
  private static Process start(Path home, Path out, int every, String name)
      throws IOException, InterruptedException {
    Process service = Launcher.service(home, out.resolve("service-" + every + "-" + name + ".log"),
        List.of("-Dpayledger.order.snapshot-every=" + every, "-Dpayledger.read-side.enabled=false"),
        Map.of("PAYLEDGER_HTTP_PORT", "8090", "PAYLEDGER_MANAGEMENT_PORT", "8568",
            "PAYLEDGER_REMOTE_PORT", "25530", "PAYLEDGER_KEYSPACE", keyspace(every),
            "PAYLEDGER_SMTP_EMBEDDED", "false", "CASSANDRA_CONTACT_POINT", BenchNode.CONTACT_POINT));
    Launcher.awaitReady("http://127.0.0.1:8568/ready", Duration.ofMinutes(3));
    return service;
  }

  private static String keyspace(int every) {
    return "payledger_recovery_" + every;
  }

  /** At most 8 digits in a payment event's id: nothing the API could take for a card number. */
  private static String orderId(int size, int i) {
    return "recovery-" + size + "-" + i;
  }

  private static double cpuMillis(ProcessStats before, ProcessStats after) {
    return (after.cpuTicks() - before.cpuTicks()) * 10.0; // USER_HZ 100: a tick is 10 ms
  }

  private static Map<String, Long> reads(CqlSession cql, String keyspace) {
    Map<String, Long> counts = new TreeMap<>();
    for (Row row : cql.execute("SELECT table_name, count FROM system_views.local_read_latency"
        + " WHERE keyspace_name = ? ALLOW FILTERING", keyspace)) {
      counts.put(row.getString("table_name"), row.getLong("count"));
    }
    return counts;
  }

  private static HttpRequest post(String path, String body) {
    return HttpRequest.newBuilder(URI.create(URL + path)).timeout(Duration.ofSeconds(30))
        .header("Authorization", GATEWAY).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
  }

  private static HttpRequest get(String path) {
    return HttpRequest.newBuilder(URI.create(URL + path)).timeout(Duration.ofSeconds(30))
        .header("Authorization", ADMIN).GET().build();
  }

  private static void send(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<String> reply = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    if (reply.statusCode() >= 300) {
      throw new IllegalStateException(request.method() + " " + request.uri() + ": "
          + reply.statusCode() + " " + reply.body());
    }
  }

  private static int[] ints(String list) {
    return Arrays.stream(list.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
  }

  private static int[] reversed(int[] values) {
    int[] copy = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      copy[i] = values[values.length - 1 - i];
    }
    return copy;
  }
}
