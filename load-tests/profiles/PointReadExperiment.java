import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Issue 23 experiment: what looking up N ledger payments in stl_payments costs the client and the
 * node, by the run's way (multi-key IN of 100, paged as the driver pages by default: the node reads
 * the keys one at a time through its MultiPartitionPager), the same IN unpaged, and one async
 * single-key read per payment; plus a paged scan of the same payments from stl_payments_by_day.
 * Uses the benchmark's seeded payments (keyspace payledger_bench, gateway adyen, ids
 * 8000000000000000 + k). Prints rows and CPU-s of this JVM and of the node per variant.
 *   java -cp CLASSPATH load-tests/profiles/PointReadExperiment.java NODE_PID PORT [N]
 */
public final class PointReadExperiment {
  public static void main(String[] args) throws Exception {
    long nodePid = Long.parseLong(args[0]);
    int port = Integer.parseInt(args[1]);
    int n = args.length > 2 ? Integer.parseInt(args[2]) : 200_000;
    try (CqlSession s = CqlSession.builder().addContactPoint(new InetSocketAddress("127.0.0.1", port))
        .withLocalDatacenter("datacenter1").build()) {
      PreparedStatement in = s.prepare("SELECT * FROM payledger_bench.stl_payments WHERE gateway = ? AND payment_id IN ?");
      PreparedStatement one = s.prepare("SELECT * FROM payledger_bench.stl_payments WHERE gateway = ? AND payment_id = ?");
      PreparedStatement day = s.prepare("SELECT * FROM payledger_bench.stl_payments_by_day WHERE day = ? AND gateway = ?");
      for (int repeat = 0; repeat < 2; repeat++) { // the first round warms both JVMs up
        String tag = repeat == 0 ? "warm-up " : "";
        measure(tag + "IN of 100, paged (as the run)", nodePid, () -> inReads(s, in, n, 5000));
        measure(tag + "IN of 100, unpaged", nodePid, () -> inReads(s, in, n, -1));
        measure(tag + "one read per payment, 64 in flight", nodePid, () -> singleReads(s, one, n));
        measure(tag + "scan of stl_payments_by_day (whole day partition)", nodePid, () -> {
          AtomicLong rows = new AtomicLong();
          AsyncResultSet page = s.executeAsync(day.bind("2026-11-02", "adyen")).toCompletableFuture().join();
          while (true) {
            page.currentPage().forEach(r -> rows.incrementAndGet());
            if (!page.hasMorePages()) {
              break;
            }
            page = page.fetchNextPage().toCompletableFuture().join();
          }
          return rows.get();
        });
      }
    }
  }

  interface Work {
    long run() throws Exception;
  }

  static void measure(String what, long nodePid, Work work) throws Exception {
    long[] a = cpu(nodePid);
    long t0 = System.nanoTime();
    long rows = work.run();
    long[] b = cpu(nodePid);
    System.out.printf("%-52s %,9d rows in %6.1f s; CPU-s client %5.2f, node %6.2f; µs per row client %5.1f, node %6.1f%n",
        what, rows, (System.nanoTime() - t0) / 1e9, (b[0] - a[0]) / 1e9, (b[1] - a[1]) / 1e9,
        (b[0] - a[0]) / 1e3 / rows, (b[1] - a[1]) / 1e3 / rows);
  }

  static long inReads(CqlSession s, PreparedStatement in, int n, int pageSize) {
    Semaphore inFlight = new Semaphore(80); // the run: 8 chunks of 10 reads
    AtomicLong rows = new AtomicLong();
    List<CompletableFuture<?>> all = new ArrayList<>();
    for (int k = 0; k < n; k += 100) {
      List<String> ids = new ArrayList<>(100);
      for (int j = k; j < Math.min(n, k + 100); j++) {
        ids.add(String.valueOf(8_000_000_000_000_000L + j));
      }
      BoundStatement st = in.bind("adyen", ids).setPageSize(pageSize);
      inFlight.acquireUninterruptibly();
      all.add(drain(s.executeAsync(st), rows).toCompletableFuture().whenComplete((x, e) -> inFlight.release()));
    }
    CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
    return rows.get();
  }

  static long singleReads(CqlSession s, PreparedStatement one, int n) {
    Semaphore inFlight = new Semaphore(64);
    AtomicLong rows = new AtomicLong();
    List<CompletableFuture<?>> all = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      inFlight.acquireUninterruptibly();
      all.add(drain(s.executeAsync(one.bind("adyen", String.valueOf(8_000_000_000_000_000L + k))), rows)
          .toCompletableFuture().whenComplete((x, e) -> inFlight.release()));
    }
    CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
    return rows.get();
  }

  static CompletionStage<Void> drain(CompletionStage<AsyncResultSet> page, AtomicLong rows) {
    return page.thenCompose(p -> {
      p.currentPage().forEach(r -> rows.incrementAndGet());
      return p.hasMorePages() ? drain(p.fetchNextPage(), rows) : CompletableFuture.completedFuture(null);
    });
  }

  static long[] cpu(long nodePid) throws Exception {
    long self = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
    String stat = Files.readString(Path.of("/proc", String.valueOf(nodePid), "stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return new long[] {self, (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L};
  }
}
