package payledger.http;

import static org.apache.pekko.http.javadsl.server.Directives.*;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.http.javadsl.model.Uri;
import org.apache.pekko.http.javadsl.server.Route;
import payledger.audit.Audit;
import payledger.gateway.AdyenHmac;
import payledger.gateway.AdyenNotifications;
import payledger.gateway.GatewayCounters;
import payledger.gateway.GatewaySettings;
import payledger.gateway.GenericSignature;
import payledger.gateway.PaymentIngestion;
import payledger.gateway.StripeEvents;
import payledger.gateway.StripeSignature;
import payledger.metrics.LedgerMetrics;
import payledger.metrics.RouteTemplate;
import payledger.notify.Notifications;
import payledger.readmodel.ReadSide;
import payledger.time.ServiceClock;

/** Every route of the v1 API and {@code /metrics}, timed, with problem+json for every error. */
public final class ApiRoutes {

  private ApiRoutes() {}

  public static Route create(
      ActorSystem<?> system,
      HttpSettings settings,
      Auth auth,
      GatewaySettings gateways,
      GatewayCounters counters,
      ServiceClock clock,
      Notifications.Api notify,
      Optional<Audit> audit) {
    ClusterSharding sharding = ClusterSharding.get(system);
    PaymentIngestion ingestion = new PaymentIngestion(sharding, settings.askTimeout());
    OrderRoutes orders = new OrderRoutes(sharding, settings, auth);
    DiscrepancyRoutes discrepancies = new DiscrepancyRoutes(sharding, settings, orders, ingestion, auth);
    DisputeRoutes disputes = new DisputeRoutes(sharding, settings, clock, auth);
    AdminRoutes admin = new AdminRoutes(clock, auth);
    RateLimits limits = new RateLimits(settings.rateLimits());
    ReceiptRoutes receipts = new ReceiptRoutes(sharding, settings, auth, notify, limits);
    Supplier<ReadSide> readSide = ReadSide.lazy(system);
    ReadModelRoutes lists = new ReadModelRoutes(readSide, clock, auth);
    ReportRoutes reports = new ReportRoutes(readSide, system, clock, auth);
    ProjectionRoutes projections = new ProjectionRoutes(system, readSide, auth);
    PaymentEventRoutes payments = new PaymentEventRoutes(
        ingestion, settings, new GenericSignature(gateways.genericSecrets()), auth,
        new PaymentEventBatch(system, ingestion, settings, gateways.ownEndpoints()), gateways.ownEndpoints());
    StripeWebhookRoutes stripe = new StripeWebhookRoutes(
        new StripeSignature(gateways.stripeSecrets(), gateways.stripeTolerance(), clock),
        new StripeEvents(new StripeEvents.Settings(
            gateways.stripeOrderIdKey(), gateways.stripePaymentsFromCharges(),
            gateways.stripeRefundsFromRefunds(), settings.maxAmount())),
        ingestion,
        counters,
        limits);
    AdyenNotificationRoutes adyen = new AdyenNotificationRoutes(
        new AdyenHmac(gateways.adyenHmacKeys()),
        new AdyenNotifications(gateways.adyenAuthorisationIsCapture(), settings.maxAmount()),
        ingestion,
        counters,
        limits);
    // Built once: the DSL calls a directive's inner supplier on every request, so a tree built
    // inside one would be built again (and openapi.yaml read again) for each request.
    byte[] spec = OpenApiRoute.document();
    Route all = concat(
        OpenApiRoute.route(spec),
        MetricsRoutes.scrape(reports::kpiGauges),
        pathPrefix("v1", routes(
            orders.route(),
            discrepancies.route(),
            payments.route(),
            stripe.route(),
            adyen.route(),
            disputes.route(),
            admin.route(),
            receipts.route(),
            new AuditRoutes(audit, auth).route(),
            lists.route(),
            reports.route(),
            projections.route())));
    return MetricsRoutes.timed(RouteTemplate.fromSpec(spec), () -> handleExceptions(
        Problems.exceptionHandler(),
        () -> handleRejections(
            Problems.rejectionHandler(),
            () -> withRequestTimeoutResponse(
                request -> {
                  LedgerMetrics.askTimeout();
                  return Problems.unavailable();
                },
                () -> BodyDeadline.within(settings.bodyReadTimeout(), () -> noCardInUrl(all))))));
  }

  /** A card number in the URL is refused before any route sees it: it would be journaled or echoed. */
  private static Route noCardInUrl(Route inner) {
    return extractUri(uri -> CardData.isPanIn(String.join("/", uri.pathSegments())) || CardData.isPanIn(query(uri))
        ? complete(Problems.cardData("(url)"))
        : inner);
  }

  private static String query(Uri uri) {
    try {
      return uri.queryString(StandardCharsets.UTF_8).orElse("");
    } catch (RuntimeException undecodable) {
      return uri.rawQueryString().orElse("");
    }
  }

  private static Supplier<Route> routes(Route first, Route... rest) {
    Route all = concat(first, rest);
    return () -> all;
  }
}
