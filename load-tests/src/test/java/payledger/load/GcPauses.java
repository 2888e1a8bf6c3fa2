package payledger.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The service's stop-the-world GC pauses in a phase, from its unified GC log ({@code -Xlog:gc:file=
 * …:utctime}, which the benchmark gives the service): every line of a pause, e.g.
 * {@code [2026-12-07T02:10:11.123+0000] GC(12) Pause Young (Normal) (G1 Evacuation Pause)
 * 50M->20M(256M) 3.456ms} (G1's Remark and Cleanup pauses and Parallel's Full pauses too; G1's
 * concurrent phases are not pauses), timed between the phase's first request and the moment the
 * consumers caught up.
 *
 * @param totalMs the pauses' sum
 * @param p99Ms the nearest-rank 99th percentile of the pauses (their max when fewer than 100)
 */
record GcPauses(int count, double totalMs, double p99Ms, double maxMs) {

  static final String FILE = "service-gc.log";

  private static final Pattern PAUSE = Pattern.compile(
      "^\\[([^\\]]+)].*\\bPause\\b.*?(\\d+(?:\\.\\d+)?)ms\\s*$");
  private static final DateTimeFormatter UTCTIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

  /** The JVM option that writes the log this reads. */
  static String option(Path log) {
    return "-Xlog:gc:file=" + log + ":utctime";
  }

  static GcPauses between(Path log, Instant from, Instant to) throws IOException {
    if (!Files.exists(log)) {
      return new GcPauses(0, 0, 0, 0);
    }
    List<Double> pauses = new ArrayList<>();
    for (String line : Files.readAllLines(log)) {
      Matcher m = PAUSE.matcher(line);
      if (m.find()) {
        Instant at = OffsetDateTime.parse(m.group(1), UTCTIME).toInstant();
        if (!at.isBefore(from) && !at.isAfter(to)) {
          pauses.add(Double.parseDouble(m.group(2)));
        }
      }
    }
    pauses.sort(Double::compare);
    double total = pauses.stream().mapToDouble(Double::doubleValue).sum();
    double p99 = pauses.isEmpty() ? 0
        : pauses.get(Math.max(0, (int) Math.ceil(0.99 * pauses.size()) - 1));
    double max = pauses.isEmpty() ? 0 : pauses.get(pauses.size() - 1);
    return new GcPauses(pauses.size(), total, p99, max);
  }
}
