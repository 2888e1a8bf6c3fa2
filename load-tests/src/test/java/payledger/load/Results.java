package payledger.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * One benchmark run's figures: JSON for machines ({@link #json()}), a section of docs/BENCHMARKS.md
 * for people ({@link Report}).
 *
 * @param soak null without {@code -Dsoak}
 */
record Results(String at, String commit, int cores, Options options, CassandraSettings cassandra,
    String pinning, String serviceGc, Raw rawBefore, Raw rawAfter, Warmup warmup, List<Phase> saturation,
    List<Phase> halfRate, Soak soak) {

  record Raw(RawCeiling.Result result, double cassandraCpuPercent, long cassandraRssKb) {}

  static Results of(Path home, Options options, CassandraSettings cassandra, Pinning pinning,
      String serviceGc, Raw rawBefore, Raw rawAfter, Warmup warmup, List<Phase> saturation,
      List<Phase> halfRate, Soak soak) throws IOException, InterruptedException {
    return new Results(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), commit(home),
        Runtime.getRuntime().availableProcessors(), options, cassandra, pinning.describe(), serviceGc,
        rawBefore, rawAfter, warmup, saturation, halfRate, soak);
  }

  /** The raw ceiling of this run: the mean of the measurements before and after the service's phases. */
  double rawRowsPerSecond() {
    return (rawBefore.result().rowsPerSecond() + rawAfter.result().rowsPerSecond()) / 2;
  }

  /** Payment events per second over raw rows per second. */
  double ratio(Phase phase) {
    return phase.paymentEventsPerSecond() / rawRowsPerSecond();
  }

  String json() throws IOException {
    return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(this);
  }

  String summary() {
    Spread rate = Spread.of(saturation, Phase::paymentEventsPerSecond);
    Spread cpu = Spread.of(saturation, p -> p.perEvent(p.cpu().serviceMs() + p.cpu().cassandraMs()));
    Spread p99 = Spread.of(halfRate, p -> p.events().p99());
    return String.format(Locale.ROOT, "raw %,.0f → %,.0f rows/s; saturation %s payment events/s "
            + "(%s of raw), %s CPU-ms per payment event (service + Cassandra); half rate p99 %s ms",
        rawBefore.result().rowsPerSecond(), rawAfter.result().rowsPerSecond(), rate.format("%,.0f"),
        Spread.of(saturation, this::ratio).format("%.3f"), cpu.format("%.2f"), p99.format("%,.0f"));
  }

  private static String commit(Path home) throws IOException, InterruptedException {
    Process git = new ProcessBuilder("git", "describe", "--always", "--dirty")
        .directory(home.toFile()).redirectErrorStream(true).start();
    String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    return git.waitFor() == 0 ? out : "unknown";
  }
}
