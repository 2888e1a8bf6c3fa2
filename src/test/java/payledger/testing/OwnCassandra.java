package payledger.testing;

import java.nio.file.Path;
import payledger.cassandra.LocalCassandra;

/**
 * A Cassandra node of the resilience tests' own, on free ports with its data under
 * target/resilience/cassandra: never the shared node on 9042, which another test JVM may be
 * starting or stopping at the same moment.
 */
public final class OwnCassandra {

  private OwnCassandra() {}

  public static LocalCassandra start() {
    return start(NodeProcess.freePort(), NodeProcess.freePort());
  }

  /** Also to start it again on the same ports and data after a test stopped it. */
  public static LocalCassandra start(int cqlPort, int storagePort) {
    return LocalCassandra.ensureRunning(Path.of(System.getProperty("user.dir")),
        ResilienceReport.DIR.resolve("cassandra").toAbsolutePath(), cqlPort, storagePort);
  }
}
