package payledger.readmodel;

import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.BatchableStatement;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import payledger.Service;
import payledger.cassandra.LocalCassandra;
import payledger.testing.ApiClient;
import payledger.testing.Orders;
import payledger.testing.Requests;
import payledger.testing.TestConfigs;

/**
 * The read side's benchmark (a test-scope main, not a test; see load-tests/README.md):
 * <ul>
 *   <li>{@code lag [perSecond] [seconds]}: payment events over HTTP at a steady rate into a one-node
 *       service on the local Cassandra node; the projection lag histogram (journal write to read
 *       models written) for the run, p50 / p99 per projection.</li>
 *   <li>{@code report [orders]}: KPI facts of that many orders over November 2026 (each paid once;
 *       2 % with a discrepancy, 1 % with a case), summarised by the service's own aggregator; then
 *       the month report over HTTP, timed.</li>
 * </ul>
 */
public final class ReadSideBenchmark {

  public static void main(String[] args) {
    try {
      run(args);
    } catch (Throwable t) {
      t.printStackTrace();
      System.exit(1); // the service's and the client's threads would keep the JVM alive
    }
    System.exit(0);
  }

  private static void run(String[] args) throws Exception {
    LocalCassandra.ensureRunning(Path.of(System.getProperty("user.dir")));
    String mode = args.length > 0 ? args[0] : "lag";
    String keyspace = "payledger_bench_" + System.currentTimeMillis() / 1000;
    try (Service service = Service.start(TestConfigs.service("""
        pekko.persistence.cassandra.journal.keyspace = %s
        payledger.read-side.kpi-interval = 1s
        """.formatted(keyspace)), Clock.systemUTC())) {
      ApiClient api = new ApiClient(service.httpPort());
      api.awaitJournal();
      if (mode.equals("report")) {
        report(service, api, args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000);
      } else {
        lag(service, api, args.length > 1 ? Integer.parseInt(args[1]) : 1000,
            args.length > 2 ? Integer.parseInt(args[2]) : 60);
      }
      ReadSide.of(service.system()).session().executeWrite(SimpleStatement.newInstance(
          "DROP KEYSPACE " + keyspace).setTimeout(Duration.ofSeconds(120))).toCompletableFuture().get();
    }
  }

  private static void lag(Service service, ApiClient api, int perSecond, int seconds) throws Exception {
    List<String> orders = Orders.register(api, "bench-" + System.currentTimeMillis(), 1_000);
    System.out.println("registered " + orders.size() + " orders; waiting for the projections");
    Thread.sleep(10_000);
    Map<String, double[]> before = lagBuckets(api);
    HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(4)).build();
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    AtomicLong sent = new AtomicLong();
    AtomicLong acknowledged = new AtomicLong();
    Set<CompletableFuture<?>> inFlight = ConcurrentHashMap.newKeySet();
    long start = System.nanoTime();
    ticker.scheduleAtFixedRate(() -> {
      long n = sent.getAndIncrement();
      String orderId = orders.get((int) (n % orders.size()));
      String body = Requests.payment("bench-" + start + "-" + n, orderId, "SUCCEEDED", Requests.DUE).toString();
      HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.httpPort()
              + "/v1/payment-events")).timeout(Duration.ofSeconds(15))
          .header("Content-Type", "application/json").header("Authorization", "Bearer dev-gateway-key")
          .POST(HttpRequest.BodyPublishers.ofString(body)).build();
      CompletableFuture<?> call = http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
          .handle((r, failure) -> {
            if (r != null && r.statusCode() / 100 == 2) {
              acknowledged.incrementAndGet();
            }
            return null;
          });
      inFlight.add(call);
      call.whenComplete((x, f) -> inFlight.remove(call));
    }, 0, 1_000_000 / perSecond, TimeUnit.MICROSECONDS);
    Thread.sleep(seconds * 1000L);
    ticker.shutdownNow();
    CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).completeOnTimeout(null, 30, TimeUnit.SECONDS).join();
    double elapsed = (System.nanoTime() - start) / 1e9;
    System.out.printf("sent %d, acknowledged %d in %.1f s: %.0f events/s journaled%n",
        sent.get(), acknowledged.get(), elapsed, acknowledged.get() / elapsed);
    // Let the projections drain, then read the lag of this run's events.
    long drainStart = System.nanoTime();
    long expected = acknowledged.get();
    while (count(lagBuckets(api), "readmodel-orders") - count(before, "readmodel-orders") < expected
        && System.nanoTime() - drainStart < 600e9) {
      Thread.sleep(1000);
    }
    System.out.printf("projection drained %.1f s after the load stopped%n", (System.nanoTime() - drainStart) / 1e9);
    Map<String, double[]> after = lagBuckets(api);
    for (String projection : List.of("readmodel-orders")) {
      double[] b = before.getOrDefault(projection, new double[BOUNDS.length]);
      double[] a = after.get(projection);
      double[] run = new double[a.length];
      for (int i = 0; i < a.length; i++) {
        run[i] = a[i] - b[i];
      }
      System.out.printf("%s: %d events, lag p50 <= %s s, p99 <= %s s%n", projection, (long) run[run.length - 1],
          quantile(run, 0.5), quantile(run, 0.99));
    }
  }

  private static final String[] BOUNDS = {"0.05", "0.1", "0.25", "0.5", "1.0", "2.0", "5.0", "10.0", "30.0", "60.0", "300.0", "+Inf"};

  private static String quantile(double[] cumulative, double q) {
    double total = cumulative[cumulative.length - 1];
    for (int i = 0; i < cumulative.length; i++) {
      if (cumulative[i] >= q * total) {
        return BOUNDS[i];
      }
    }
    return "+Inf";
  }

  private static long count(Map<String, double[]> buckets, String projection) {
    double[] b = buckets.get(projection);
    return b == null ? 0 : (long) b[b.length - 1];
  }

  /** Cumulative bucket counts of payledger_projection_lag_seconds, by projection. */
  private static Map<String, double[]> lagBuckets(ApiClient api) {
    String metrics = api.get("/metrics").body();
    Map<String, double[]> buckets = new TreeMap<>();
    Matcher m = Pattern.compile("payledger_projection_lag_seconds_bucket\\{le=\"([^\"]+)\",projection=\"([^\"]+)\"} (\\S+)")
        .matcher(metrics);
    while (m.find()) {
      int i = Arrays.asList(BOUNDS).indexOf(m.group(1));
      if (i >= 0) {
        buckets.computeIfAbsent(m.group(2), k -> new double[BOUNDS.length])[i] = Double.parseDouble(m.group(3));
      }
    }
    return buckets;
  }

  private static void report(Service service, ApiClient api, int orders) throws Exception {
    ReadSide side = ReadSide.of(service.system());
    String ks = side.keyspace();
    Instant month = Instant.parse("2026-11-01T00:00:00Z");
    long start = System.nanoTime();
    List<Integer> ids = new ArrayList<>();
    for (int i = 0; i < orders; i += 50) {
      ids.add(i);
    }
    // Facts in single-partition batches of 50 (the same rows the projections write one by one).
    Source.from(ids).mapAsyncUnordered(8, first -> {
      List<BatchableStatement<?>> rows = new ArrayList<>();
      for (int i = first; i < Math.min(first + 50, orders); i++) {
        Instant at = month.plusSeconds((long) (i % 30) * 86_400 + (i / 30) % 86_400);
        String day = Days.day(at);
        int shard = KpiFact.shardOf(at);
        String method = i % 3 == 0 ? "paypal" : "card";
        String gateway = i % 2 == 0 ? "adyen" : "stripe";
        rows.add(fact(ks, day, shard, "ORDER", "o" + i, method, gateway, null, at, null, null,
            Set.of(KpiFact.RECONCILED, KpiFact.AUTO_RECONCILED)));
        rows.add(fact(ks, day, shard, "PAYMENT", "o" + i + "/p", method, gateway, null, at, null, null, Set.of()));
        if (i % 50 == 7) {
          rows.add(fact(ks, day, shard, "DISCREPANCY", "o" + i + "/D1", method, gateway, "UNDERPAYMENT", at,
              at.plusSeconds(3600 * (i % 60)), at.plusSeconds(48 * 3600), Set.of()));
        }
        if (i % 100 == 3) {
          rows.add(fact(ks, day, shard, "CASE", "c" + i, method, gateway, "PAYMENT_ISSUE", at,
              at.plusSeconds(60L * (i % 4000)), at.plusSeconds(48 * 3600), Set.of()));
        }
      }
      return retried(() -> side.session().executeWriteBatch(BatchStatement.newInstance(BatchType.UNLOGGED, rows)), 5);
    }).runWith(Sink.ignore(), service.system()).toCompletableFuture().get();
    System.out.printf("wrote the facts of %d orders in %.1f s%n", orders, (System.nanoTime() - start) / 1e9);
    long marked = System.nanoTime();
    for (int d = 0; d < 30; d++) {
      for (int s = 0; s < KpiFact.SHARDS; s++) {
        side.session().executeWrite("INSERT INTO " + ks + ".rm_kpi_dirty (name, day, shard, marked) VALUES ('kpi', ?, ?, true)",
            Days.day(month.plusSeconds(d * 86_400L)), s).toCompletableFuture().get();
      }
    }
    while (!side.kpis().dirty().toCompletableFuture().get().isEmpty()) {
      Thread.sleep(500);
    }
    System.out.printf("the aggregator summarised 30 days x %d shards in %.1f s%n", KpiFact.SHARDS,
        (System.nanoTime() - marked) / 1e9);
    for (String g : List.of("month", "day")) {
      String path = "/v1/reports/reconciliation?from=2026-11-01&to=2026-11-30&granularity=" + g;
      List<Long> millis = new ArrayList<>();
      String orderCount = null;
      for (int i = 0; i < 21; i++) {
        long t = System.nanoTime();
        ApiClient.Reply reply = api.get(path);
        millis.add((System.nanoTime() - t) / 1_000_000);
        orderCount = reply.json().path("total").path("overall").path("ordersRegistered").asText();
      }
      millis.remove(0); // the first request warms up the JIT and the prepared statements
      millis.sort(Long::compare);
      System.out.printf("report granularity=%s over %s orders: p50 %d ms, max %d ms (20 requests)%n",
          g, orderCount, millis.get(10), millis.get(19));
    }
  }

  /** The box is shared: an overloaded node times a write out; the inserts are idempotent, so retry. */
  private static <T> java.util.concurrent.CompletionStage<T> retried(
      java.util.function.Supplier<java.util.concurrent.CompletionStage<T>> write, int attempts) {
    return write.get().handle((v, f) -> f == null || attempts <= 1
            ? CompletableFuture.completedFuture(v).thenApply(x -> {
                if (f != null) {
                  throw new IllegalStateException(f);
                }
                return x;
              })
            : retried(write, attempts - 1).toCompletableFuture())
        .thenCompose(x -> x);
  }

  private static SimpleStatement fact(String ks, String day, int shard, String kind, String id,
      String method, String gateway, String category, Instant started, Instant done, Instant due,
      Set<String> flags) {
    return SimpleStatement.newInstance("INSERT INTO " + ks + ".rm_kpi_facts (day, shard, kind, item_id,"
        + " method, gateway, category, started_at, ack_at, ack_due, done_at, done_due, flags, csat)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", day, shard, kind, id, method, gateway,
        category, started, kind.equals("CASE") ? started.plusSeconds(600) : null,
        kind.equals("CASE") ? started.plusSeconds(3600) : null, done, due, flags,
        kind.equals("CASE") ? 4 : null);
  }
}
