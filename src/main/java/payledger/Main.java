package payledger;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import payledger.cassandra.LocalCassandra;

/**
 * Entry point.
 *
 * <ul>
 *   <li>{@code start}: the embedded default: a local Cassandra node (reused when one already
 *       answers) and one service node forming a one-node cluster.
 *   <li>{@code serve}: a service node only, against the Cassandra of the configuration.
 *   <li>{@code cassandra start|stop|status}: the local Cassandra node alone, e.g. kept running
 *       between test runs.
 * </ul>
 */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    String command = args.length == 0 ? "serve" : args[0];
    switch (command) {
      case "start" -> {
        LocalCassandra.ensureRunning(projectHome());
        serve();
      }
      case "serve" -> serve();
      case "cassandra" -> LocalCassandra.main(Arrays.copyOfRange(args, 1, args.length));
      default -> {
        System.err.println("usage: payledger start | serve | cassandra start|stop|status");
        System.exit(2);
      }
    }
  }

  private static void serve() {
    Service.start(ConfigFactory.load(), Clock.systemUTC()).awaitTermination();
  }

  /** Where {@code var/} (local Cassandra data and logs) lives: the checkout the launcher runs in. */
  static Path projectHome() {
    return Path.of(System.getProperty("payledger.home", System.getProperty("user.dir")));
  }
}
