package payledger.http;

import static org.apache.pekko.http.javadsl.server.Directives.*;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.server.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import payledger.gateway.Delivery;
import payledger.gateway.Gateway;
import payledger.gateway.GatewayCounters;
import payledger.gateway.Gateways;
import payledger.gateway.Mapped;
import payledger.gateway.PaymentIngestion;
import payledger.gateway.PaymentIngestion.Outcome;
import payledger.gateway.Received;

/**
 * Every gateway's deliveries, through one path: {@code POST /v1/gateways/{name}/{webhook}} for the
 * gateways with a webhook of their own (Stripe, Adyen; rate-limited per client, authenticated by
 * their signatures), {@code POST /v1/payment-events} for the generic format (gateway API key). The
 * gateway {@link Gateway#verify verifies} the raw bytes, then {@link Gateway#read reads} the parsed
 * body (400 when either refuses, nothing stored); its events are journaled through the shared
 * ingestion path, and the gateway's {@link Gateway#answer answer} is written only once every one is
 * journaled (503 otherwise), so a gateway redelivers anything not acknowledged. Messages payledger
 * does not record are acknowledged and counted by gateway. {@code POST /v1/payment-events/batch}:
 * see {@link PaymentEventBatch}.
 */
final class GatewayRoutes {

  private static final Logger log = LoggerFactory.getLogger(GatewayRoutes.class);
  private static final Set<Role> ROLES = EnumSet.of(Role.GATEWAY);

  private final Gateways gateways;
  private final PaymentIngestion ingestion;
  private final GatewayCounters counters;
  private final RateLimits limits;
  private final Auth auth;
  private final PaymentEventBatch batch;

  GatewayRoutes(Gateways gateways, PaymentIngestion ingestion, GatewayCounters counters, RateLimits limits,
      Auth auth, PaymentEventBatch batch) {
    this.gateways = gateways;
    this.ingestion = ingestion;
    this.counters = counters;
    this.limits = limits;
    this.auth = auth;
    this.batch = batch;
  }

  Route route() {
    return concat(
        pathPrefix("payment-events", () -> concat(
            pathEnd(() -> post(() -> auth.require(ROLES, () -> deliver(gateways.generic())))),
            path("batch", () -> post(() -> auth.require(ROLES, () -> delivery(batch::record)))))),
        path(segment("gateways").slash(segment()).slash(segment()), (name, webhook) ->
            gateways.webhook(name, webhook)
                .map(gateway -> post(() -> limits.gatewayWebhooks(() -> deliver(gateway))))
                .orElseGet(() -> reject())));
  }

  /** The raw body (415 unless JSON) and the headers of a request, as the gateway sent them. */
  static Route delivery(Function<Delivery, Route> inner) {
    return extractRequest(request -> Json.rawBytes(bytes -> inner.apply(new Delivery(bytes, headers(request)))));
  }

  /** A gateway's signature refused: 400, nothing stored. */
  static Route refuse(Gateway gateway, String reason) {
    log.warn("{} delivery refused: {}", gateway.name(), reason);
    return complete(Problems.invalidSignature(reason));
  }

  private Route deliver(Gateway gateway) {
    return delivery(delivery -> {
      Optional<String> refused = gateway.verify(delivery);
      if (refused.isPresent()) {
        return refuse(gateway, refused.get());
      }
      return Json.parsed(delivery.body(), body -> {
        Received received = gateway.read(delivery, body);
        return received instanceof Received.Messages messages
            ? record(gateway, messages.mapped())
            : refuse(gateway, ((Received.Refused) received).reason());
      });
    });
  }

  private Route record(Gateway gateway, List<Mapped> mapped) {
    List<Mapped.Event> events = new ArrayList<>();
    for (Mapped message : mapped) {
      if (message instanceof Mapped.Event event) {
        if (gateways.signedElsewhere(gateway, event.event())) {
          return complete(Problems.response(Ingested.signedElsewhere(event.event())));
        }
        events.add(event);
      }
    }
    for (Mapped message : mapped) {
      if (message instanceof Mapped.Ignored ignored) {
        counters.ignored(gateway.name(), ignored.eventType());
      }
    }
    Map<String, String> correlation = events.size() == 1 ? Ingested.correlation(events.get(0).event()) : Map.of();
    return completeWithFuture(Problems.reply(
        recordAll(events), outcomes -> Ingested.response(gateway.answer(mapped, outcomes)), correlation));
  }

  private CompletionStage<List<Outcome>> recordAll(List<Mapped.Event> events) {
    List<CompletableFuture<Outcome>> pending =
        events.stream().map(e -> ingestion.record(e).toCompletableFuture()).toList();
    return CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
        .thenApply(done -> pending.stream().map(CompletableFuture::join).toList());
  }

  private static Map<String, String> headers(HttpRequest request) {
    Map<String, String> headers = new HashMap<>();
    for (HttpHeader header : request.getHeaders()) {
      headers.putIfAbsent(header.lowercaseName(), header.value());
    }
    return headers;
  }
}
