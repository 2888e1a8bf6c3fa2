import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.zip.Deflater;

/**
 * Issue 23 experiment: what the run's order-line writes cost the client and the node in three
 * shapes, N lines each into keyspace stlprof_exp: (a) rows as stl_order_lines_by_bucket has them
 * (16 columns), unlogged one-partition batches of 80 (≈ 12 KB, as SettlementWrites cuts them);
 * (b) the same key with the line's fields in one blob cell; (c) one deflated blob per bucket holding
 * all its lines. 32 writes in flight. Only the write path (request, commit log, memtable, GC in the
 * window): flushes and compactions come later.
 *   java -cp CLASSPATH load-tests/profiles/WriteShapeExperiment.java NODE_PID PORT [N]
 */
public final class WriteShapeExperiment {
  public static void main(String[] args) throws Exception {
    long nodePid = Long.parseLong(args[0]);
    int port = Integer.parseInt(args[1]);
    int n = args.length > 2 ? Integer.parseInt(args[2]) : 200_000;
    try (CqlSession s = CqlSession.builder().addContactPoint(new InetSocketAddress("127.0.0.1", port))
        .withLocalDatacenter("datacenter1").build()) {
      s.execute("CREATE KEYSPACE IF NOT EXISTS stlprof_exp WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
      s.execute("CREATE TABLE IF NOT EXISTS stlprof_exp.rows16 (bucket int, order_id text, import_id text, line bigint,"
          + " gateway text, batch_id text, kind text, payment_id text, method text, gross bigint, gross_currency text,"
          + " fee bigint, net bigint, net_currency text, matched boolean, occurred_at timestamp,"
          + " PRIMARY KEY (bucket, order_id, import_id, line))");
      s.execute("CREATE TABLE IF NOT EXISTS stlprof_exp.rows_blob (bucket int, order_id text, import_id text, line bigint,"
          + " data blob, PRIMARY KEY (bucket, order_id, import_id, line))");
      s.execute("CREATE TABLE IF NOT EXISTS stlprof_exp.bucket_blobs (bucket int, month text, import_id text, part int,"
          + " body blob, PRIMARY KEY ((bucket, month), import_id, part)) WITH compression = {'enabled': 'false'}");
      PreparedStatement p16 = s.prepare("INSERT INTO stlprof_exp.rows16 (bucket, order_id, import_id, line, gateway,"
          + " batch_id, kind, payment_id, method, gross, gross_currency, fee, net, net_currency, matched, occurred_at)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
      PreparedStatement pBlob = s.prepare("INSERT INTO stlprof_exp.rows_blob (bucket, order_id, import_id, line, data)"
          + " VALUES (?, ?, ?, ?, ?)");
      PreparedStatement pBucket = s.prepare("INSERT INTO stlprof_exp.bucket_blobs (bucket, month, import_id, part, body)"
          + " VALUES (?, ?, ?, ?, ?)");
      for (int round = 0; round < 2; round++) {
        String imp = "stl-" + Long.toString(System.nanoTime(), 36).replaceAll("[0-9]", "q");
        String tag = round == 0 ? "warm-up " : "";
        Instant at = Instant.parse("2026-11-02T08:00:00Z");
        measure(tag + "(a) 16-column rows, batches of 80", nodePid, n, () -> {
          List<List<List<BoundStatement>>> byBucket = buckets();
          for (int k = 0; k < n; k++) {
            String order = "order-" + k;
            int b = Math.floorMod(order.hashCode(), 1024);
            byBucket.get(b).get(0).add(p16.bind(b, order, imp, (long) k, "adyen", "PayledgerBench:100000", "PAYMENT",
                String.valueOf(8_000_000_000_000_000L + k), "card", 1_000L + k % 50_000, "EUR", 20L + k % 1000,
                980L + k % 50_000, "EUR", true, at.plusSeconds(k % 86_400)));
          }
          return write(s, byBucket, 80);
        });
        measure(tag + "(b) key + one blob cell, batches of 80", nodePid, n, () -> {
          List<List<List<BoundStatement>>> byBucket = buckets();
          for (int k = 0; k < n; k++) {
            String order = "order-" + k;
            int b = Math.floorMod(order.hashCode(), 1024);
            byte[] data = ("adyen|PayledgerBench:100000|PAYMENT|" + (8_000_000_000_000_000L + k) + "|card|"
                + (1_000 + k % 50_000) + "|EUR|" + (20 + k % 1000) + "|" + (980 + k % 50_000) + "|EUR|1|"
                + at.plusSeconds(k % 86_400).toEpochMilli()).getBytes(StandardCharsets.UTF_8);
            byBucket.get(b).get(0).add(pBlob.bind(b, order, imp, (long) k, ByteBuffer.wrap(data)));
          }
          return write(s, byBucket, 80);
        });
        measure(tag + "(c) one deflated blob per bucket", nodePid, n, () -> {
          StringBuilder[] text = new StringBuilder[1024];
          for (int k = 0; k < n; k++) {
            String order = "order-" + k;
            int b = Math.floorMod(order.hashCode(), 1024);
            if (text[b] == null) {
              text[b] = new StringBuilder();
            }
            text[b].append(order).append('|').append(k).append("|adyen|PayledgerBench:100000|PAYMENT|")
                .append(8_000_000_000_000_000L + k).append("|card|").append(1_000 + k % 50_000).append("|EUR|")
                .append(20 + k % 1000).append('|').append(980 + k % 50_000).append("|EUR|1|")
                .append(at.plusSeconds(k % 86_400).toEpochMilli()).append('\n');
          }
          List<List<List<BoundStatement>>> byBucket = buckets();
          for (int b = 0; b < 1024; b++) {
            if (text[b] != null) {
              byBucket.get(b).get(0).add(pBucket.bind(b, "2026-11", imp, 0,
                  ByteBuffer.wrap(deflate(text[b].toString().getBytes(StandardCharsets.UTF_8)))));
            }
          }
          return write(s, byBucket, 1);
        });
      }
    }
  }

  static List<List<List<BoundStatement>>> buckets() {
    List<List<List<BoundStatement>>> all = new ArrayList<>();
    for (int b = 0; b < 1024; b++) {
      List<List<BoundStatement>> one = new ArrayList<>();
      one.add(new ArrayList<>());
      all.add(one);
    }
    return all;
  }

  /** Every bucket's statements in unlogged batches of at most {@code per}, 32 in flight. */
  static long write(CqlSession s, List<List<List<BoundStatement>>> byBucket, int per) {
    Semaphore inFlight = new Semaphore(32);
    List<CompletableFuture<?>> all = new ArrayList<>();
    long requests = 0;
    for (List<List<BoundStatement>> bucket : byBucket) {
      List<BoundStatement> rows = bucket.get(0);
      for (int i = 0; i < rows.size(); i += per) {
        List<BoundStatement> part = rows.subList(i, Math.min(rows.size(), i + per));
        Statement<?> st = part.size() == 1 ? part.get(0)
            : BatchStatement.builder(DefaultBatchType.UNLOGGED).addStatements(new ArrayList<>(part)).build();
        inFlight.acquireUninterruptibly();
        all.add(s.executeAsync(st).toCompletableFuture().whenComplete((x, e) -> inFlight.release()));
        requests++;
      }
    }
    CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
    return requests;
  }

  interface Work {
    long run() throws Exception;
  }

  static void measure(String what, long nodePid, int lines, Work work) throws Exception {
    long[] a = cpu(nodePid);
    long t0 = System.nanoTime();
    long requests = work.run();
    long[] b = cpu(nodePid);
    System.out.printf("%-48s %,8d lines in %,6d requests, %5.1f s; CPU-s client %5.2f, node %5.2f; µs per line client %5.1f, node %5.1f%n",
        what, lines, requests, (System.nanoTime() - t0) / 1e9, (b[0] - a[0]) / 1e9, (b[1] - a[1]) / 1e9,
        (b[0] - a[0]) / 1e3 / lines, (b[1] - a[1]) / 1e3 / lines);
  }

  static byte[] deflate(byte[] in) {
    Deflater d = new Deflater(Deflater.BEST_SPEED);
    d.setInput(in);
    d.finish();
    byte[] buf = new byte[in.length + 64];
    int len = d.deflate(buf);
    d.end();
    return java.util.Arrays.copyOf(buf, len);
  }

  static long[] cpu(long nodePid) throws Exception {
    long self = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
    String stat = Files.readString(Path.of("/proc", String.valueOf(nodePid), "stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return new long[] {self, (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L};
  }
}
