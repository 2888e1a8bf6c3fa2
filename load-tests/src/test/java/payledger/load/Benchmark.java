package payledger.load;

import com.datastax.oss.driver.api.core.CqlSession;
import io.gatling.app.Gatling$;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The ingestion benchmark, in one run on one machine (see load-tests/README.md): starts the local
 * Cassandra node and the service (the embedded default), measures the raw write ceiling of the
 * node, then the service's sustained durable ingestion over HTTP (closed model: as fast as it
 * goes), then its latency at half that rate (open model), and reports both JVMs' CPU and memory.
 * Writes {@code load-tests/target/benchmark/results.json} and appends the figures to
 * docs/BENCHMARKS.md. Run from the repository root.
 */
public final class Benchmark {

  private static final String STRIPE_SECRET = "whsec_load_test_secret";

  /**
   * The service under test runs on ports and a keyspace of its own, beside any dev node on the
   * defaults; only the local Cassandra node is shared (reused when one answers).
   */
  private static final String SERVICE_URL = "http://127.0.0.1:8090";

  private static final Map<String, String> SERVICE_ENV = Map.of(
      "PAYLEDGER_STRIPE_SIGNING_SECRETS", STRIPE_SECRET,
      "PAYLEDGER_HTTP_PORT", "8090",
      "PAYLEDGER_MANAGEMENT_PORT", "8568",
      "PAYLEDGER_REMOTE_PORT", "25530",
      "PAYLEDGER_KEYSPACE", "payledger_bench");

  public static void main(String[] args) throws Exception {
    Duration phase = Duration.ofSeconds(Long.getLong("seconds", 60));
    int concurrency = Integer.getInteger("concurrency", 128);
    long rawRows = Long.getLong("rawRows", 200_000);
    Duration warmup = Duration.ofSeconds(Long.getLong("warmup", 90));
    Path home = Path.of("").toAbsolutePath();
    Path out = Files.createDirectories(home.resolve("load-tests/target/benchmark"));

    Process cassandra = null;
    if (!RawCeiling.answers()) {
      cassandra = launch(home, out.resolve("cassandra.log"), Map.of(), "cassandra", "start");
      RawCeiling.awaitAnswer(Duration.ofMinutes(3));
    }
    long cassandraPid = Long.parseLong(
        Files.readString(home.resolve("var/cassandra/cassandra.pid")).trim());
    Process service = null;
    try {
      Results.Raw raw;
      try (CqlSession session = RawCeiling.connect()) {
        RawCeiling.dropKeyspace(session);
        ProcessStats before = ProcessStats.of(cassandraPid);
        RawCeiling.Result result = RawCeiling.measure(session, rawRows, 256);
        raw = new Results.Raw(result, ProcessStats.of(cassandraPid).cpuPercentSince(before),
            ProcessStats.of(cassandraPid).rssKb());
        RawCeiling.drop(session);
      }
      System.out.printf("raw ceiling: %,.0f rows/s (p50 %d µs, p99 %d µs)%n",
          raw.result().rowsPerSecond(), raw.result().p50Micros(), raw.result().p99Micros());

      service = launch(home, out.resolve("service.log"), SERVICE_ENV, "serve");
      awaitReady(Duration.ofMinutes(3));
      long servicePid = service.pid();
      // Long enough for the JIT: after 20 s the service's compiler threads still took a third of
      // its CPU through both phases (the JIT row of the results shows what is left of it).
      gatling("warmup", Map.of("rate", "100", "seconds", Long.toString(warmup.toSeconds())));

      Results.Phase saturation = measure("saturation", servicePid, cassandraPid,
          Map.of("concurrency", Integer.toString(concurrency), "seconds", Long.toString(phase.toSeconds())));
      double half = saturation.paymentEventsPerSecond() / 2;
      Results.Phase latency = measure("half-rate", servicePid, cassandraPid,
          Map.of("rate", String.format("%.0f", half), "seconds", Long.toString(phase.toSeconds())));

      Results results = new Results(raw, saturation, latency, concurrency, phase, home);
      Files.writeString(out.resolve("results.json"), results.json());
      results.appendTo(home.resolve("docs/BENCHMARKS.md"));
      System.out.println(results.summary());
    } finally {
      if (service != null) {
        service.destroy(); // SIGTERM: the node leaves the cluster and stops in order
        service.waitFor(60, TimeUnit.SECONDS);
      }
      if (cassandra != null) {
        launch(home, out.resolve("cassandra-stop.log"), Map.of(), "cassandra", "stop")
            .waitFor(60, TimeUnit.SECONDS);
      }
    }
  }

  private static Results.Phase measure(String name, long servicePid, long cassandraPid,
      Map<String, String> settings) throws IOException, InterruptedException {
    try (CqlSession session = RawCeiling.connect()) {
      CassandraWork work = CassandraWork.of(session);
      ProjectionLag lag = ProjectionLag.scrape(SERVICE_URL);
      ProcessStats service = ProcessStats.of(servicePid);
      ProcessStats cassandra = ProcessStats.of(cassandraPid);
      Map<String, Recorder.Summary> requests = gatling(name, settings);
      ProcessStats serviceAfter = ProcessStats.of(servicePid);
      ProcessStats cassandraAfter = ProcessStats.of(cassandraPid);
      // The phase's events as the read models saw them, once they caught up (or gave up).
      String projected = ProjectionLag.drained(SERVICE_URL, Duration.ofSeconds(5), Duration.ofMinutes(3))
          .since(lag).summary(Duration.ofSeconds(Long.parseLong(settings.get("seconds"))));
      Results.Phase phase = new Results.Phase(name, settings, requests,
          serviceAfter.cpuPercentSince(service), serviceAfter.jitPercentSince(service),
          serviceAfter.rssKb(),
          cassandraAfter.cpuPercentSince(cassandra), cassandraAfter.rssKb(), loadAverage(),
          CassandraWork.of(session).since(work), projected);
      System.out.println(phase.summary());
      return phase;
    }
  }

  /** Runs the payment ingestion simulation in this JVM; its report goes to target/gatling. */
  private static Map<String, Recorder.Summary> gatling(String name, Map<String, String> settings) {
    System.setProperty("concurrency", "0");
    System.setProperty("assertions", "false");
    System.setProperty("stripeSecret", STRIPE_SECRET);
    System.setProperty("baseUrl", SERVICE_URL);
    System.setProperty("runId", name + "-" + Long.toString(System.currentTimeMillis(), 36));
    settings.forEach(System::setProperty);
    Recorder.reset();
    Gatling$.MODULE$.fromArgs(new String[] {
        "--simulation", PaymentIngestionSimulation.class.getName(),
        "--results-folder", "load-tests/target/gatling", "--run-description", name});
    return Recorder.summaries();
  }

  private static Process launch(Path home, Path log, Map<String, String> env, String... command)
      throws IOException {
    ProcessBuilder builder = new ProcessBuilder();
    builder.command().add("java");
    String jvm = System.getProperty("serviceJvm", "");
    if (!jvm.isBlank() && command[0].equals("serve")) {
      builder.command().addAll(List.of(jvm.trim().split("\\s+"))); // e.g. a JFR recording
    }
    builder.command().addAll(List.of("-jar", "target/payledger.jar"));
    builder.command().addAll(List.of(command));
    builder.environment().putAll(env);
    return builder.directory(home.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
  }

  private static void awaitReady(Duration limit) throws InterruptedException {
    HttpClient client = HttpClient.newHttpClient();
    long until = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < until) {
      try {
        HttpResponse<Void> ready = client.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:8568/ready")).build(),
            HttpResponse.BodyHandlers.discarding());
        if (ready.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      TimeUnit.SECONDS.sleep(1);
    }
    throw new IllegalStateException("the service was not ready within " + limit);
  }

  private static double loadAverage() throws IOException {
    return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
  }
}
