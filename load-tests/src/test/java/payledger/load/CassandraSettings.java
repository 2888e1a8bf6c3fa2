package payledger.load;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The node's settings that bound durable write throughput, recorded with each run: from
 * {@code system_views.settings} over CQL, and its heap from its command line (not a setting).
 */
record CassandraSettings(Map<String, String> settings, String heap) {

  private static final List<String> NAMES = List.of("commitlog_sync", "commitlog_sync_group_window",
      "commitlog_sync_period", "concurrent_writes", "concurrent_reads", "memtable_allocation_type");

  static CassandraSettings read(CqlSession session, long pid) throws IOException {
    Map<String, String> settings = new TreeMap<>();
    for (Row row : session.execute("SELECT name, value FROM system_views.settings")) {
      if (NAMES.contains(row.getString("name"))) {
        settings.put(row.getString("name"), row.getString("value"));
      }
    }
    String[] args = new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
        StandardCharsets.UTF_8).split("\0");
    String heap = Arrays.stream(args).filter(a -> a.startsWith("-Xmx")).map(a -> a.substring(4))
        .reduce((a, b) -> b).orElse("JVM default");
    return new CassandraSettings(settings, heap);
  }

  /** e.g. "commitlog_sync group, commitlog_sync_group_window 10ms, concurrent_writes 32, heap 1g". */
  String describe() {
    return NAMES.stream().filter(settings::containsKey)
        .filter(n -> settings.get(n) != null && !settings.get(n).equals("null"))
        .map(n -> n + " " + settings.get(n)).collect(Collectors.joining(", ")) + ", heap " + heap;
  }
}
