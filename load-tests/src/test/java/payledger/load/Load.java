package payledger.load;

import io.gatling.app.Gatling$;
import java.io.File;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Runs {@link PaymentIngestionSimulation} in this JVM against the service under test. The HTML
 * reports are written by {@link #writeReports()} after the measurements, so that building them
 * costs no phase CPU or catch-up time; they stay in load-tests/target/gatling.
 */
final class Load {

  static final String STRIPE_SECRET = "whsec_load_test_secret";
  private static final File RESULTS = new File("load-tests/target/gatling");
  private static final Set<String> EARLIER = new HashSet<>(runs());

  private Load() {}

  static Map<String, Recorder.Summary> run(String name, Map<String, String> settings) {
    System.setProperty("concurrency", "0");
    System.setProperty("assertions", "false");
    System.setProperty("stripeSecret", STRIPE_SECRET);
    System.setProperty("baseUrl", Benchmark.SERVICE_URL);
    System.setProperty("runId", name + "-" + Long.toString(System.currentTimeMillis(), 36));
    settings.forEach(System::setProperty);
    Recorder.reset();
    Gatling$.MODULE$.fromArgs(new String[] {
        "--simulation", PaymentIngestionSimulation.class.getName(), "--no-reports",
        "--results-folder", RESULTS.getPath(), "--run-description", name});
    return Recorder.summaries();
  }

  /** The HTML report of each simulation this run made. */
  static void writeReports() {
    runs().stream().filter(run -> !EARLIER.contains(run)).forEach(run -> Gatling$.MODULE$.fromArgs(
        new String[] {"--reports-only", run, "--results-folder", RESULTS.getPath()}));
  }

  private static Set<String> runs() {
    String[] names = RESULTS.list();
    return names == null ? Set.of() : new HashSet<>(Arrays.asList(names));
  }
}
