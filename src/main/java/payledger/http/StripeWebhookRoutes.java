package payledger.http;

import static org.apache.pekko.http.javadsl.server.Directives.*;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import java.util.Map;
import org.apache.pekko.http.javadsl.server.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import payledger.gateway.GatewayCounters;
import payledger.gateway.Mapped;
import payledger.gateway.PaymentIngestion;
import payledger.gateway.StripeEvents;
import payledger.gateway.StripeSignature;

/**
 * {@code POST /v1/gateways/stripe/webhook}: the Stripe-Signature is verified on the raw bytes before
 * anything is parsed (400 when it fails); the event is mapped and journaled through the shared
 * ingestion path; 2xx only once journaled (or for a type payledger ignores, counted), so Stripe
 * redelivers anything not acknowledged.
 */
final class StripeWebhookRoutes {

  private static final Logger log = LoggerFactory.getLogger(StripeWebhookRoutes.class);

  private final StripeSignature signature;
  private final StripeEvents events;
  private final PaymentIngestion ingestion;
  private final GatewayCounters counters;
  private final RateLimits limits;

  StripeWebhookRoutes(StripeSignature signature, StripeEvents events, PaymentIngestion ingestion,
      GatewayCounters counters, RateLimits limits) {
    this.signature = signature;
    this.events = events;
    this.ingestion = ingestion;
    this.counters = counters;
    this.limits = limits;
  }

  Route route() {
    return path(
        segment("gateways").slash("stripe").slash("webhook"),
        () -> post(() -> limits.gatewayWebhooks(() -> optionalHeaderValueByName(
            "Stripe-Signature",
            header -> Json.rawBytes(bytes -> {
              StripeSignature.Verdict verdict = signature.verify(header.orElse(null), bytes);
              if (!verdict.valid()) {
                log.warn("Stripe webhook refused: {}", verdict.reason());
                return complete(Problems.invalidSignature(verdict.reason()));
              }
              return Json.parsed(bytes, body -> handle(events.map(body)));
            })))));
  }

  private Route handle(Mapped mapped) {
    if (mapped instanceof Mapped.Ignored ignored) {
      counters.ignored(StripeEvents.GATEWAY, ignored.eventType());
      return complete(Json.response(200, Map.of("received", true, "ignored", ignored.reason())));
    }
    return completeWithFuture(Problems.reply(
        ingestion.record((Mapped.Event) mapped), Ingested::response));
  }
}
