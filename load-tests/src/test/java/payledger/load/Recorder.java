package payledger.load;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every request's outcome and latency, by request name, for the benchmark that runs Gatling in its
 * own JVM and reads the figures back (Gatling's report is HTML; this is the machine-readable side).
 */
final class Recorder {

  private static final Map<String, Series> SERIES = new ConcurrentHashMap<>();

  private Recorder() {}

  static void record(String name, int status, long millis) {
    SERIES.computeIfAbsent(name, n -> new Series()).add(status, millis);
  }

  static void reset() {
    SERIES.clear();
  }

  /** Seconds from the first answer to the last, over all request names (the phase's load). */
  static double seconds() {
    long first = SERIES.values().stream().mapToLong(s -> s.first).min().orElse(0);
    long last = SERIES.values().stream().mapToLong(s -> s.last).max().orElse(0);
    return (last - first) / 1e9;
  }

  /** The p99 (ms) of the requests answered 2xx since the last call, for a soak's samples. */
  static long p99SinceLastCall(String name) {
    Series series = SERIES.get(name);
    return series == null ? 0 : series.p99SinceMark();
  }

  /** A snapshot per request name. */
  static Map<String, Summary> summaries() {
    Map<String, Summary> out = new TreeMap<>();
    SERIES.forEach((name, series) -> out.put(name, series.summary()));
    return out;
  }

  record Summary(long ok, long failed, double seconds, long p50, long p95, long p99, long max) {
    double okPerSecond() {
      return seconds > 0 ? ok / seconds : 0;
    }

    double errorPercent() {
      return ok + failed == 0 ? 0 : 100.0 * failed / (ok + failed);
    }
  }

  private static final class Series {
    private long[] okMillis = new long[1 << 16];
    private long ok;
    private long failed;
    private volatile long first;
    private volatile long last;
    private long mark;

    synchronized void add(int status, long millis) {
      long now = System.nanoTime();
      if (ok + failed == 0) {
        first = now;
      }
      last = now;
      if (status == 200 || status == 201) {
        if (ok == okMillis.length) {
          okMillis = Arrays.copyOf(okMillis, okMillis.length * 2);
        }
        okMillis[(int) ok++] = millis;
      } else {
        failed++;
      }
    }

    synchronized Summary summary() {
      long[] sorted = Arrays.copyOf(okMillis, (int) ok);
      Arrays.sort(sorted);
      return new Summary(ok, failed, (last - first) / 1e9,
          at(sorted, 0.50), at(sorted, 0.95), at(sorted, 0.99), sorted.length == 0 ? 0 : sorted[sorted.length - 1]);
    }

    synchronized long p99SinceMark() {
      long[] sorted = Arrays.copyOfRange(okMillis, (int) mark, (int) ok);
      mark = ok;
      Arrays.sort(sorted);
      return at(sorted, 0.99);
    }

    private static long at(long[] sorted, double p) {
      return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (p * sorted.length))];
    }
  }
}
