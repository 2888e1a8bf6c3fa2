package payledger.notify;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import payledger.cassandra.Insert;
import payledger.cassandra.LocalCassandra;
import payledger.cassandra.Schema;
import payledger.testing.Dirs;
import payledger.testing.Ids;
import payledger.testing.ScratchNode;

/**
 * Measures the collection tombstones an outbox row carries, on a real node: N receipt-like rows
 * written as the previous version wrote them (an INSERT setting {@code channels} and
 * {@code fields}) into keyspace {@code outbox_before}, and N as {@link OutboxWrite}s into
 * {@code outbox_after}; then the node is stopped (a stop drains: memtables flushed to SSTables)
 * and each table's SSTables are dumped with Cassandra's {@code sstabledump}
 * ({@code SSTableExport}), counting rows and deletion markers. Not a test: a main, run by hand.
 *
 * <pre>{@code
 * mvn -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat target/test-classpath.txt) \
 *     payledger.notify.OutboxTombstones 1000 9152 7152
 * }</pre>
 * The node is one of its own (data under target/outbox-tombstones, deleted first), on the ports given.
 */
public final class OutboxTombstones {

  private static final Pattern DELETION = Pattern.compile("\"deletion_info\"");
  /**
   * A deletion on one column of a row: a whole collection deleted (how an INSERT or SET of a
   * non-frozen collection starts) or a null written.
   */
  private static final Pattern COLUMN_DELETION =
      Pattern.compile("\\{ \"name\" : \"[^\"]+\", \"deletion_info\"");
  /** What sstabledump needs of the JDK's internals (a subset of the node's own options). */
  private static final List<String> TOOL_OPTIONS = List.of(
      "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED",
      "--add-exports=java.base/java.lang.ref=ALL-UNNAMED",
      "--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED",
      "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
      "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
      "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
      "--add-opens=java.base/java.util=ALL-UNNAMED",
      "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED");
  private static final Pattern ROW = Pattern.compile("\"type\" : \"row\"");

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("tables")) {
      tables(Path.of(args[1]).toAbsolutePath(), args[2], List.of(args).subList(3, args.length));
      return;
    }
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int port = args.length > 1 ? Integer.parseInt(args[1]) : 9152;
    int storagePort = args.length > 2 ? Integer.parseInt(args[2]) : 7152;
    Path dir = Path.of("target/outbox-tombstones").toAbsolutePath();
    Dirs.deleteTree(dir);
    try (LocalCassandra node = ScratchNode.start(dir, port, storagePort)) {
      try (CqlSession session = ScratchNode.session(port)) {
        for (String ks : List.of("outbox_before", "outbox_after")) {
          session.execute(SimpleStatement.newInstance("CREATE KEYSPACE IF NOT EXISTS " + ks
              + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}")
              .setTimeout(Duration.ofSeconds(30)));
          for (String ddl : Schema.statements("read-side.cql", ks)) {
            if (ddl.contains(ks + ".notifications ") || ddl.contains(ks + ".notifications(")) {
              session.execute(SimpleStatement.newInstance(ddl).setTimeout(Duration.ofSeconds(30)));
            }
          }
        }
        for (int i = 0; i < n; i++) {
          Map<String, Object> previous = row("receipt:order" + Ids.letters(i));
          previous.put("failures", null); // the previous version left an empty list out
          Insert before = Insert.of("outbox_before", "notifications", previous);
          session.execute(before.cql(), before.values());
          Map<String, Object> columns = row("receipt:order" + Ids.letters(i));
          String id = (String) columns.remove("notification_id");
          OutboxWrite after = OutboxWrite.insert("outbox_after", id, columns);
          session.execute(after.cql(), after.values());
        }
        for (String ks : List.of("outbox_before", "outbox_after")) {
          long mutations = session.execute("SELECT count FROM system_views.local_write_latency"
              + " WHERE keyspace_name = ? AND table_name = 'notifications'", ks).one().getLong("count");
          long reads = session.execute("SELECT count FROM system_views.local_read_latency"
              + " WHERE keyspace_name = ? AND table_name = 'notifications'", ks).one().getLong("count");
          System.out.printf("%s.notifications: %d mutations and %d reads for %d rows (%.2f, %.2f"
              + " per row)%n", ks, mutations, reads, n, mutations / (double) n, reads / (double) n);
        }
      }
    } // stopped: SIGTERM, which drains (flushes every table) before the node exits
    String classpath = Files.readString(dir.resolve("classpath.txt")).trim();
    for (String ks : List.of("outbox_before", "outbox_after")) {
      report(ks, "notifications", dir, classpath);
    }
  }

  /**
   * {@code tables <node dir> <keyspace> <table>…}: the same count over the SSTables of a stopped
   * node's tables, e.g. the benchmark's node after a run
   * ({@code var/benchmark-node/var/cassandra payledger_bench notifications messages}).
   */
  private static void tables(Path dir, String keyspace, List<String> tables) throws Exception {
    String classpath = Files.readString(dir.resolve("classpath.txt")).trim();
    for (String table : tables) {
      report(keyspace, table, dir, classpath);
    }
  }

  /** What the receipt of one paid order puts on its outbox row (as the pass writes it). */
  private static Map<String, Object> row(String id) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("notification_id", id);
    row.put("kind", "RECEIPT");
    row.put("order_id", id.substring("receipt:".length()));
    row.put("subject_id", "R-" + id.hashCode());
    row.put("customer_id", "customer");
    row.put("email", "customer@example.com");
    row.put("locale", "en");
    row.put("channels", List.of("EMAIL", "IN_APP"));
    row.put("fields", Map.of("orderId", id, "total", "42.00 EUR", "paidAt", "7 Dec 2026"));
    row.put("receipt", "{\"number\":\"R-1\"}");
    row.put("created_at", Instant.parse("2026-12-07T12:00:00Z"));
    row.putAll(OutboxWrite.state(DeliveryState.QUEUED.delivered(Channel.EMAIL,
        Instant.parse("2026-12-07T12:00:01Z"))));
    return row;
  }

  private static void report(String ks, String table, Path dir, String classpath)
      throws Exception {
    List<Path> sstables;
    try (Stream<Path> files = Files.walk(dir.resolve("data").resolve(ks))) {
      sstables = files.filter(p -> p.getParent().getFileName().toString().startsWith(table + "-"))
          .filter(p -> p.getFileName().toString().endsWith("-Data.db")).toList();
    }
    long rows = 0;
    long deletions = 0;
    long columns = 0;
    long bytes = 0;
    for (Path sstable : sstables) {
      String dump = dump(sstable, dir, classpath);
      rows += count(ROW, dump);
      deletions += count(DELETION, dump);
      columns += count(COLUMN_DELETION, dump);
      bytes += Files.size(sstable);
    }
    double per = Math.max(1, rows);
    System.out.printf("%s.%s: %d SSTable(s), %d rows, %d deletion markers (%.2f per row), of which"
            + " %d on a column: a collection deleted or a null (%.2f per row); Data.db %,d bytes"
            + " (%.1f per row)%n", ks, table, sstables.size(), rows, deletions, deletions / per,
        columns, columns / per, bytes, bytes / per);
  }

  private static String dump(Path sstable, Path dir, String classpath) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(TOOL_OPTIONS);
    command.addAll(List.of("-Dcassandra.config=" + dir.resolve("cassandra.yaml").toUri(),
        "-Dcassandra.storagedir=" + dir, "-Dcassandra.logdir=" + dir.resolve("logs"),
        "-Dlogback.configurationFile=" + dir.resolve("logback.xml"),
        "-cp", classpath, "org.apache.cassandra.tools.SSTableExport", sstable.toString()));
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException("sstabledump failed on " + sstable + ":\n" + out);
    }
    return out;
  }

  private static long count(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    long found = 0;
    while (m.find()) {
      found++;
    }
    return found;
  }

  private OutboxTombstones() {}
}
