package payledger.http;

import static org.apache.pekko.http.javadsl.server.Directives.*;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.Route;
import payledger.metrics.LedgerMetrics;
import payledger.metrics.RouteTemplate;

/**
 * {@code GET /metrics} (Prometheus text format: the node's metrics, then the report's KPI gauges)
 * and the latency timing of every request.
 */
final class MetricsRoutes {

  private static final ContentType PROMETHEUS_TEXT =
      ContentTypes.parse(LedgerMetrics.CONTENT_TYPE);

  private MetricsRoutes() {}

  /** @param kpiGauges the report's KPI gauges in the text format (never failing; "" for none) */
  static Route scrape(Supplier<CompletionStage<String>> kpiGauges) {
    return path("metrics", () -> get(() -> onSuccess(kpiGauges.get(), kpis -> complete(HttpResponse.create()
        .withEntity(HttpEntities.create(PROMETHEUS_TEXT, concat(LedgerMetrics.scrape(), kpis)))))));
  }

  private static byte[] concat(byte[] metrics, String more) {
    byte[] extra = more.getBytes(StandardCharsets.UTF_8);
    byte[] all = Arrays.copyOf(metrics, metrics.length + extra.length);
    System.arraycopy(extra, 0, all, metrics.length, extra.length);
    return all;
  }

  /**
   * Times every answered request, labelled by method, route template and status. Requests cut off
   * by the request timeout never reach here; they are counted as ask timeouts instead.
   */
  static Route timed(RouteTemplate routes, Supplier<Route> inner) {
    return extractRequest(request -> {
      long started = System.nanoTime();
      String method = request.method().name();
      String route = routes.of(request.getUri().path());
      return mapResponse(response -> {
        LedgerMetrics.httpRequest(
            method, route, response.status().intValue(), (System.nanoTime() - started) / 1e9);
        return response;
      }, inner);
    });
  }
}
