package payledger.cassandra;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Cassandra for development and tests: its own Java 17 JVM, run from the jars Maven
 * resolves for {@code cluster-config/cassandra/pom.xml}, with all its state under
 * {@code <projectHome>/var/cassandra/}.
 */
public final class LocalCassandra implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LocalCassandra.class);
  private static final String HOST = "127.0.0.1";
  private static final String MAIN_CLASS = "org.apache.cassandra.service.CassandraDaemon";
  /** Marks the node's command line early on: the JDK reports only its first 4096 characters. */
  private static final String MARKER = "-Dpayledger.local-cassandra=";
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

  /** The JDK internals Cassandra 5.0 reaches into on Java 17. */
  private static final List<String> EXPORTS = List.of("java.base/jdk.internal.misc",
      "java.management.rmi/com.sun.jmx.remote.internal.rmi", "java.rmi/sun.rmi.registry",
      "java.rmi/sun.rmi.server", "java.sql/java.sql", "java.base/java.lang.ref",
      "jdk.unsupported/sun.misc", "jdk.compiler/com.sun.tools.javac.file",
      "jdk.attach/sun.tools.attach");
  private static final List<String> OPENS = List.of("java.base/java.lang.module",
      "java.base/jdk.internal.loader", "java.base/jdk.internal.ref",
      "java.base/jdk.internal.reflect", "java.base/jdk.internal.math",
      "java.base/jdk.internal.module", "java.base/jdk.internal.util.jar",
      "jdk.management/com.sun.management.internal", "java.base/sun.nio.ch", "java.base/java.io",
      "java.base/java.lang.reflect", "jdk.compiler/com.sun.tools.javac", "java.base/java.lang",
      "java.base/java.util");

  private final int port;
  private final Process process; // null unless this instance started the node
  private final Path pidFile;
  private final Thread shutdownHook = new Thread(this::close, "local-cassandra-stop");
  private final AtomicBoolean closed = new AtomicBoolean();

  private LocalCassandra(int port, Process process, Path pidFile) {
    this.port = port;
    this.process = process;
    this.pidFile = pidFile;
    if (process != null) {
      Runtime.getRuntime().addShutdownHook(shutdownHook);
    }
  }

  /**
   * The launcher's settings, all from the environment.
   *
   * @param port {@code CASSANDRA_PORT}, the CQL port (default 9042)
   * @param storagePort {@code CASSANDRA_STORAGE_PORT}, the internode port (default 7000)
   * @param heap {@code CASSANDRA_HEAP}, the node's -Xms and -Xmx (default 1g: at 512m a sustained
   *     write flood ran the node out of heap)
   * @param javaHome {@code CASSANDRA_JAVA_HOME}; by default this JVM if it is Java 17, else the
   *     first /usr/lib/jvm/*17*, as Cassandra 5.0 does not start on newer Javas
   * @param jvmOptions {@code CASSANDRA_JVM_OPTS}, more options for the node's JVM, separated by
   *     spaces (the build sets {@code -Dcassandra.unsafesystem=true} for the tests' throwaway
   *     nodes: a schema change then no longer flushes every schema table, which made a keyspace
   *     of the service's tables take ~10 s to create)
   */
  record Settings(int port, int storagePort, String heap, String javaHome, List<String> jvmOptions) {
    static Settings fromEnvironment() {
      Map<String, String> env = System.getenv();
      String options = env.getOrDefault("CASSANDRA_JVM_OPTS", "").trim();
      return new Settings(Integer.parseInt(env.getOrDefault("CASSANDRA_PORT", "9042")),
          Integer.parseInt(env.getOrDefault("CASSANDRA_STORAGE_PORT", "7000")),
          env.getOrDefault("CASSANDRA_HEAP", "1g"), env.get("CASSANDRA_JAVA_HOME"),
          options.isEmpty() ? List.of() : List.of(options.split("\\s+")));
    }

    Path java() {
      if (javaHome != null) {
        return Path.of(javaHome, "bin", "java");
      }
      if (Runtime.version().feature() == 17) {
        return Path.of(System.getProperty("java.home"), "bin", "java");
      }
      try (Stream<Path> jvms = Files.list(Path.of("/usr/lib/jvm"))) {
        return jvms.filter(p -> p.getFileName().toString().contains("17"))
            .filter(p -> Files.isExecutable(p.resolve("bin/java"))).sorted().findFirst()
            .orElseThrow().resolve("bin/java");
      } catch (IOException | RuntimeException e) {
        throw new IllegalStateException("Cassandra 5.0 needs Java 17, but this JVM is Java "
            + Runtime.version().feature() + " and /usr/lib/jvm has no *17*; "
            + "set CASSANDRA_JAVA_HOME");
      }
    }
  }

  /**
   * Reuses a node that already answers CQL on host:port, else starts one and waits until CQL
   * answers.
   */
  public static LocalCassandra ensureRunning(Path projectHome) {
    return ensureRunning(projectHome,
        projectHome.toAbsolutePath().normalize().resolve("var/cassandra"),
        Settings.fromEnvironment());
  }

  /**
   * As {@link #ensureRunning(Path)}, but a node of its own: its own data directory and ports, so
   * that a test may stop and restart it without touching the shared node on the default ports.
   * Heap and Java come from the environment as usual.
   */
  public static LocalCassandra ensureRunning(
      Path projectHome, Path dataDir, int port, int storagePort) {
    Settings env = Settings.fromEnvironment();
    return ensureRunning(projectHome, dataDir.toAbsolutePath().normalize(),
        new Settings(port, storagePort, env.heap(), env.javaHome(), env.jvmOptions()));
  }

  private static synchronized LocalCassandra ensureRunning(
      Path projectHome, Path dir, Settings settings) {
    Path pidFile = dir.resolve("cassandra.pid");
    try {
      Files.createDirectories(dir);
      // Held until the node answers, so that two launchers never run two nodes on one data dir.
      try (FileChannel lock = FileChannel.open(dir.resolve("launcher.lock"),
          StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
        lock.lock(); // released when the channel closes
        if (CqlProbe.answers(HOST, settings.port(), PROBE_TIMEOUT)) {
          log.info("Reusing Cassandra at {}:{}", HOST, settings.port());
          return new LocalCassandra(settings.port(), null, pidFile);
        }
        Optional<ProcessHandle> orphan = recordedNode(pidFile); // its launcher died mid-start
        if (orphan.isPresent()) {
          log.info("Waiting for the Cassandra node starting as pid {}", orphan.get().pid());
          awaitReady(orphan.get(), settings.port(), dir);
          return new LocalCassandra(settings.port(), null, pidFile);
        }
        return start(projectHome.toAbsolutePath(), dir, settings);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot start a local Cassandra in " + dir + ": " + e, e);
    }
  }

  public boolean startedHere() {
    return process != null;
  }

  public String host() {
    return HOST;
  }

  public int port() {
    return port;
  }

  /**
   * Stops the node only if this instance started it (SIGTERM, wait up to 60 s, then kill).
   * Idempotent.
   */
  @Override
  public void close() {
    if (process == null || !closed.compareAndSet(false, true)) {
      return;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // we are the hook
    }
    stop(process.toHandle(), pidFile);
  }

  private static LocalCassandra start(Path projectHome, Path dir, Settings settings)
      throws IOException {
    log.info("Starting local Cassandra node (data in {})", dir);
    for (String sub : List.of("data", "commitlog", "saved_caches", "hints", "cdc_raw", "logs",
        "triggers")) {
      Files.createDirectories(dir.resolve(sub));
    }
    String yaml = resource("cassandra.yaml").replace("${dir}", dir.toString())
        .replace("${storage_port}", String.valueOf(settings.storagePort()))
        .replace("${native_transport_port}", String.valueOf(settings.port()));
    Files.writeString(dir.resolve("cassandra.yaml"), yaml);
    Files.writeString(dir.resolve("logback.xml"), resource("logback.xml"));
    String classpath = classpath(projectHome.resolve("cluster-config/cassandra/pom.xml"), dir);
    String jamm = Arrays.stream(classpath.split(File.pathSeparator))
        .filter(jar -> Path.of(jar).getFileName().toString().startsWith("jamm-")).findFirst()
        .orElseThrow(() -> new IllegalStateException("No jamm jar on Cassandra's classpath"));

    List<String> command = new ArrayList<>(List.of(settings.java().toString(), MARKER + dir,
        "-Xms" + settings.heap(), "-Xmx" + settings.heap(),
        "-XX:+UseG1GC", // Cassandra's choice; on a 1-CPU box the JVM would pick Serial
        "-XX:+ExitOnOutOfMemoryError")); // a node that goes on after an OOM may corrupt data
    command.addAll(settings.jvmOptions());
    EXPORTS.forEach(module -> command.add("--add-exports=" + module + "=ALL-UNNAMED"));
    OPENS.forEach(module -> command.add("--add-opens=" + module + "=ALL-UNNAMED"));
    command.addAll(List.of("-Dio.netty.tryReflectionSetAccessible=true",
        "-Djava.net.preferIPv4Stack=true", "-Djdk.attach.allowAttachSelf=true",
        "-javaagent:" + jamm, // memtable sizes are measured with it
        "-Dcassandra-foreground=yes",
        "-Dcassandra.config=" + dir.resolve("cassandra.yaml").toUri(),
        "-Dcassandra.storagedir=" + dir,
        "-Dcassandra.logdir=" + dir.resolve("logs"),
        "-Dlogback.configurationFile=" + dir.resolve("logback.xml"),
        "-Dcassandra.triggers_dir=" + dir.resolve("triggers"), // else it warns every minute
        // On shutdown gossip waits this long for peers to hear the news; a lone node has none.
        "-Dcassandra.shutdown_announce_in_ms=0",
        "-cp", classpath, MAIN_CLASS));

    Path systemLog = dir.resolve("logs/system.log");
    if (Files.exists(systemLog)) { // keep the previous run's log: it may explain a crash
      Files.move(systemLog, dir.resolve("logs/system.log.1"), StandardCopyOption.REPLACE_EXISTING);
    }
    Process process = new ProcessBuilder(command).directory(dir.toFile())
        .redirectErrorStream(true).redirectOutput(dir.resolve("logs/console.log").toFile())
        .start();
    Path pidFile = dir.resolve("cassandra.pid");
    Files.writeString(pidFile, process.pid() + "\n");
    LocalCassandra node = new LocalCassandra(settings.port(), process, pidFile);
    try {
      awaitReady(process.toHandle(), settings.port(), dir);
      return node;
    } catch (RuntimeException e) {
      node.close();
      throw e;
    }
  }

  private static void awaitReady(ProcessHandle node, int port, Path dir) {
    long started = System.nanoTime();
    while (!CqlProbe.answers(HOST, port, PROBE_TIMEOUT)) {
      if (!node.isAlive()) {
        throw new IllegalStateException("Cassandra exited during startup" + logTail(dir));
      }
      if (System.nanoTime() - started > READY_TIMEOUT.toNanos()) {
        throw new IllegalStateException("Cassandra did not answer CQL on port " + port
            + " within " + READY_TIMEOUT.toSeconds() + " s" + logTail(dir));
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for Cassandra", e);
      }
    }
    log.info("Cassandra ready in {} s", seconds(started));
  }

  /** SIGTERM, so that Cassandra drains (flushes memtables, closes the commit log) and exits. */
  private static void stop(ProcessHandle node, Path pidFile) {
    long started = System.nanoTime();
    boolean wasAlive = node.isAlive(); // not when it crashed, or "stop" came from elsewhere
    if (wasAlive) {
      log.info("Stopping Cassandra (pid {})", node.pid());
      if (!node.destroy()) {
        throw new IllegalStateException("Not allowed to stop Cassandra (pid " + node.pid() + ")");
      }
      node.onExit().completeOnTimeout(node, STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
    }
    if (node.isAlive()) {
      log.warn("Cassandra did not stop within {} s; killing it", STOP_TIMEOUT.toSeconds());
      node.destroyForcibly();
      node.onExit().join();
    }
    try {
      Files.deleteIfExists(pidFile);
    } catch (IOException e) {
      log.warn("Cannot delete {}: {}", pidFile, e.toString());
    }
    if (wasAlive) {
      log.info("Cassandra stopped in {} s", seconds(started));
    }
  }

  /** The live node in the pid file, if any; a stale pid may belong to another program by now. */
  private static Optional<ProcessHandle> recordedNode(Path pidFile) {
    try {
      return ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim()))
          .filter(p -> p.info().commandLine().map(line -> line.contains(MARKER)).orElse(true))
          .filter(ProcessHandle::isAlive);
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Maven's answer for cassandra-all's dependencies, cached until the pom changes. */
  private static String classpath(Path pom, Path dir) throws IOException {
    Path cached = dir.resolve("classpath.txt");
    if (!Files.exists(cached)
        || Files.getLastModifiedTime(cached).compareTo(Files.getLastModifiedTime(pom)) < 0) {
      log.info("Resolving Cassandra's classpath with Maven from {}", pom);
      Path fresh = dir.resolve("classpath.txt.tmp"); // a failed run must not leave a cache behind
      Files.deleteIfExists(fresh);
      Process mvn = new ProcessBuilder("mvn", "-q", "-B", "-f", pom.toString(),
          "dependency:build-classpath", "-Dmdep.outputFile=" + fresh)
          .redirectErrorStream(true).start();
      String output = new String(mvn.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (exitCode(mvn) != 0 || !Files.exists(fresh)) {
        throw new IllegalStateException("Maven did not resolve Cassandra's classpath:\n" + output);
      }
      Files.move(fresh, cached, StandardCopyOption.REPLACE_EXISTING);
    }
    return Files.readString(cached).trim();
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = LocalCassandra.class.getResourceAsStream("/cassandra/" + name)) {
      if (in == null) {
        throw new IllegalStateException("Resource cassandra/" + name + " is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static String logTail(Path dir) {
    StringBuilder tail = new StringBuilder("; see ").append(dir.resolve("logs"));
    for (String name : List.of("system.log", "console.log")) {
      try {
        List<String> lines = Files.readAllLines(dir.resolve("logs").resolve(name));
        tail.append("\n--- ").append(name).append(" ---\n")
            .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())));
      } catch (IOException e) {
        tail.append("\n--- no ").append(name);
      }
    }
    return tail.toString();
  }

  private static String seconds(long startNanos) {
    return String.format("%.1f", (System.nanoTime() - startNanos) / 1e9);
  }

  private static int exitCode(Process process) {
    try {
      return process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /**
   * {@code start [projectHome]} runs a node (unless one answers) until Ctrl-C; {@code stop
   * [projectHome]} stops the node in the pid file; {@code status} says whether CQL answers.
   * projectHome defaults to -Dpayledger.home, else the working directory.
   */
  public static void main(String[] args) {
    Path home = Path.of(args.length > 1 ? args[1] : System.getProperty("payledger.home", ""))
        .toAbsolutePath();
    Path pidFile = home.resolve("var/cassandra/cassandra.pid");
    try {
      System.exit(switch (args.length > 0 ? args[0] : "") {
        case "start" -> {
          LocalCassandra node = ensureRunning(home);
          int exit = node.startedHere() ? exitCode(node.process) : 0;
          yield exit == 0 || exit == 143 ? 0 : 1; // 143: SIGTERM, e.g. from "stop"
        }
        case "stop" -> {
          Optional<ProcessHandle> node = recordedNode(pidFile);
          node.ifPresent(it -> stop(it, pidFile));
          if (node.isEmpty()) {
            System.out.println("No running Cassandra is recorded in " + pidFile);
          }
          yield 0;
        }
        case "status" -> {
          int port = Settings.fromEnvironment().port();
          boolean answers = CqlProbe.answers(HOST, port, PROBE_TIMEOUT);
          System.out.println((answers ? "Cassandra answers" : "Nothing answers") + " CQL at "
              + HOST + ":" + port);
          yield answers ? 0 : 1;
        }
        default -> {
          System.err.println("usage: LocalCassandra start|stop|status [projectHome]");
          yield 2;
        }
      });
    } catch (RuntimeException e) {
      System.err.println("LocalCassandra " + args[0] + " failed: " + e.getMessage());
      System.exit(1);
    }
  }
}
