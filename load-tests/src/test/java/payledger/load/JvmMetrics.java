package payledger.load;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The service JVM's own figures, from the Prometheus text of its {@code /metrics}. */
final class JvmMetrics {

  private static final Pattern AFTER_GC = Pattern.compile(
      "jvm_memory_pool_collection_used_bytes\\{[^}]*} (\\S+)");
  private static final Pattern COLLECTOR = Pattern.compile(
      "jvm_gc_collection_seconds_count\\{gc=\"([^\"]*)\"}");

  private JvmMetrics() {}

  /**
   * The heap pools' use after their last collection (MB). With G1 the old generation's figure
   * moves only at mixed and full collections, so it trails the live heap.
   */
  static long heapAfterGcMb(String metrics) {
    double bytes = 0;
    Matcher m = AFTER_GC.matcher(metrics);
    while (m.find()) {
      bytes += Double.parseDouble(m.group(1));
    }
    return Math.round(bytes / (1 << 20));
  }

  /**
   * The garbage collectors, e.g. "G1 Old Generation, G1 Young Generation"; a JVM pinned to one
   * core sees one CPU and picks the serial collector ("Copy, MarkSweepCompact").
   */
  static String collectors(String metrics) {
    Set<String> names = new TreeSet<>();
    Matcher m = COLLECTOR.matcher(metrics);
    while (m.find()) {
      names.add(m.group(1));
    }
    return String.join(", ", names);
  }
}
