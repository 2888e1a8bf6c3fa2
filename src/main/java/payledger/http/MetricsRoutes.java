package payledger.http;

import static org.apache.pekko.http.javadsl.server.Directives.*;

import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.Route;
import payledger.metrics.LedgerMetrics;
import payledger.metrics.RouteTemplate;

/** {@code GET /metrics} (Prometheus text format) and the latency timing of every request. */
final class MetricsRoutes {

  private static final ContentType PROMETHEUS_TEXT =
      ContentTypes.parse(LedgerMetrics.CONTENT_TYPE);

  private MetricsRoutes() {}

  static Route scrape() {
    return path("metrics", () -> get(() -> complete(HttpResponse.create()
        .withEntity(HttpEntities.create(PROMETHEUS_TEXT, LedgerMetrics.scrape())))));
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
