package payledger.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A gateway posting payment events ({@code POST /v1/payment-events}) at a steady rate, round-robin
 * over the orders and over the nodes a load balancer currently routes to, recording every outcome
 * and every acknowledged (2xx) event id. It never retries: an unacknowledged event is simply not
 * counted as acknowledged (a real gateway would redeliver it).
 */
public final class PaymentLoad implements AutoCloseable {

  /** Statuses below zero are the client's own: no connection, or no answer within 15 s. */
  public static final int NO_CONNECTION = -1;
  public static final int CLIENT_TIMEOUT = -2;

  public record Outcome(long atMillis, String eventId, String orderId, int status,
      boolean problemJson, long latencyMillis) {
    public boolean acknowledged() {
      return status >= 200 && status < 300;
    }
  }

  /** Counts of one window of the run, by status. */
  public record Window(int sent, int acknowledged, Map<Integer, Integer> byStatus, long maxLatencyMillis) {
    public double errorRate() {
      return sent == 0 ? 0 : (sent - acknowledged) / (double) sent;
    }

    @Override
    public String toString() {
      return String.format("%d sent, %d acknowledged, error rate %.1f %%, statuses %s, max latency %d ms",
          sent, acknowledged, 100 * errorRate(), byStatus, maxLatencyMillis);
    }
  }

  /** What the ledger holds for the acknowledged events, read back after the run. */
  public record Verification(int acknowledged, List<String> lost, List<String> duplicated) {}

  private final List<String> orders;
  private final Supplier<List<Integer>> ports;
  private final int perSecond;
  private final String runId;
  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(2)).executor(Executors.newFixedThreadPool(4, PaymentLoad::daemon))
      .build();
  private final ScheduledExecutorService ticker =
      Executors.newSingleThreadScheduledExecutor(PaymentLoad::daemon);
  private final Queue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
  private final Set<CompletableFuture<?>> inFlight = ConcurrentHashMap.newKeySet();
  private final AtomicLong sequence = new AtomicLong();
  private long startNanos;

  /** @param ports the API ports the "load balancer" routes to now; read before every request */
  public PaymentLoad(List<String> orders, Supplier<List<Integer>> ports, int perSecond, String runId) {
    this.orders = List.copyOf(orders);
    this.ports = ports;
    this.perSecond = perSecond;
    this.runId = runId;
  }

  public PaymentLoad start() {
    startNanos = System.nanoTime();
    ticker.scheduleAtFixedRate(this::send, 0, 1_000_000 / perSecond, TimeUnit.MICROSECONDS);
    return this;
  }

  /** Milliseconds since the load started: the time axis of every outcome. */
  public long now() {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  private void send() {
    List<Integer> live = ports.get();
    if (live.isEmpty()) {
      return;
    }
    long n = sequence.getAndIncrement();
    String orderId = orders.get((int) (n % orders.size()));
    String eventId = runId + "-evt-" + n;
    int port = live.get((int) (n % live.size()));
    String body = Requests.payment(eventId, orderId, "AUTHORIZED", Requests.DUE).toString();
    HttpRequest request = HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + "/v1/payment-events"))
        .timeout(Duration.ofSeconds(15)).header("Content-Type", "application/json")
        .header("Authorization", "Bearer dev-gateway-key")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    long sentAt = now();
    CompletableFuture<?> call = http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
        .handle((response, failure) -> {
          int status = response != null ? response.statusCode()
              : failure.getCause() instanceof HttpTimeoutException
                  || failure instanceof HttpTimeoutException ? CLIENT_TIMEOUT : NO_CONNECTION;
          boolean problem = response != null && response.headers().firstValue("Content-Type")
              .orElse("").startsWith("application/problem+json");
          outcomes.add(new Outcome(sentAt, eventId, orderId, status, problem, now() - sentAt));
          return null;
        });
    inFlight.add(call);
    call.whenComplete((ignored, failure) -> inFlight.remove(call));
  }

  /** Stops sending and waits for every answer (or the client's own timeout). */
  public void stop() {
    ticker.shutdownNow();
    CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new))
        .completeOnTimeout(null, 30, TimeUnit.SECONDS).join();
  }

  public List<Outcome> outcomes() {
    return new ArrayList<>(outcomes);
  }

  /** Counts of the requests sent in [from, to) milliseconds. */
  public Window window(long fromMillis, long toMillis) {
    int sent = 0;
    int acked = 0;
    long maxLatency = 0;
    Map<Integer, Integer> byStatus = new TreeMap<>();
    for (Outcome o : outcomes) {
      if (o.atMillis() >= fromMillis && o.atMillis() < toMillis) {
        sent++;
        acked += o.acknowledged() ? 1 : 0;
        byStatus.merge(o.status(), 1, Integer::sum);
        maxLatency = Math.max(maxLatency, o.latencyMillis());
      }
    }
    return new Window(sent, acked, byStatus, maxLatency);
  }

  public Window total() {
    return window(0, Long.MAX_VALUE);
  }

  /** Reads every order from the given API port and checks each acknowledged event is there once. */
  public Verification verify(int port) {
    ApiClient api = new ApiClient(port);
    Map<String, Set<String>> ackedByOrder = new HashMap<>();
    outcomes.stream().filter(Outcome::acknowledged).forEach(o ->
        ackedByOrder.computeIfAbsent(o.orderId(), k -> new HashSet<>()).add(o.eventId()));
    List<String> lost = new ArrayList<>();
    List<String> duplicated = new ArrayList<>();
    int acknowledged = 0;
    for (String orderId : orders) {
      Set<String> acked = ackedByOrder.getOrDefault(orderId, Set.of());
      acknowledged += acked.size();
      // Right after a restart the order's shard may still be moving: wait until it is served.
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      ApiClient.Reply reply = api.get("/v1/orders/" + orderId);
      while (reply.status() != 200 && System.nanoTime() < deadline) {
        NodeProcess.sleep(500);
        reply = api.get("/v1/orders/" + orderId);
      }
      if (reply.status() != 200) {
        throw new AssertionError("GET order " + orderId + ": " + reply.status() + " " + reply.body());
      }
      Set<String> seen = new HashSet<>();
      for (JsonNode payment : reply.json().path("payments")) {
        String eventId = payment.path("eventId").asText();
        if (!seen.add(eventId)) {
          duplicated.add(eventId);
        }
      }
      acked.stream().filter(id -> !seen.contains(id)).forEach(lost::add);
    }
    return new Verification(acknowledged, lost, duplicated);
  }

  @Override
  public void close() {
    ticker.shutdownNow();
  }

  private static Thread daemon(Runnable task) {
    Thread thread = new Thread(task, "payment-load");
    thread.setDaemon(true);
    return thread;
  }
}
