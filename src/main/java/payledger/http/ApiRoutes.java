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
import payledger.dispute.CaseOpening;
import payledger.dispute.DisputeClient;
import payledger.fraud.FraudProjections;
import payledger.fraud.FraudSettings;
import payledger.fraud.RiskStore;
import payledger.gateway.GatewayCounters;
import payledger.gateway.GatewaySettings;
import payledger.gateway.Gateways;
import payledger.gateway.PaymentIngestion;
import payledger.metrics.LedgerMetrics;
import payledger.metrics.RouteTemplate;
import payledger.notify.Notifications;
import payledger.order.OrderClient;
import payledger.order.PaymentLinking;
import payledger.readmodel.ReadSide;
import payledger.settlement.Settlements;
import payledger.time.ServiceClock;
import payledger.vendor.VendorClient;
import payledger.web.Web;

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
    OrderClient orderClient = new OrderClient(sharding, settings.askTimeout());
    DisputeClient disputeClient = new DisputeClient(sharding, settings.askTimeout());
    FraudSettings fraud = FraudSettings.from(system.settings().config());
    Supplier<RiskStore> risk = FraudProjections.lazyStore(system, fraud);
    OrderRoutes orders = new OrderRoutes(orderClient, OrderRisk.of(system, risk, settings.askTimeout()), settings, auth);
    DiscrepancyRoutes discrepancies =
        new DiscrepancyRoutes(orderClient, new PaymentLinking(orderClient), auth);
    DisputeRoutes disputes = new DisputeRoutes(
        disputeClient, new CaseOpening(disputeClient, orderClient), settings, clock, auth);
    AdminRoutes admin = new AdminRoutes(clock, auth);
    RateLimits limits = new RateLimits(settings.rateLimits());
    ReceiptRoutes receipts = new ReceiptRoutes(orderClient, auth, notify, limits, clock);
    Supplier<ReadSide> readSide = ReadSide.lazy(system);
    ReadModelRoutes lists = new ReadModelRoutes(readSide, clock, auth);
    Supplier<Settlements> settled = Settlements.lazy(system, clock, settings.askTimeout());
    ReportRoutes reports = new ReportRoutes(readSide, settled, system, clock, auth);
    ProjectionRoutes projections = new ProjectionRoutes(system, readSide, auth);
    SettlementRoutes settlements = new SettlementRoutes(system, settled, clock, auth, settings.askTimeout());
    Gateways registry = Gateways.create(gateways, clock, settings.maxAmount());
    GatewayRoutes deliveries = new GatewayRoutes(registry, ingestion, counters, limits, auth,
        new PaymentEventBatch(system, ingestion, registry));
    // Built once: the DSL calls a directive's inner supplier on every request, so a tree built
    // inside one would be built again (and openapi.yaml read again) for each request.
    byte[] spec = OpenApiRoute.document();
    Route all = concat(
        OpenApiRoute.route(spec),
        MetricsRoutes.scrape(reports::kpiGauges),
        Web.routes(system, clock, orderClient, disputeClient, readSide, notify, key -> auth.identify(key).map(id -> Web.staff(id.name(), id.roles())), limits::receiptLinks, audit),
        payledger.web.vendorportal.VendorPortalRoutes.create(system, clock, new VendorClient(sharding, settings.askTimeout()), disputeClient, readSide, notify, limits::receiptLinks),
        pathPrefix("v1", routes(
            orders.route(),
            discrepancies.route(),
            deliveries.route(),
            disputes.route(),
            admin.route(),
            receipts.route(),
            new AuditRoutes(audit, auth).route(),
            lists.route(),
            reports.route(),
            projections.route(),
            settlements.route(),
            new RiskRoutes(risk, fraud, clock, auth).route(),
            new VendorRoutes(new VendorClient(sharding, settings.askTimeout()), settings, clock, auth, notify.messages(), disputeClient).route(),
            PayoutRoutes.of(system, settings, gateways, counters, limits, auth, clock).route())));
    return MetricsRoutes.timed(RouteTemplate.fromSpec(spec), () -> handleExceptions(
        Problems.exceptionHandler(),
        () -> handleRejections(
            Problems.rejectionHandler(),
            () -> withRequestTimeoutResponse(
                request -> {
                  LedgerMetrics.askTimeout();
                  return Problems.unavailable();
                },
                () -> concat(noCardInUrl(settlements.upload()),
                    BodyDeadline.within(settings.bodyReadTimeout(), settings.maxBodyBytes(),
                        () -> noCardInUrl(all)))))));
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
