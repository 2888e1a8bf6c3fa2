package payledger.http;

import static org.apache.pekko.http.javadsl.server.Directives.*;

import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.http.javadsl.server.Route;
import payledger.metrics.LedgerMetrics;

/** Every route of the v1 API and {@code /metrics}, timed, with problem+json for every error. */
public final class ApiRoutes {

  private ApiRoutes() {}

  public static Route create(ActorSystem<?> system, HttpSettings settings) {
    ClusterSharding sharding = ClusterSharding.get(system);
    OrderRoutes orders = new OrderRoutes(sharding, settings);
    PaymentEventRoutes payments = new PaymentEventRoutes(sharding, settings);
    DiscrepancyRoutes discrepancies = new DiscrepancyRoutes(sharding, settings, orders);
    return MetricsRoutes.timed(() -> handleExceptions(
        Problems.exceptionHandler(),
        () ->
            handleRejections(
                Problems.rejectionHandler(),
                () ->
                    withRequestTimeoutResponse(
                        request -> {
                          LedgerMetrics.askTimeout();
                          return Problems.unavailable();
                        },
                        () -> concat(
                            MetricsRoutes.scrape(),
                            pathPrefix("v1", () -> concat(orders.route(), discrepancies.route(), payments.route())))))));
  }
}
