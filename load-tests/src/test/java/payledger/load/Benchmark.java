package payledger.load;

import com.datastax.oss.driver.api.core.CqlSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The ingestion benchmark, in one run on one machine (see load-tests/README.md): starts a
 * Cassandra node of its own ({@link BenchNode}; it refuses to run if one answers there already), an
 * SMTP sink and the service; measures the node's raw write
 * ceiling; warms the service up until its JIT settles; then, {@code -Drepeat} times, the service's
 * sustained durable ingestion (closed model: as fast as it goes) and its latency at half that rate
 * (open model); optionally a soak at half rate; and the raw ceiling again. Every phase is counted
 * until the read models and the receipts caught up, and reported per acknowledged payment event:
 * CPU-ms of each process and of the rest of the box, Cassandra's mutations and reads. Writes
 * {@code load-tests/target/benchmark/results.json} and appends a section to docs/BENCHMARKS.md.
 * Run from the repository root.
 */
public final class Benchmark {

  /**
   * The service under test runs on ports and a keyspace of its own, beside any dev node on the
   * defaults, and sends its mail to the benchmark's SMTP sink (its embedded one off, so that the
   * sink's CPU is not counted as the service's), against the benchmark's own Cassandra node
   * ({@link BenchNode}).
   */
  static final String SERVICE_URL = "http://127.0.0.1:8090";

  private static final int SMTP_PORT = 3125;

  private static final Map<String, String> SERVICE_ENV = Map.of(
      "PAYLEDGER_STRIPE_SIGNING_SECRETS", Load.STRIPE_SECRET,
      "PAYLEDGER_HTTP_PORT", "8090",
      "PAYLEDGER_MANAGEMENT_PORT", "8568",
      "PAYLEDGER_REMOTE_PORT", "25530",
      "PAYLEDGER_KEYSPACE", "payledger_bench",
      "CASSANDRA_CONTACT_POINT", BenchNode.CONTACT_POINT,
      "PAYLEDGER_SMTP_EMBEDDED", "false",
      "PAYLEDGER_SMTP_HOST", "127.0.0.1",
      "PAYLEDGER_SMTP_PORT", Integer.toString(SMTP_PORT));

  private Benchmark() {}

  public static void main(String[] args) throws Exception {
    Options o = Options.fromSystemProperties();
    Pinning pin = new Pinning(o.pin());
    System.out.println(o);
    Path home = Path.of("").toAbsolutePath();
    Path out = Files.createDirectories(home.resolve("load-tests/target/benchmark"));

    Process service = null;
    try (BenchNode node = BenchNode.start(home, out, pin);
        Mailbox mail = Mailbox.start(SMTP_PORT, out.resolve("smtp-sink.log"))) {
      long cassandraPid = node.pid();
      CassandraSettings settings;
      Results.Raw before;
      try (CqlSession session = BenchNode.connect()) {
        RawCeiling.dropKeyspace(session);
        settings = CassandraSettings.read(session, cassandraPid);
        warmUpRaw(session, o.rawRows());
        before = raw(session, cassandraPid, o.rawRows(), "before");
      }

      Path gcLog = out.resolve(GcPauses.FILE);
      Files.deleteIfExists(gcLog);
      service = Launcher.service(home, out.resolve("service.log"), gcLog, pin, SERVICE_ENV);
      Launcher.awaitReady("http://127.0.0.1:8568/ready", Duration.ofMinutes(3));
      Rig rig = new Rig(service.pid(), cassandraPid, mail, gcLog);
      Warmup warmup = Warmup.run(rig, Duration.ofSeconds(o.warmupStep()),
          Duration.ofSeconds(o.warmupSeconds()), o.concurrency());
      String serviceGc = JvmMetrics.collectors(ProjectionLag.metrics(SERVICE_URL));

      List<Phase> saturation = new ArrayList<>();
      List<Phase> halfRate = new ArrayList<>();
      String seconds = Long.toString(o.seconds());
      for (int i = 1; i <= o.repeat(); i++) {
        Phase full = rig.measure("saturation-" + i,
            Map.of("concurrency", Integer.toString(o.concurrency()), "seconds", seconds));
        saturation.add(full);
        halfRate.add(rig.measure("half-rate-" + i,
            Map.of("rate", rate(full.paymentEventsPerSecond() / 2), "seconds", seconds)));
      }
      Soak soak = o.soakSeconds() == 0 ? null : Soak.run(rig,
          Double.parseDouble(rate(Spread.of(saturation, Phase::paymentEventsPerSecond).median() / 2)),
          Duration.ofSeconds(o.soakSeconds()), Duration.ofSeconds(30));

      stop(service); // the raw ceiling again, on the node as the service's phases left it
      service = null;
      Results.Raw after;
      try (CqlSession session = BenchNode.connect()) {
        after = raw(session, cassandraPid, o.rawRows(), "after");
      }

      Results results = Results.of(home, o, settings, pin, serviceGc, before, after, warmup,
          saturation, halfRate, soak);
      Files.writeString(out.resolve("results.json"), results.json());
      Report.appendTo(results, home.resolve("docs/BENCHMARKS.md"));
      System.out.println(results.summary());
    } finally {
      if (service != null) {
        stop(service);
      }
    }
    Load.writeReports();
  }

  /**
   * Unreported passes until one is within 10 % of the one before, at most 5: a node just started
   * wrote 3,463 rows/s here, 8,383 once warm, and one warming pass of 50,000 rows was not enough.
   */
  private static void warmUpRaw(CqlSession session, long rows) throws InterruptedException {
    double previous = 0;
    for (int pass = 1; pass <= 5; pass++) {
      double rate = RawCeiling.measure(session, rows, 256).rowsPerSecond();
      RawCeiling.drop(session);
      System.out.printf(Locale.ROOT, "raw ceiling warm-up pass %d: %,.0f rows/s%n", pass, rate);
      if (rate < previous * 1.1) {
        return;
      }
      previous = rate;
    }
  }

  private static Results.Raw raw(CqlSession session, long cassandraPid, long rows, String when)
      throws InterruptedException {
    ProcessStats before = ProcessStats.of(cassandraPid);
    RawCeiling.Result result = RawCeiling.measure(session, rows, 256);
    ProcessStats after = ProcessStats.of(cassandraPid);
    RawCeiling.drop(session);
    System.out.printf(Locale.ROOT, "raw ceiling %s: %,.0f rows/s (p50 %d µs, p99 %d µs)%n", when,
        result.rowsPerSecond(), result.p50Micros(), result.p99Micros());
    return new Results.Raw(result, after.cpuPercentSince(before), after.rssKb());
  }

  /** A payment-event rate for the open model: whole events per second, at least one. */
  private static String rate(double perSecond) {
    return Long.toString(Math.max(1, Math.round(perSecond)));
  }

  /** SIGTERM: the node leaves the cluster and stops in order. */
  static void stop(Process service) throws InterruptedException {
    service.destroy();
    service.waitFor(60, TimeUnit.SECONDS);
  }
}
