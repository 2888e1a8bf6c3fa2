package payledger.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;

/** One benchmark run's figures: JSON for machines, a section of docs/BENCHMARKS.md for people. */
record Results(Raw raw, Phase saturation, Phase halfRate, int concurrency, long phaseSeconds,
    String commit, String at, int cores, String serviceOptions, int batch) {

  record Raw(RawCeiling.Result result, double cassandraCpuPercent, long cassandraRssKb) {}

  record Phase(String name, Map<String, String> settings, Map<String, Recorder.Summary> requests,
      double serviceCpuPercent, double serviceJitPercent, long serviceRssKb,
      double cassandraCpuPercent, long cassandraRssKb, double loadAverage, CassandraWork cassandra,
      String projectionLag) {

    /** Payment events (generic and Stripe) answered 2xx, per second of the run. */
    double paymentEventsPerSecond() {
      return okPerSecond(Ingestion.EVENT) + okPerSecond(Ingestion.STRIPE);
    }

    /** Every acknowledged write (orders and payment events), per second. */
    double writesPerSecond() {
      return requests.values().stream().mapToDouble(Recorder.Summary::okPerSecond).sum();
    }

    double errorPercent() {
      long ok = requests.values().stream().mapToLong(Recorder.Summary::ok).sum();
      long failed = requests.values().stream().mapToLong(Recorder.Summary::failed).sum();
      return ok + failed == 0 ? 0 : 100.0 * failed / (ok + failed);
    }

    Recorder.Summary events() {
      return requests.getOrDefault(Ingestion.EVENT, new Recorder.Summary(0, 0, 0, 0, 0, 0, 0));
    }

    private double okPerSecond(String name) {
      Recorder.Summary s = requests.get(name);
      return s == null ? 0 : s.okPerSecond();
    }

    /** Payment events answered 2xx in the phase. */
    double paymentEvents() {
      return requests.entrySet().stream()
          .filter(e -> e.getKey().equals(Ingestion.EVENT) || e.getKey().equals(Ingestion.STRIPE))
          .mapToDouble(e -> e.getValue().ok()).sum();
    }

    /** Cassandra's work in the phase per payment event acknowledged: writes, reads, busiest tables. */
    String cassandraPerEvent() {
      double n = Math.max(1, paymentEvents());
      return String.format(Locale.ROOT, "%.1f writes + %.1f reads (%s)",
          cassandra.totalWrites() / n, cassandra.totalReads() / n, cassandra.top(n, 6));
    }

    String summary() {
      Recorder.Summary e = events();
      return String.format(Locale.ROOT,
          "%s: %,.0f payment events/s, %,.0f writes/s, errors %.2f %%, payment event p50/p95/p99 %d/%d/%d ms; "
              + "CPU service %.0f %% (JIT %.0f %%), Cassandra %.0f %%; load average %.1f; Cassandra per payment event: %s; "
              + "read-model lag: %s",
          name, paymentEventsPerSecond(), writesPerSecond(), errorPercent(), e.p50(), e.p95(), e.p99(),
          serviceCpuPercent, serviceJitPercent, cassandraCpuPercent, loadAverage, cassandraPerEvent(),
          projectionLag);
    }
  }

  Results(Raw raw, Phase saturation, Phase halfRate, int concurrency, Duration phase, Path home)
      throws IOException, InterruptedException {
    this(raw, saturation, halfRate, concurrency, phase.toSeconds(), commit(home),
        Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), Runtime.getRuntime().availableProcessors(),
        System.getProperty("serviceJvm", "").trim(), Integer.getInteger("batch", 1));
  }

  /** The service's durable writes per second over the raw ceiling's rows per second. */
  double ratio() {
    return saturation.writesPerSecond() / raw.result().rowsPerSecond();
  }

  String json() throws IOException {
    return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(this);
  }

  String summary() {
    return String.format(Locale.ROOT,
        "raw %,.0f rows/s; service %,.0f writes/s (%,.0f payment events/s) = %.2f of raw; at %s events/s: "
            + "p50/p95/p99 %d/%d/%d ms",
        raw.result().rowsPerSecond(), saturation.writesPerSecond(), saturation.paymentEventsPerSecond(),
        ratio(), halfRate.settings().get("rate"), halfRate.events().p50(), halfRate.events().p95(),
        halfRate.events().p99());
  }

  void appendTo(Path file) throws IOException {
    Recorder.Summary half = halfRate.events();
    String section = String.format(Locale.ROOT, """

        ### %s, commit %s (%d cores, %d s per phase, %d %s in flight)
        %s
        | | raw Cassandra | service, as fast as it goes | service at half that rate |
        |---|---|---|---|
        | rate | %,.0f rows/s | %,.0f writes/s (%,.0f payment events/s + orders) | %s payment events/s offered, %,.0f answered |
        | ratio to raw | 1 | %.2f | |
        | latency p50 / p95 / p99 | %.1f / – / %.1f ms | %d / %d / %d ms | %d / %d / %d ms |
        | errors | 0 | %.2f %% | %.2f %% |
        | CPU service / Cassandra (%% of a core) | – / %.0f | %.0f / %.0f | %.0f / %.0f |
        | of which the service's JIT compiler threads | | %.0f %% | %.0f %% |
        | RSS service / Cassandra | – / %d MB | %d / %d MB | %d / %d MB |
        | load average (1 min) | | %.1f | %.1f |
        | Cassandra requests per payment event | | %s | %s |
        | read-model lag (journal to read model) | | %s | %s |

        ```mermaid
        xychart-beta
          title "Durable writes per second, %s"
          x-axis ["raw Cassandra", "service (all writes)", "service (payment events)"]
          y-axis "per second"
          bar [%.0f, %.0f, %.0f]
        ```
        """,
        at, commit, cores, phaseSeconds, concurrency,
        batch > 1 ? "batches of " + batch + " orders" : "orders",
        (serviceOptions.isEmpty() ? "The service as shipped (embedded default)."
            : "Service JVM options: `" + serviceOptions + "`.")
            + (batch > 1 ? " Payment events posted " + batch + " at a time to `POST /v1/payment-events/batch`"
                + " (one clean capture per order; each order registered by a request of its own)." : ""),
        raw.result().rowsPerSecond(), saturation.writesPerSecond(), saturation.paymentEventsPerSecond(),
        halfRate.settings().get("rate"), halfRate.paymentEventsPerSecond(),
        ratio(),
        raw.result().p50Micros() / 1000.0, raw.result().p99Micros() / 1000.0,
        saturation.events().p50(), saturation.events().p95(), saturation.events().p99(),
        half.p50(), half.p95(), half.p99(),
        saturation.errorPercent(), halfRate.errorPercent(),
        raw.cassandraCpuPercent(), saturation.serviceCpuPercent(), saturation.cassandraCpuPercent(),
        halfRate.serviceCpuPercent(), halfRate.cassandraCpuPercent(),
        saturation.serviceJitPercent(), halfRate.serviceJitPercent(),
        raw.cassandraRssKb() / 1024, saturation.serviceRssKb() / 1024, saturation.cassandraRssKb() / 1024,
        halfRate.serviceRssKb() / 1024, halfRate.cassandraRssKb() / 1024,
        saturation.loadAverage(), halfRate.loadAverage(),
        saturation.cassandraPerEvent(), halfRate.cassandraPerEvent(),
        saturation.projectionLag(), halfRate.projectionLag(),
        at.substring(0, 10),
        raw.result().rowsPerSecond(), saturation.writesPerSecond(), saturation.paymentEventsPerSecond());
    Files.writeString(file, section, StandardCharsets.UTF_8,
        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  private static String commit(Path home) throws IOException, InterruptedException {
    Process git = new ProcessBuilder("git", "describe", "--always", "--dirty")
        .directory(home.toFile()).redirectErrorStream(true).start();
    String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    return git.waitFor() == 0 ? out : "unknown";
  }
}
