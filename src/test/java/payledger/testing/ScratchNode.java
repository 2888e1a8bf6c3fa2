package payledger.testing;

import com.datastax.oss.driver.api.core.CqlSession;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import payledger.cassandra.LocalCassandra;

/**
 * The Cassandra node of a hand-run measuring tool: its own data directory and ports, started by the
 * tool (never a node something else runs), and stopped by closing it (SIGTERM, which flushes every
 * table before the node exits).
 */
public final class ScratchNode {

  private ScratchNode() {}

  /** Starts a node on {@code dir}; fails when something already answers on {@code port}. */
  public static LocalCassandra start(Path dir, int port, int storagePort) {
    LocalCassandra node = LocalCassandra.ensureRunning(
        Path.of(System.getProperty("user.dir")), dir, port, storagePort);
    if (!node.startedHere()) {
      throw new IllegalStateException("Something already answers on " + port + ": use a free port");
    }
    return node;
  }

  /** A driver session of the tool's own to the node on {@code port}. */
  public static CqlSession session(int port) {
    return CqlSession.builder().addContactPoint(new InetSocketAddress("127.0.0.1", port))
        .withLocalDatacenter("datacenter1").build();
  }
}
