package payledger.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The three nodes of {@code cluster-config/} as real processes on free loopback ports, against
 * the Cassandra at {@code contactPoint}, plus the set of nodes a load balancer routes to.
 */
public final class ThreeNodeCluster implements AutoCloseable {

  /** A cold start on a busy box: two suites beside each other took over 120 s for the first node. */
  private static final Duration READY = Duration.ofSeconds(180);

  private final List<NodeProcess> nodes = new ArrayList<>();
  private final List<Integer> routed = new CopyOnWriteArrayList<>();

  public ThreeNodeCluster(String keyspace, String contactPoint, Path logDir) {
    List<NodeProcess.Ports> ports = NodeProcess.Ports.free(3);
    Map<String, String> env = new HashMap<>();
    env.put("PAYLEDGER_KEYSPACE", keyspace);
    env.put("CASSANDRA_CONTACT_POINT", contactPoint);
    for (int i = 0; i < 3; i++) {
      env.put("PAYLEDGER_SEED_" + (i + 1), "127.0.0.1:" + ports.get(i).remote());
    }
    for (int i = 0; i < 3; i++) {
      nodes.add(new NodeProcess("node-" + (i + 1), i + 1, ports.get(i), env, logDir));
    }
  }

  /**
   * Node 1 first (it forms the cluster and creates the keyspace and tables if needed), then the
   * other two together; returns when all three are ready and routed to.
   */
  public ThreeNodeCluster start() {
    nodes.get(0).start().awaitReady(READY);
    nodes.get(1).start();
    nodes.get(2).start();
    nodes.get(1).awaitReady(READY);
    nodes.get(2).awaitReady(READY);
    nodes.forEach(node -> routed.add(node.ports().http()));
    return this;
  }

  public NodeProcess node(int number) {
    return nodes.get(number - 1);
  }

  /** The API ports the load balancer currently sends to. */
  public List<Integer> routed() {
    return List.copyOf(routed);
  }

  public void unroute(NodeProcess node) {
    routed.remove(Integer.valueOf(node.ports().http()));
  }

  public void route(NodeProcess node) {
    routed.add(node.ports().http());
  }

  @Override
  public void close() {
    nodes.forEach(NodeProcess::close);
  }
}
