package payledger.settlement;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.BufferedWriter;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSession;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSessionRegistry;
import payledger.cassandra.LocalCassandra;
import payledger.cassandra.Schema;
import payledger.money.Money;
import payledger.order.PaymentEventType;
import payledger.settlement.SettlementFiles.Faults;
import payledger.settlement.SettlementFiles.Settled;

/**
 * The settlement import at scale (load-tests/settlement-benchmark.sh): generates an N-line file
 * (default 1,000,000, {@code stripe} or {@code adyen} layout) streaming to disk, seeds the
 * ledger's payments for its lines (not timed), then in one JVM measures the baseline — parsing the
 * file alone — and the import (checked, staged, completed) followed by its reconciliation run, each
 * with its time and the most heap any collection left live; the import's extra heap is its peak
 * less the baseline's, and the node's own counts of mutations and reads per table and line.
 * Keyspace {@code payledger_bench} on the local Cassandra node (started if none answers on 9042;
 * {@code CASSANDRA_PORT} and {@code CASSANDRA_CONTACT_POINT} choose another). {@code SEED=0} skips
 * seeding (the payments of an earlier run of as many lines are there).
 */
public final class SettlementBenchmark {

  private static final String KEYSPACE = "payledger_bench";
  private static final Instant AT = Instant.parse("2026-11-02T08:00:00Z");

  public static void main(String[] args) throws Exception {
    int lines = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    String layout = args.length > 1 ? args[1] : "adyen";
    Path file = Files.createTempFile("settlement-bench-", ".csv");
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      SettlementFiles.write(layout, lines(layout, lines), out, Faults.NONE);
    }
    System.out.printf("generated %,d lines (%s), %,d bytes%n", lines, layout, Files.size(file));
    LocalCassandra.ensureRunning(Path.of(System.getProperty("user.dir")));
    Config config = ConfigFactory.parseString("""
            pekko.actor.provider = local
            pekko.loglevel = WARNING
            pekko.persistence.cassandra.journal.keyspace = %s
            """.formatted(KEYSPACE)).withFallback(ConfigFactory.load()).resolve();
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "settlement-bench", config);
    try {
      CassandraSession session = CassandraSessionRegistry.get(system).sessionFor("pekko.persistence.cassandra");
      Schema.create(session, KEYSPACE, 1).toCompletableFuture().get(3, TimeUnit.MINUTES);
      SettlementSettings settings = SettlementSettings.from(config);
      CassandraSettlementStore store = new CassandraSettlementStore(session, KEYSPACE);
      if (!"0".equals(System.getenv("SEED"))) {
        seed(store, layout, lines);
      }

      resetPeaks();
      long[] cpu0 = cpu();
      long t0 = System.nanoTime();
      long parsed = 0;
      try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
          SettlementReader reader = SettlementReader.open(in)) {
        while (reader.hasNext()) {
          reader.next();
          parsed++;
        }
      }
      long parseNanos = System.nanoTime() - t0;
      long parseHeap = peakAfterGc();
      report("baseline: parse alone", parsed, parseNanos, parseHeap);

      long[] cpuParse = cpu();
      java.util.Map<String, Long> atStart = tableCounts(session);
      resetPeaks();
      long[] cpu1 = cpu();
      t0 = System.nanoTime();
      SettlementImport.Outcome outcome = new SettlementImport(store, Clock.systemUTC(), settings.writesInFlight())
          .importFile(Spool.existing(file), file.getFileName().toString(), (staged, total) -> { });
      long importNanos = System.nanoTime() - t0;
      long[] cpu2 = cpu();
      java.util.Map<String, Long> afterImport = tableCounts(session);
      long[] cpu3 = cpu();
      RunTally.Summary summary = new SettlementReconciliation(store, findings -> CompletableFuture.completedFuture(org.apache.pekko.Done.getInstance()), settings, Clock.systemUTC(), system)
          .run(outcome.record()).toCompletableFuture().get(30, TimeUnit.MINUTES);
      long totalNanos = System.nanoTime() - t0;
      long[] cpu4 = cpu();
      long importHeap = peakAfterGc();
      java.util.Map<String, Long> afterRun = tableCounts(session);
      System.out.printf("CPU seconds (this JVM / the Cassandra node): parse %.1f / %.1f, import %.1f / %.1f,"
          + " reconciliation run %.1f / %.1f; load average at the end %.1f on %d cores%n",
          (cpuParse[0] - cpu0[0]) / 1e9, (cpuParse[1] - cpu0[1]) / 1e9, (cpu2[0] - cpu1[0]) / 1e9,
          (cpu2[1] - cpu1[1]) / 1e9, (cpu4[0] - cpu3[0]) / 1e9, (cpu4[1] - cpu3[1]) / 1e9,
          ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
          Runtime.getRuntime().availableProcessors());
      report("import (check + stage + complete)", outcome.record().lines(), importNanos, importHeap);
      report("reconciliation run", summary.lines(), totalNanos - importNanos, importHeap);
      report("import + reconciliation run", summary.lines(), totalNanos, importHeap);
      counts("import", atStart, afterImport, outcome.record().lines());
      counts("reconciliation run", afterImport, afterRun, summary.lines());
      System.out.printf("matched %.1f %% of %,d ledger lines; extra heap over the baseline: %,d MB"
          + " (target <= 256 MB); time %.1f x the baseline (target: <= 60 s in all)%n",
          summary.overall().percent(), summary.overall().lines(), (importHeap - parseHeap) >> 20,
          (double) totalNanos / parseNanos);
      if (outcome.replayed()) {
        System.out.println("(the file was imported before: drop keyspace " + KEYSPACE + " to measure again)");
      }
    } finally {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get(1, TimeUnit.MINUTES);
      Files.deleteIfExists(file);
    }
  }

  /** The i-th line: a payment of batch i / 10,000, every 20th a converted one. */
  private static Iterator<Settled> lines(String layout, int n) {
    return new Iterator<>() {
      private int i;

      @Override
      public boolean hasNext() {
        return i < n;
      }

      @Override
      public Settled next() {
        int k = i++;
        long gross = 1_000 + k % 50_000;
        return new Settled(batch(layout, k / 10_000), SettlementKind.PAYMENT, paymentId(layout, k),
            "order-" + k, "card", AT.plusSeconds(k % 86_400), new Money(gross, "EUR"),
            new Money(gross / 50, "EUR"), new Money(gross - gross / 50, "EUR"), null, "b" + k);
      }
    };
  }

  /** {@code BENCH_RUN} (letters) names another set of batches: the same lines imported as a new file. */
  private static String batch(String layout, int b) {
    String run = System.getenv().getOrDefault("BENCH_RUN", "");
    return layout.equals("adyen") ? "PayledgerBench" + run + ":" + (100_000 + b) : "po_bench_" + run + b;
  }

  private static String paymentId(String layout, int k) {
    return layout.equals("adyen") ? String.valueOf(8_000_000_000_000_000L + k) : "pi_bench_" + k;
  }

  /**
   * The ledger's payments for the file, upserted 100 at a time, 8 chunks in flight (within the
   * driver's requests per connection); a chunk that times out on a busy node is written again
   * (setup, not measured: the rows are idempotent upserts).
   */
  private static void seed(CassandraSettlementStore store, String layout, int n) throws Exception {
    List<List<LedgerPayment>> inFlight = new ArrayList<>();
    for (int k = 0; k < n; k += 100) {
      List<LedgerPayment> chunk = new ArrayList<>(100);
      for (int j = k; j < Math.min(n, k + 100); j++) {
        chunk.add(new LedgerPayment(layout, paymentId(layout, j), layout + ":bench-" + j, "order-" + j,
            PaymentEventType.SUCCEEDED, new Money(1_000 + j % 50_000, "EUR"), "card", AT));
      }
      inFlight.add(chunk);
      if (inFlight.size() == 8 || k + 100 >= n) {
        write(store, inFlight);
        inFlight.clear();
      }
    }
    System.out.printf("seeded %,d ledger payments%n", n);
  }

  private static void write(CassandraSettlementStore store, List<List<LedgerPayment>> chunks) throws Exception {
    for (int attempt = 1; ; attempt++) {
      List<CompletableFuture<?>> writes = new ArrayList<>();
      chunks.forEach(c -> writes.add(store.recordPayments(c).toCompletableFuture()));
      try {
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
        return;
      } catch (java.util.concurrent.ExecutionException e) {
        if (attempt == 10) {
          throw e;
        }
        Thread.sleep(1_000L * attempt);
      }
    }
  }

  /**
   * CPU nanoseconds so far of this JVM and of the local Cassandra node (found by its command line
   * marker for this project's var/cassandra; 0 when it is not on this machine or not readable).
   */
  private static long[] cpu() {
    long self = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
    String marker = "-Dpayledger.local-cassandra=" + Path.of(System.getProperty("user.dir"))
        .toAbsolutePath().normalize().resolve("var/cassandra");
    long node = ProcessHandle.allProcesses().filter(p -> {
      try {
        return new String(Files.readAllBytes(Path.of("/proc", String.valueOf(p.pid()), "cmdline")),
            StandardCharsets.UTF_8).contains(marker + "\u0000");
      } catch (Exception e) {
        return false;
      }
    }).findFirst().map(p -> {
      try {
        String[] stat = Files.readString(Path.of("/proc", String.valueOf(p.pid()), "stat"))
            .replaceFirst("^.*\\) ", "").split(" ");
        return (Long.parseLong(stat[11]) + Long.parseLong(stat[12])) * 10_000_000L; // 100 ticks/s
      } catch (Exception e) {
        return 0L;
      }
    }).orElse(0L);
    return new long[] {self, node};
  }

  /**
   * The node's own counters per table of the keyspace (system_views): {@code w:table} the
   * mutations it applied (a one-partition batch is one), {@code r:table} the partition reads,
   * {@code s:table} the range/partition scans (paged reads of a whole partition count per page).
   */
  private static java.util.Map<String, Long> tableCounts(CassandraSession session) throws Exception {
    java.util.Map<String, Long> counts = new java.util.TreeMap<>();
    for (String[] view : new String[][] {{"w", "local_write_latency"}, {"r", "local_read_latency"},
        {"s", "local_scan_latency"}}) {
      for (var row : session.selectAll("SELECT keyspace_name, table_name, count FROM system_views." + view[1])
          .toCompletableFuture().get(1, TimeUnit.MINUTES)) {
        if (KEYSPACE.equals(row.getString("keyspace_name")) && row.getString("table_name").startsWith("stl_")) {
          counts.put(view[0] + ":" + row.getString("table_name"), row.getLong("count"));
        }
      }
    }
    return counts;
  }

  private static void counts(String phase, java.util.Map<String, Long> before, java.util.Map<String, Long> after,
      long lines) {
    StringBuilder out = new StringBuilder();
    long writes = 0;
    long reads = 0;
    for (var e : after.entrySet()) {
      long delta = e.getValue() - before.getOrDefault(e.getKey(), 0L);
      if (delta > 0) {
        out.append(String.format("  %-32s %,10d  (%.4f per line)%n", e.getKey(), delta, (double) delta / lines));
        if (e.getKey().startsWith("w:")) {
          writes += delta;
        } else {
          reads += delta;
        }
      }
    }
    System.out.printf("%s, Cassandra (w: mutations applied, r: partition reads, s: scans): %,d mutations"
        + " (%.4f per line), %,d reads and scans (%.4f per line)%n%s", phase, writes, (double) writes / lines,
        reads, (double) reads / lines, out);
  }

  private static void report(String what, long lines, long nanos, long heap) {
    double seconds = nanos / 1e9;
    System.out.printf("%-36s %,10d lines in %7.1f s = %,9.0f lines/s  (heap after GC, peak: %,d MB)%n",
        what, lines, seconds, lines / seconds, heap >> 20);
  }

  private static void resetPeaks() {
    System.gc();
    ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
  }

  private static long peakAfterGc() {
    return ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP && p.getCollectionUsage() != null)
        .mapToLong(p -> p.getCollectionUsage().getUsed()).sum();
  }
}
