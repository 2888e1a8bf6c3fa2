package payledger.http;

import static org.apache.pekko.http.javadsl.server.Directives.*;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.Config;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.Route;
import payledger.gateway.Delivery;
import payledger.gateway.GatewayCounters;
import payledger.gateway.GatewaySettings;
import payledger.gateway.PayoutGateways;
import payledger.gateway.PayoutMessage;
import payledger.json.JsonFields;
import payledger.vendor.CassandraPayoutAccounts;
import payledger.vendor.PayoutIngestion;
import payledger.vendor.VendorClient;
import payledger.vendor.VendorLedger;

/**
 * Payouts to vendors: {@code POST /v1/payout-events} (the generic format, gateway API key),
 * {@code POST /v1/gateways/stripe/connect} (Stripe Connect events, {@code Stripe-Signature}) and
 * {@code POST /v1/gateways/adyen/transfers} (Adyen for Platforms transfer webhooks,
 * {@code HmacSignature}), each verified before anything is parsed (400, nothing stored) and answered
 * only once the event is on the vendor's ledger (201, a redelivery 200, 503 otherwise); the links of
 * gateway accounts to vendors ({@code POST /v1/vendors/{id}/payout-accounts}, admin) and the
 * resolution of payout discrepancies
 * ({@code POST /v1/vendors/{id}/payout-discrepancies/{discrepancyId}/resolve}, support).
 */
final class PayoutRoutes {

  private static final Set<Role> GATEWAY = EnumSet.of(Role.GATEWAY);
  private static final Set<Role> CONFIGURE = EnumSet.of(Role.ADMIN);
  private static final Set<Role> SUPPORT = EnumSet.of(Role.SUPPORT);

  private final PayoutGateways gateways;
  private final PayoutIngestion ingestion;
  private final VendorClient vendors;
  private final GatewayCounters counters;
  private final RateLimits limits;
  private final Auth auth;
  private final Clock clock;

  PayoutRoutes(PayoutGateways gateways, PayoutIngestion ingestion, VendorClient vendors,
      GatewayCounters counters, RateLimits limits, Auth auth, Clock clock) {
    this.gateways = gateways;
    this.ingestion = ingestion;
    this.vendors = vendors;
    this.counters = counters;
    this.limits = limits;
    this.auth = auth;
    this.clock = clock;
  }

  /** The routes over the vendors' ledgers and the payout accounts table of the service keyspace. */
  static PayoutRoutes of(ActorSystem<?> system, HttpSettings settings, GatewaySettings gatewaySettings,
      GatewayCounters counters, RateLimits limits, Auth auth, Clock clock) {
    Config config = system.settings().config();
    VendorClient vendors = new VendorClient(ClusterSharding.get(system), settings.askTimeout());
    return new PayoutRoutes(
        PayoutGateways.create(config.getConfig("payledger.vendors.payout-gateways"), gatewaySettings,
            clock, settings.maxAmount()),
        new PayoutIngestion(vendors, CassandraPayoutAccounts.lazy(system)), vendors, counters, limits,
        auth, clock);
  }

  Route route() {
    return concat(
        path("payout-events", () -> post(() -> auth.require(GATEWAY, () -> GatewayRoutes.delivery(
            delivery -> Json.parsed(delivery.body(), body -> generic(delivery, body)))))),
        path(segment("gateways").slash("stripe").slash("connect"), () -> post(() -> limits.gatewayWebhooks(
            () -> signed("stripe", gateways::verifyStripe, gateways::readStripe, false)))),
        path(segment("gateways").slash("adyen").slash("transfers"), () -> post(() -> limits.gatewayWebhooks(
            () -> signed("adyen", gateways::verifyAdyen, gateways::readAdyen, true)))),
        pathPrefix(segment("vendors").slash(segment()), vendorId -> concat(
            path("payout-accounts", () -> post(() -> auth.require(CONFIGURE,
                () -> Json.body(body -> link(vendorId, body))))),
            path(segment("payout-discrepancies").slash(segment()).slash("resolve"), id -> post(
                () -> auth.require(SUPPORT, () -> Json.body(body -> resolve(vendorId, id, body))))))));
  }

  private Route generic(Delivery delivery, JsonNode body) {
    Optional<String> refused = gateways.verifyGeneric(delivery, body);
    if (refused.isPresent()) {
      return complete(Problems.invalidSignature(refused.get()));
    }
    PayoutMessage.Payout payout = gateways.readGeneric(body);
    if (gateways.signedElsewhere(payout.event().gateway())) {
      return complete(Problems.response(Problem.of(422, "signed-elsewhere", Problems.title(422),
          payout.event().gateway() + " payouts are taken only from its own signed endpoint")));
    }
    return record(payout, false);
  }

  /** A gateway's own signed endpoint: verified on the raw bytes, then read, then recorded. */
  private Route signed(String gateway, Function<Delivery, Optional<String>> verify,
      Function<JsonNode, PayoutMessage> read, boolean adyen) {
    return GatewayRoutes.delivery(delivery -> {
      Optional<String> refused = verify.apply(delivery);
      if (refused.isPresent()) {
        return complete(Problems.invalidSignature(refused.get()));
      }
      return Json.parsed(delivery.body(), body -> {
        PayoutMessage message = read.apply(body);
        if (message instanceof PayoutMessage.Ignored ignored) {
          counters.ignored(gateway, ignored.eventType());
          return complete(adyen ? accepted()
              : Json.response(200, Map.of("received", true, "ignored", ignored.reason())));
        }
        return record((PayoutMessage.Payout) message, adyen);
      });
    });
  }

  private Route record(PayoutMessage.Payout payout, boolean adyen) {
    return completeWithFuture(Problems.reply(
        ingestion.record(payout.vendorId(), payout.account(), payout.event()),
        ack -> adyen ? accepted() : Json.response(ack.duplicate() ? 200 : 201, PayoutResponse.of(ack)),
        Map.of("gatewayEventId", payout.event().eventId())));
  }

  /** What Adyen expects once its webhook is recorded. */
  private static HttpResponse accepted() {
    return HttpResponse.create().withStatus(200)
        .withEntity(HttpEntities.create(ContentTypes.TEXT_PLAIN_UTF8, "[accepted]"));
  }

  /** {@code {gateway, account}}: 201 linked now, 200 linked before, 409 another vendor's. */
  private Route link(String vendorId, JsonNode body) {
    JsonFields f = JsonFields.root(body);
    String gateway = f.code("gateway", true);
    String account = f.id("account");
    f.validate();
    if (!JsonFields.ID.matcher(vendorId).matches()) {
      return complete(Problems.response(Problem.of(404, "not-found", "Not found", "no such vendor")));
    }
    return completeWithFuture(Problems.reply(ingestion.link(vendorId, gateway, account),
        linked -> Json.response(linked == payledger.vendor.PayoutAccounts.Linked.LINKED ? 201 : 200,
            Map.of("vendorId", vendorId, "gateway", gateway, "account", account))));
  }

  /** {@code {resolution, actor, note}}: the vendor with the discrepancy resolved. */
  private Route resolve(String vendorId, String discrepancyId, JsonNode body) {
    JsonFields f = JsonFields.root(body);
    String resolution = f.text("resolution");
    String actor = f.text("actor");
    String note = f.optionalText("note");
    if (resolution != null && !VendorLedger.RESOLUTIONS.contains(resolution)) {
      f.error("resolution", "must be one of " + new java.util.TreeSet<>(VendorLedger.RESOLUTIONS));
    }
    f.validate();
    if (!JsonFields.ID.matcher(vendorId).matches() || !JsonFields.ID.matcher(discrepancyId).matches()) {
      return complete(Problems.response(Problem.of(404, "not-found", "Not found", "no such discrepancy")));
    }
    return completeWithFuture(Problems.reply(vendors.resolvePayoutDiscrepancy(
            vendorId, discrepancyId, resolution, actor, note == null ? "" : note),
        view -> VendorResponse.answer(view, clock.instant())));
  }
}
