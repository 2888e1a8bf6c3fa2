package payledger.testing;

/**
 * What integration test classes share when two of them run at once in the one test JVM (failsafe
 * runs IT classes concurrently, see pom.xml): a class names the resource in
 * {@code @ResourceLock(SharedResources.…)} and JUnit never runs two holders together. A class that
 * reads the JVM's one metrics registry ({@code /metrics}: counters and KPI gauges every running
 * service writes to) runs alone instead, with {@code @Isolated}.
 */
public final class SharedResources {

  private SharedResources() {}

  /**
   * The {@code payledger_it} keyspace: two services on one keyspace would run the same projections
   * over the same offsets and journal.
   */
  public static final String IT_KEYSPACE = "cassandra keyspace payledger_it";
}
