package payledger.metrics;

import static org.junit.jupiter.api.Assertions.*;
import static payledger.testing.Requests.order;
import static payledger.testing.Requests.payment;

import java.time.Clock;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import payledger.testing.ApiClient;
import payledger.testing.ApiClient.Reply;
import payledger.testing.InMemoryService;

/** GET /metrics over real HTTP: JVM metrics plus the ledger's counters, fed by real requests. */
class MetricsApiTest {

  private static InMemoryService service;
  private static ApiClient api;

  @BeforeAll
  static void start() {
    service = new InMemoryService(Clock.systemUTC());
    api = service.api();
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  @Test
  void metricsAreServedInThePrometheusTextFormatWithJvmMetrics() {
    Reply metrics = api.get("/metrics");

    assertEquals(200, metrics.status());
    assertTrue(metrics.contentType().startsWith("text/plain"), metrics.contentType());
    assertTrue(metrics.body().contains("jvm_memory_used_bytes"), "JVM metrics");
    assertTrue(metrics.body().contains("# TYPE payledger_http_request_duration_seconds histogram"));
  }

  @Test
  void ingestedAndDuplicateEventsAreCountedByGatewayAndType() {
    double ingested = value("payledger_payment_events_ingested_total", "testpay", "SUCCEEDED");
    double duplicates = value("payledger_payment_events_duplicate_total", "testpay", "SUCCEEDED");
    assertEquals(201, api.post("/v1/orders", order("metrics-1")).status());

    var event = payment("evt-metrics-1", "metrics-1", "SUCCEEDED", 100);
    assertEquals(201, api.post("/v1/payment-events", event).status());
    assertEquals(200, api.post("/v1/payment-events", event).status());
    assertEquals(200, api.post("/v1/payment-events", event).status());

    assertEquals(ingested + 1,
        value("payledger_payment_events_ingested_total", "testpay", "SUCCEEDED"));
    assertEquals(duplicates + 2,
        value("payledger_payment_events_duplicate_total", "testpay", "SUCCEEDED"));
  }

  @Test
  void discrepanciesAreCountedWhenOpenedAndWhenLaterEventsResolveThem() {
    String opened = "payledger_discrepancies_opened_total{type=\"UNDERPAYMENT\"}";
    String matched = "payledger_discrepancies_resolved_total{resolution=\"AUTO_MATCHED\",type=\"UNDERPAYMENT\"}";
    double openedBefore = value(opened);
    double matchedBefore = value(matched);
    assertEquals(201, api.post("/v1/orders", order("metrics-2")).status()); // due 30.90 EUR

    assertEquals(201, api.post("/v1/payment-events", payment("evt-metrics-2a", "metrics-2", "SUCCEEDED", 1000)).status());
    assertEquals(openedBefore + 1, value(opened));
    assertEquals(201, api.post("/v1/payment-events", payment("evt-metrics-2b", "metrics-2", "SUCCEEDED", 2090)).status());

    assertEquals(openedBefore + 1, value(opened));
    assertEquals(matchedBefore + 1, value(matched));
  }

  @Test
  void requestLatencyIsLabelledByRouteTemplateAndStatusNeverById() {
    api.get("/v1/orders/no-such-order-4711");

    String body = api.get("/metrics").body();
    assertTrue(body.contains(
        "payledger_http_request_duration_seconds_count{method=\"GET\",route=\"/v1/orders/{orderId}\",status=\"404\"}"),
        body);
    assertFalse(body.contains("no-such-order-4711"));
  }

  @Test
  void unknownPathsShareOneRouteLabelHoweverManyShapesTheyTake() {
    Set<String> before = routeLabels();
    List<String> words = List.of("orders", "disputes", "receipt", "batch", "admin", "journal", "v1");
    Random random = new Random(17);
    for (int i = 0; i < 300; i++) {
      // Starting with a word that is not /v1: no route of the API can match.
      StringBuilder path = new StringBuilder("/").append(words.get(random.nextInt(words.size() - 1)));
      for (int s = random.nextInt(6); s > 0; s--) {
        path.append('/').append(random.nextBoolean() ? words.get(random.nextInt(words.size())) : "p" + i);
      }
      assertEquals(404, api.get(path.toString()).status(), path.toString());
    }

    Set<String> added = new TreeSet<>(routeLabels());
    added.removeAll(before);
    assertTrue(added.size() <= 1 && added.stream().allMatch("unmatched"::equals), added.toString());
    assertTrue(routeLabels().contains("unmatched"));
  }

  private static Set<String> routeLabels() {
    Set<String> routes = new TreeSet<>();
    Matcher route = Pattern.compile("payledger_http_request_duration_seconds_count\\{[^}]*route=\"([^\"]*)\"")
        .matcher(api.get("/metrics").body());
    while (route.find()) {
      routes.add(route.group(1));
    }
    return routes;
  }

  private static double value(String metric, String gateway, String type) {
    return value(metric + "{gateway=\"" + gateway + "\",type=\"" + type + "\"}");
  }

  /** The value of one labelled series, 0 when it has not been counted yet. */
  private static double value(String series) {
    Matcher line = Pattern.compile(Pattern.quote(series) + " (\\S+)").matcher(api.get("/metrics").body());
    return line.find() ? Double.parseDouble(line.group(1)) : 0;
  }
}
