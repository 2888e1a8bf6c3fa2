package payledger.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Starts the service and the benchmark's Cassandra node from the built jar, pinned when asked. */
final class Launcher {

  private Launcher() {}

  /** {@code payledger.jar cassandra <command...>}, e.g. {@code start <nodeHome>} ({@link BenchNode}). */
  static Process cassandra(Path home, Path log, Pinning pin, Map<String, String> env,
      String... command) throws IOException {
    List<String> args = new ArrayList<>(List.of("cassandra"));
    args.addAll(List.of(command));
    return launch(home, log, env, pin.prefix(Pinning.CASSANDRA_CORE), List.of(),
        args.toArray(String[]::new));
  }

  /**
   * {@code payledger.jar serve} with its GC log at {@code gcLog} ({@link GcPauses}) and the
   * {@code -DserviceJvm} options, e.g. a JFR recording or another collector.
   */
  static Process service(Path home, Path log, Path gcLog, Pinning pin, Map<String, String> env)
      throws IOException {
    String jvm = System.getProperty("serviceJvm", "").trim();
    List<String> options = new ArrayList<>(List.of(GcPauses.option(gcLog)));
    if (!jvm.isEmpty()) {
      options.addAll(List.of(jvm.split("\\s+")));
    }
    return launch(home, log, env, pin.prefix(Pinning.SERVICE_CORE), options, "serve");
  }

  /** {@code payledger.jar serve} unpinned, with these JVM options only ({@link Recovery}). */
  static Process service(Path home, Path log, List<String> jvm, Map<String, String> env)
      throws IOException {
    return launch(home, log, env, List.of(), jvm, "serve");
  }

  private static Process launch(Path home, Path log, Map<String, String> env, List<String> prefix,
      List<String> jvm, String... command) throws IOException {
    ProcessBuilder builder = new ProcessBuilder();
    builder.command().addAll(prefix); // taskset execs java: the pid stays the JVM's
    builder.command().add("java");
    builder.command().addAll(jvm);
    builder.command().addAll(List.of("-jar", "target/payledger.jar"));
    builder.command().addAll(List.of(command));
    builder.environment().putAll(env);
    return builder.directory(home.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
  }

  static void awaitReady(String readyUrl, Duration limit) throws InterruptedException {
    HttpClient client = HttpClient.newHttpClient();
    long until = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < until) {
      try {
        HttpResponse<Void> ready = client.send(HttpRequest.newBuilder(URI.create(readyUrl)).build(),
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
}
