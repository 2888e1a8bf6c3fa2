package payledger.load;

import com.datastax.oss.driver.api.core.CqlSession;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The benchmarks' own Cassandra node: CQL on 9155, internode on 7155, its state under
 * {@code var/benchmark-node/var/cassandra}, never the node on 9042 that integration tests, CI and
 * development use. A benchmark starts it, measures only it, and stops it again. It refuses to run
 * when another benchmark of the tree holds the node (a lock file, held for the whole run) or when
 * anything else answers on its port, since a node it did not start may carry other clients' work
 * (an earlier run's figures counted integration tests that shared its node).
 *
 * <p>The node is started by the service jar's {@code cassandra start}, with this node's directory
 * as the project home (holding a link to the repository's {@code cluster-config}, from which the
 * launcher resolves Cassandra's classpath) and the ports in {@code CASSANDRA_PORT} /
 * {@code CASSANDRA_STORAGE_PORT}.
 */
final class BenchNode implements AutoCloseable {

  static final int CQL_PORT = 9155;
  static final int STORAGE_PORT = 7155;
  /** What the service under test is given as {@code CASSANDRA_CONTACT_POINT}. */
  static final String CONTACT_POINT = "127.0.0.1:" + CQL_PORT;

  private final Path repo;
  private final Path home;
  private final Path out;
  private final Pinning pin;
  private final long pid;
  private final FileChannel lock;

  private BenchNode(Path repo, Path home, Path out, Pinning pin, long pid, FileChannel lock) {
    this.repo = repo;
    this.home = home;
    this.out = out;
    this.pin = pin;
    this.pid = pid;
    this.lock = lock;
  }

  /**
   * Starts the node (pinned when asked) and waits until it answers; refuses when something
   * already answers on its port.
   *
   * @param repo the repository root (its {@code target/payledger.jar} and {@code cluster-config})
   * @param out where the launcher's logs go
   */
  static BenchNode start(Path repo, Path out, Pinning pin) throws IOException, InterruptedException {
    Path home = Files.createDirectories(repo.resolve("var/benchmark-node"));
    FileChannel lockFile = FileChannel.open(home.resolve("benchmark.lock"),
        StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock = lockFile.tryLock(); // released when this JVM ends, whatever happens
    if (lock == null) {
      lockFile.close();
      throw refused("another benchmark of this tree is running on it");
    }
    if (answers()) {
      lockFile.close();
      throw refused("a node already answers there");
    }
    Path config = home.resolve("cluster-config");
    if (!Files.exists(config, LinkOption.NOFOLLOW_LINKS)) {
      Files.createSymbolicLink(config, repo.resolve("cluster-config"));
    }
    Process launcher = Launcher.cassandra(repo, out.resolve("cassandra.log"), pin, env(), "start",
        home.toString());
    awaitAnswer(Duration.ofMinutes(3));
    if (!launcher.isAlive()) { // it stays up as long as the node it started: it reused another
      lockFile.close();
      throw refused("a node that this run did not start answers there");
    }
    Path pidFile = home.resolve("var/cassandra/cassandra.pid");
    long pid = Long.parseLong(Files.readString(pidFile).trim());
    return new BenchNode(repo, home, out, pin, pid, lockFile);
  }

  private static IllegalStateException refused(String why) {
    return new IllegalStateException("Not measuring on " + CONTACT_POINT + ": " + why
        + ". The benchmark measures only a node it starts itself, alone; to stop a node left"
        + " there: CASSANDRA_PORT=" + CQL_PORT + " java -jar target/payledger.jar cassandra stop"
        + " var/benchmark-node");
  }

  long pid() {
    return pid;
  }

  static CqlSession connect() {
    return CqlSession.builder()
        .addContactPoint(new InetSocketAddress("127.0.0.1", CQL_PORT))
        .withLocalDatacenter("datacenter1")
        .build();
  }

  static boolean answers() {
    try (CqlSession session = connect()) {
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static void awaitAnswer(Duration limit) throws InterruptedException {
    long until = System.nanoTime() + limit.toNanos();
    while (!answers()) {
      if (System.nanoTime() > until) {
        throw new IllegalStateException("Cassandra did not answer on " + CONTACT_POINT + " within "
            + limit);
      }
      TimeUnit.SECONDS.sleep(2);
    }
  }

  private static Map<String, String> env() {
    return Map.of("CASSANDRA_PORT", Integer.toString(CQL_PORT),
        "CASSANDRA_STORAGE_PORT", Integer.toString(STORAGE_PORT));
  }

  /** Stops the node (SIGTERM through the launcher: it flushes and exits), waiting up to 90 s. */
  @Override
  public void close() throws IOException, InterruptedException {
    try {
      Launcher.cassandra(repo, out.resolve("cassandra-stop.log"), pin, env(),
          "stop", home.toString()).waitFor(90, TimeUnit.SECONDS);
    } finally {
      lock.close();
    }
  }
}
