package payledger.testing;

import java.nio.file.Path;
import payledger.cassandra.LocalCassandra;

/**
 * The resilience tests' own Cassandra node, on free ports with its data under
 * target/resilience/cassandra: never the shared node on 9042, which another test JVM may be
 * starting or stopping at the same moment. One node per test JVM, started by the first test that
 * asks for it and stopped when the JVM exits; a test that stops it starts it again on the same
 * ports and data before it ends.
 */
public final class OwnCassandra {

  private static LocalCassandra node;
  private static int cqlPort;
  private static int storagePort;

  private OwnCassandra() {}

  public static synchronized LocalCassandra node() {
    if (node == null) {
      cqlPort = NodeProcess.freePort();
      storagePort = NodeProcess.freePort();
      node = start();
    }
    return node;
  }

  /** The contact point of {@link #node()} for a service node's CASSANDRA_CONTACT_POINT. */
  public static String contactPoint() {
    return "127.0.0.1:" + node().port();
  }

  /** SIGTERM to the node; returns once it has exited. */
  public static synchronized void stop() {
    node().close();
  }

  /** Starts the node {@link #stop() stopped} before, on the same ports and data. */
  public static synchronized void startAgain() {
    node = start();
  }

  private static LocalCassandra start() {
    return LocalCassandra.ensureRunning(Path.of(System.getProperty("user.dir")),
        ResilienceReport.DIR.resolve("cassandra").toAbsolutePath(), cqlPort, storagePort);
  }
}
