package payledger.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A payledger node as a real process ({@code java -jar target/payledger.jar serve [--node N]}),
 * on loopback ports of its own. Every started process is also killed by a JVM shutdown hook, so a
 * failing or interrupted test never leaves a node behind.
 */
public final class NodeProcess implements AutoCloseable {

  private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(
        () -> RUNNING.forEach(Process::destroyForcibly), "kill-test-nodes"));
  }

  /** The three ports a node listens on. */
  public record Ports(int http, int remote, int management) {
    public static Ports free() {
      return free(1).get(0);
    }

    /** Ports for {@code nodes} nodes, all different ({@link #freePorts}). */
    public static List<Ports> free(int nodes) {
      int[] free = freePorts(3 * nodes);
      List<Ports> ports = new ArrayList<>();
      for (int i = 0; i < nodes; i++) {
        ports.add(new Ports(free[3 * i], free[3 * i + 1], free[3 * i + 2]));
      }
      return ports;
    }
  }

  private final String name;
  private final List<String> command;
  private final Map<String, String> env;
  private final Path log;
  private final Ports ports;
  private Process process;

  /**
   * @param node 1-3 for {@code serve --node N} (cluster-config/node-N.conf), 0 for the embedded
   *     one-node default
   * @param env environment overrides on top of the ports (keyspace, seeds, Cassandra)
   */
  public NodeProcess(String name, int node, Ports ports, Map<String, String> env, Path logDir) {
    this.name = name;
    this.ports = ports;
    this.log = logDir.resolve(name + ".log");
    this.command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xms256m", "-Xmx512m", "-XX:+ExitOnOutOfMemoryError",
        // C1 alone: three nodes, Cassandra and the load share two cores, and a restarted node's
        // C2 compilations starved its start (ready 37-54 s after its stop, 13-25 s with C1 alone).
        // C1 alone would get a 48 MB code cache; the default with C2 is 240 MB (pom.xml, argLine).
        "-XX:TieredStopAtLevel=1", "-XX:ReservedCodeCacheSize=240m",
        "-jar", Path.of("target", "payledger.jar").toAbsolutePath().toString(), "serve"));
    if (node > 0) {
      command.addAll(List.of("--node", String.valueOf(node)));
    }
    this.env = new java.util.HashMap<>(env);
    this.env.put("PAYLEDGER_HTTP_PORT", String.valueOf(ports.http()));
    this.env.put("PAYLEDGER_REMOTE_PORT", String.valueOf(ports.remote()));
    this.env.put("PAYLEDGER_MANAGEMENT_PORT", String.valueOf(ports.management()));
    // No local SMTP sink per test node (a developer's may hold the port); mail just waits.
    this.env.putIfAbsent("PAYLEDGER_SMTP_EMBEDDED", "false");
  }

  public String name() {
    return name;
  }

  public Ports ports() {
    return ports;
  }

  public synchronized NodeProcess start() {
    try {
      Files.createDirectories(log.getParent());
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      builder.environment().putAll(env);
      process = builder.start();
      RUNNING.add(process);
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name, e);
    }
  }

  /** Polls {@code /ready} (membership Up, sharding registered, Cassandra answering). */
  public void awaitReady(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!isAlive()) {
        throw new IllegalStateException(name + " exited during startup; see " + log);
      }
      if (ready()) {
        return;
      }
      sleep(250);
    }
    throw new IllegalStateException(name + " not ready within " + timeout + "; see " + log);
  }

  public boolean ready() {
    return status("/ready") == 200;
  }

  /** The HTTP status of a management path, or -1 when nothing answers. */
  public int status(String managementPath) {
    try {
      return HTTP.send(HttpRequest.newBuilder(URI.create(
              "http://127.0.0.1:" + ports.management() + managementPath))
              .timeout(Duration.ofSeconds(3)).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  public synchronized boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** SIGKILL: the node gets no chance to leave the cluster or hand its shards over. */
  public synchronized void kill9() {
    process.destroyForcibly();
    await(Duration.ofSeconds(10));
  }

  /** SIGTERM: CoordinatedShutdown leaves the cluster and hands the shards over, then exits. */
  public synchronized void terminate(Duration timeout) {
    process.destroy();
    if (!await(timeout)) {
      process.destroyForcibly();
      await(Duration.ofSeconds(10));
      throw new IllegalStateException(name + " did not stop within " + timeout);
    }
  }

  private boolean await(Duration timeout) {
    try {
      boolean exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (exited) {
        RUNNING.remove(process);
      }
      return exited;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public synchronized void close() {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
      await(Duration.ofSeconds(10));
    }
  }

  /**
   * {@code count} free ports, all different: each is held open until every one is chosen (one at a
   * time, a port just closed may be handed out again: a node once got the same port for remoting
   * and HTTP and could not start).
   */
  public static int[] freePorts(int count) {
    List<ServerSocket> held = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        held.add(new ServerSocket(0));
      }
      return held.stream().mapToInt(ServerSocket::getLocalPort).toArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      for (ServerSocket socket : held) {
        try {
          socket.close();
        } catch (IOException e) {
          // the port is free either way
        }
      }
    }
  }

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
