package payledger.testing;

import com.datastax.oss.driver.api.core.CqlSession;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import payledger.cassandra.LocalCassandra;

/**
 * Makes sure the real local Cassandra node answers before an integration test class runs: reuses a
 * running node (a developer may keep one up with {@code ./payledger cassandra start}) or starts one
 * for this test JVM, which stops it on exit. The node's CQL port is {@code CASSANDRA_PORT} (default
 * 9042; give the service the same one in {@code CASSANDRA_CONTACT_POINT}), so that test runs of two
 * checkouts need not share a node.
 */
public final class LocalCassandraExtension implements BeforeAllCallback {

  private static LocalCassandra node;

  @Override
  public void beforeAll(ExtensionContext context) {
    synchronized (LocalCassandraExtension.class) {
      if (node == null) {
        node = LocalCassandra.ensureRunning(Path.of(System.getProperty("user.dir")));
      }
    }
  }

  /** The CQL port of the node the test classes run against (after {@link #beforeAll}). */
  public static int port() {
    return node.port();
  }

  /** A driver session of the test's own to that node (the caller closes it). */
  public static CqlSession session() {
    return CqlSession.builder().addContactPoint(new InetSocketAddress("127.0.0.1", port()))
        .withLocalDatacenter("datacenter1").build();
  }
}
