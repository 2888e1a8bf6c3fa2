package payledger.order;

import com.datastax.oss.driver.api.core.CqlSession;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import payledger.Service;
import payledger.cassandra.LocalCassandra;
import payledger.testing.ApiClient;
import payledger.testing.Requests;
import payledger.testing.TestConfigs;

/**
 * How long an order takes to start from the real Cassandra journal, by its number of events, with
 * snapshots off (the default, {@code payledger.order.snapshot-every = 0}) and every 100 events: the
 * measurement behind that setting. Orders of each size are written over HTTP (registered, then
 * paid a cent at a time), the service is restarted so that no entity is running, and each order's
 * first {@code GET /v1/orders/{id}} (which starts it) is timed. Not a test: run it with
 * {@code load-tests/recovery-benchmark.sh}.
 */
public final class OrderRecoveryBenchmark {

  private static final int[] SIZES = {5, 100, 500};
  private static final int ORDERS_PER_SIZE = 5;

  private OrderRecoveryBenchmark() {}

  public static void main(String[] args) throws Exception {
    try (LocalCassandra node = LocalCassandra.ensureRunning(Path.of(""))) {
      for (int snapshotEvery : new int[] {0, 100}) {
        run(snapshotEvery);
      }
    }
    System.exit(0);
  }

  private static void run(int snapshotEvery) throws Exception {
    String keyspace = "payledger_recovery_" + snapshotEvery + "_" + UUID.randomUUID().toString().substring(0, 8);
    String overrides = """
        pekko.persistence.cassandra.journal.keyspace = %s
        payledger.order.snapshot-every = %d
        payledger.read-side.enabled = false
        """.formatted(keyspace, snapshotEvery);
    Map<Integer, List<String>> orders = new LinkedHashMap<>();
    try (Service service = Service.start(TestConfigs.service(overrides), Clock.systemUTC())) {
      ApiClient api = new ApiClient(service.httpPort());
      api.awaitJournal();
      for (int size : SIZES) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < ORDERS_PER_SIZE; i++) {
          String id = "recovery-" + size + "-" + i;
          check(api.post("/v1/orders", Requests.order(id)));
          for (int p = 1; p < size; p++) {
            check(api.post("/v1/payment-events", Requests.payment(id + "-" + p, id, "SUCCEEDED", 1)));
          }
          ids.add(id);
        }
        orders.put(size, ids);
      }
      check(api.post("/v1/orders", Requests.order("recovery-warm-up")));
    }
    try (Service service = Service.start(TestConfigs.service(overrides), Clock.systemUTC());
        CqlSession cql = CqlSession.builder().withLocalDatacenter("datacenter1").build()) {
      ApiClient api = new ApiClient(service.httpPort());
      api.awaitJournal();
      check(api.get("/v1/orders/recovery-warm-up")); // sharding and the journal's statements ready
      System.out.printf("snapshot-every = %d%n", snapshotEvery);
      System.out.println("| events in the journal | orders | start + first answer, median (ms) | max (ms) |");
      System.out.println("|---|---|---|---|");
      for (Map.Entry<Integer, List<String>> size : orders.entrySet()) {
        List<Double> millis = new ArrayList<>();
        long events = 0;
        for (String id : size.getValue()) {
          events += cql.execute("SELECT count(*) FROM " + keyspace + ".messages WHERE persistence_id = ?"
              + " AND partition_nr = 0", "OrderLedger|" + id).one().getLong(0);
          long start = System.nanoTime();
          check(api.get("/v1/orders/" + id));
          millis.add((System.nanoTime() - start) / 1e6);
        }
        Collections.sort(millis);
        System.out.printf(Locale.ROOT, "| %d | %d | %.1f | %.1f |%n", events / size.getValue().size(),
            millis.size(), millis.get(millis.size() / 2), millis.get(millis.size() - 1));
      }
    }
  }

  private static void check(ApiClient.Reply reply) {
    if (reply.status() >= 300) {
      throw new IllegalStateException(reply.status() + " " + reply.body());
    }
  }
}
