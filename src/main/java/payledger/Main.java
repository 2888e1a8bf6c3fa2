package payledger;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.File;
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
 *   <li>{@code start --node N}, {@code serve --node N}: the same as node N of the three-node
 *       cluster on one machine ({@code cluster-config/node-N.conf}).
 *   <li>{@code cassandra start|stop|status}: the local Cassandra node alone, e.g. kept running
 *       between test runs.
 *   <li>{@code audit verify|export|replay}: the auditor's tool ({@link payledger.audit.cli.AuditCli}).
 *   <li>{@code settlements import FILE}: a settlement file uploaded to a running service
 *       ({@link payledger.settlement.cli.SettlementCli}).
 * </ul>
 */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    commonPoolOfAtLeastTwo();
    String command = args.length == 0 ? "serve" : args[0];
    switch (command) {
      case "start" -> {
        Config config = config(args);
        LocalCassandra.ensureRunning(projectHome());
        serve(config);
      }
      case "serve" -> serve(config(args));
      case "cassandra" -> LocalCassandra.main(Arrays.copyOfRange(args, 1, args.length));
      case "audit" -> {
        // Before anything logs: stdout carries the tool's output, logs go to stderr.
        System.setProperty("logback.configurationFile", "audit-cli-logback.xml");
        payledger.audit.cli.AuditCli.main(Arrays.copyOfRange(args, 1, args.length));
      }
      case "settlements" -> {
        System.setProperty("logback.configurationFile", "audit-cli-logback.xml");
        payledger.settlement.cli.SettlementCli.main(Arrays.copyOfRange(args, 1, args.length));
      }
      default -> usage();
    }
  }

  /**
   * The Cassandra session's Java API hands back Scala futures as CompletableFutures whose every
   * stage runs asynchronously on the common pool; on a machine with two cores that pool has one
   * thread, and CompletableFuture then starts a new thread per stage (~700 threads/s under load
   * here). Two threads make it a pool. Must run before anything touches ForkJoinPool.
   */
  private static void commonPoolOfAtLeastTwo() {
    String parallelism = "java.util.concurrent.ForkJoinPool.common.parallelism";
    if (System.getProperty(parallelism) == null && Runtime.getRuntime().availableProcessors() <= 2) {
      System.setProperty(parallelism, "2");
    }
  }

  private static void serve(Config config) {
    Service.start(config, Clock.systemUTC()).awaitTermination();
  }

  /**
   * The embedded default, or with {@code --node N} the cluster node {@code
   * cluster-config/node-N.conf} (which includes the packaged configuration and the cluster's
   * shared settings). System properties and {@code ${?ENV}} overrides apply either way.
   */
  private static Config config(String[] args) {
    if (args.length == 1) {
      return ConfigFactory.load();
    }
    if (args.length != 3 || !args[1].equals("--node") || !args[2].matches("[1-9][0-9]?")) {
      usage();
    }
    File file = nodeFile(projectHome(), Integer.parseInt(args[2]));
    if (!file.isFile()) {
      System.err.println("No node configuration " + file);
      System.exit(2);
    }
    return nodeConfig(file);
  }

  static File nodeFile(Path projectHome, int node) {
    return projectHome.resolve("cluster-config/node-" + node + ".conf").toFile();
  }

  static Config nodeConfig(File file) {
    return ConfigFactory.load(ConfigFactory.parseFile(file));
  }

  private static void usage() {
    System.err.println(
        "usage: payledger start [--node N] | serve [--node N] | cassandra start|stop|status"
            + " | audit verify|export|replay | settlements import FILE");
    System.exit(2);
  }

  /**
   * Where {@code var/} (local Cassandra data and logs, the dev receipt-link secret) lives: the
   * checkout the launcher runs in.
   */
  public static Path projectHome() {
    return Path.of(System.getProperty("payledger.home", System.getProperty("user.dir")));
  }
}
