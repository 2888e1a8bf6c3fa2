package payledger.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code -Dpin=true}: Cassandra on core 0 and the service on core 1 ({@code taskset}); the load
 * generator, the SMTP sink and everything else where the kernel puts them. A node the benchmark
 * starts is started pinned; a node it reuses is pinned for the run and given its affinity back.
 */
record Pinning(boolean on) {

  static final String CASSANDRA_CORE = "0";
  static final String SERVICE_CORE = "1";

  static Pinning fromSystemProperties() {
    boolean wanted = Boolean.getBoolean("pin");
    if (wanted && Runtime.getRuntime().availableProcessors() < 2) {
      System.out.println("pinning needs 2 cores: not pinned");
      return new Pinning(false);
    }
    return new Pinning(wanted);
  }

  /** The command prefix that starts a process on {@code core}, or none when not pinning. */
  List<String> prefix(String core) {
    return on ? List.of("taskset", "-c", core) : List.of();
  }

  /** Pins every thread of a running process to {@code core}; closing gives its old mask back. */
  AutoCloseable pinRunning(long pid, String core) throws IOException, InterruptedException {
    if (!on) {
      return () -> { };
    }
    String shown = run("taskset", "-p", Long.toString(pid)); // "pid 42's current affinity mask: 3"
    String mask = shown.substring(shown.lastIndexOf(':') + 1).trim();
    run("taskset", "-a", "-p", "-c", core, Long.toString(pid));
    return () -> run("taskset", "-a", "-p", mask, Long.toString(pid));
  }

  String describe() {
    return on ? "Cassandra on core " + CASSANDRA_CORE + ", the service on core " + SERVICE_CORE
        + " (taskset), the load generator and the SMTP sink unpinned"
        : "none (`-Dpin=false`)";
  }

  private static String run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (p.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command) + ": " + out);
    }
    return out;
  }
}
