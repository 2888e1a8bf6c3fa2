package payledger.readmodel;

import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.BatchableStatement;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import payledger.Service;
import payledger.cassandra.LocalCassandra;
import payledger.testing.ApiClient;
import payledger.testing.TestConfigs;

/**
 * The report's benchmark (a test-scope main, not a test; see load-tests/README.md), {@code report
 * [orders]}: KPI facts of that many orders over November 2026 (each paid once; 2 % with a
 * discrepancy, 1 % with a case), tallied as an upgraded node starts its tallies; then the month report
 * over HTTP, timed. The read models' lag under load is measured by load-tests/benchmark.sh.
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
    String keyspace = "payledger_bench_" + System.currentTimeMillis() / 1000;
    try (Service service = Service.start(TestConfigs.service("""
        pekko.persistence.cassandra.journal.keyspace = %s
        """.formatted(keyspace)), Clock.systemUTC())) {
      ApiClient api = new ApiClient(service.httpPort());
      api.awaitJournal();
      report(service, api, args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000); // report [orders]
      ReadSide.of(service.system()).session().executeWrite(SimpleStatement.newInstance(
          "DROP KEYSPACE " + keyspace).setTimeout(Duration.ofSeconds(120))).toCompletableFuture().get();
    }
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
            Set.of(KpiFact.Flag.RECONCILED.name(), KpiFact.Flag.AUTO_RECONCILED.name())));
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
    // The facts came in behind the projections' backs, as in a keyspace of the version before
    // tallies: drop the tallies and start them from the facts, as an upgraded node does.
    side.session().executeWrite(SimpleStatement.newInstance("TRUNCATE " + ks + ".rm_kpi_tally")
        .setTimeout(Duration.ofSeconds(60))).toCompletableFuture().get();
    long started = System.nanoTime();
    for (String tag : ReadModelProjections.tags()) {
      new KpiTallies(side.kpis(), tag, tag.startsWith("disputes") ? KpiTagging.ofDisputeTag(tag)
          : KpiTagging.ofOrderTag(tag)).update(held -> CompletableFuture.completedFuture(
              new KpiTallies.Group(java.util.Map.of(), java.util.Map.of()))).toCompletableFuture().get();
    }
    System.out.printf("the tallies of %d tags started from the facts in %.1f s%n", ReadModelProjections.tags().size(),
        (System.nanoTime() - started) / 1e9);
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
    return SimpleStatement.newInstance("INSERT INTO " + ks + "." + ReadModelRows.KPI_FACTS + " (day, shard, kind, item_id,"
        + " method, gateway, category, started_at, ack_at, ack_due, done_at, done_due, flags, csat)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", day, shard, kind, id, method, gateway,
        category, started, kind.equals("CASE") ? started.plusSeconds(600) : null,
        kind.equals("CASE") ? started.plusSeconds(3600) : null, done, due, flags,
        kind.equals("CASE") ? 4 : null);
  }
}
