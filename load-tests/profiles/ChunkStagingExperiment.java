import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Issue 23 experiment: what staging a settlement file as deflated chunk blobs (one row per
 * 10,000 lines) costs the client and the Cassandra node, against one row per line. Writes the
 * file's lines ROUNDS times as new imports into keyspace stlprof_exp, then reads every chunk
 * back and inflates it; prints the CPU seconds of this JVM and of the node (its pid) per step.
 *   java -cp CLASSPATH load-tests/profiles/ChunkStagingExperiment.java FILE NODE_PID PORT [ROUNDS]
 */
public final class ChunkStagingExperiment {
  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    long nodePid = Long.parseLong(args[1]);
    int port = Integer.parseInt(args[2]);
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 5;
    try (CqlSession session = CqlSession.builder().addContactPoint(new InetSocketAddress("127.0.0.1", port))
        .withLocalDatacenter("datacenter1").build()) {
      session.execute("CREATE KEYSPACE IF NOT EXISTS stlprof_exp WITH replication ="
          + " {'class': 'SimpleStrategy', 'replication_factor': 1}");
      session.execute("CREATE TABLE IF NOT EXISTS stlprof_exp.stl_chunks (import_id text, chunk int,"
          + " first_line bigint, lines int, body blob, PRIMARY KEY ((import_id, chunk)))"
          + " WITH compression = {'enabled': 'false'}");
      PreparedStatement insert = session.prepare("INSERT INTO stlprof_exp.stl_chunks (import_id, chunk,"
          + " first_line, lines, body) VALUES (?, ?, ?, ?, ?)");
      PreparedStatement select = session.prepare("SELECT body, lines FROM stlprof_exp.stl_chunks"
          + " WHERE import_id = ? AND chunk = ?");
      long[] c0 = cpu(nodePid);
      long raw = 0;
      long packed = 0;
      long lines = 0;
      int chunks = 0;
      String run = Long.toString(System.currentTimeMillis(), 36).replaceAll("[0-9]", "x");
      Semaphore inFlight = new Semaphore(8);
      List<CompletableFuture<?>> writes = new ArrayList<>();
      for (int r = 0; r < rounds; r++) {
        String importId = "exp-" + run + "-" + (char) ('a' + r);
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
          StringBuilder chunk = new StringBuilder(in.readLine()).append('\n');
          int n = 0;
          int c = 0;
          for (String line = in.readLine(); ; line = in.readLine()) {
            if (line != null) {
              chunk.append(line).append('\n');
              n++;
            }
            if (n == 10_000 || (line == null && n > 0)) {
              byte[] bytes = chunk.toString().getBytes(StandardCharsets.UTF_8);
              byte[] body = deflate(bytes);
              raw += bytes.length;
              packed += body.length;
              inFlight.acquire();
              writes.add(session.executeAsync(insert.bind(importId, c, lines, n, ByteBuffer.wrap(body)))
                  .toCompletableFuture().whenComplete((x, e) -> inFlight.release()));
              lines += n;
              c++;
              chunks++;
              n = 0;
              chunk.setLength(0);
            }
            if (line == null) {
              break;
            }
          }
          CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
          writes.clear();
        }
      }
      long[] c1 = cpu(nodePid);
      System.out.printf("staged %,d lines as %,d chunks: %,d bytes deflated to %,d (%.1fx);"
          + " CPU-s client %.2f, node %.2f%n", lines, chunks, raw, packed, (double) raw / packed,
          (c1[0] - c0[0]) / 1e9, (c1[1] - c0[1]) / 1e9);
      long back = 0;
      for (int r = 0; r < rounds; r++) {
        String importId = "exp-" + run + "-" + (char) ('a' + r);
        for (int c = 0; ; c++) {
          Row row = session.execute(select.bind(importId, c)).one();
          if (row == null) {
            break;
          }
          back += inflate(row.getByteBuffer("body")).length;
        }
      }
      long[] c2 = cpu(nodePid);
      System.out.printf("read back and inflated %,d bytes: CPU-s client %.2f, node %.2f%n", back,
          (c2[0] - c1[0]) / 1e9, (c2[1] - c1[1]) / 1e9);
    }
  }

  static byte[] deflate(byte[] in) {
    Deflater d = new Deflater(Deflater.BEST_SPEED);
    d.setInput(in);
    d.finish();
    ByteArrayOutputStream out = new ByteArrayOutputStream(in.length / 4);
    byte[] buf = new byte[64 * 1024];
    while (!d.finished()) {
      out.write(buf, 0, d.deflate(buf));
    }
    d.end();
    return out.toByteArray();
  }

  static byte[] inflate(ByteBuffer in) throws Exception {
    Inflater i = new Inflater();
    byte[] bytes = new byte[in.remaining()];
    in.get(bytes);
    i.setInput(bytes);
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length * 8);
    byte[] buf = new byte[64 * 1024];
    while (!i.finished()) {
      out.write(buf, 0, i.inflate(buf));
    }
    i.end();
    return out.toByteArray();
  }

  /** CPU nanoseconds of this JVM and of the node process. */
  static long[] cpu(long nodePid) throws Exception {
    long self = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
    String stat = Files.readString(Path.of("/proc", String.valueOf(nodePid), "stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return new long[] {self, (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L};
  }
}
