package payledger.http;

import static org.apache.pekko.http.javadsl.server.Directives.*;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import payledger.gateway.AdyenHmac;
import payledger.gateway.AdyenNotifications;
import payledger.gateway.GatewayCounters;
import payledger.gateway.Mapped;
import payledger.gateway.PaymentIngestion;
import payledger.gateway.PaymentIngestion.Outcome;

/**
 * {@code POST /v1/gateways/adyen/notifications}: a batch is all or nothing. Every item's HMAC is
 * checked and every item mapped before anything is stored; one bad item refuses the whole batch (400,
 * nothing stored) and Adyen retries it. {@code [accepted]} only once every item is journaled; a
 * partial failure (503, 409) leaves the journaled items as duplicates for Adyen's retry.
 */
final class AdyenNotificationRoutes {

  private static final Logger log = LoggerFactory.getLogger(AdyenNotificationRoutes.class);

  private final AdyenHmac hmac;
  private final AdyenNotifications notifications;
  private final PaymentIngestion ingestion;
  private final GatewayCounters counters;
  private final RateLimits limits;

  AdyenNotificationRoutes(AdyenHmac hmac, AdyenNotifications notifications, PaymentIngestion ingestion,
      GatewayCounters counters, RateLimits limits) {
    this.hmac = hmac;
    this.notifications = notifications;
    this.ingestion = ingestion;
    this.counters = counters;
    this.limits = limits;
  }

  Route route() {
    return path(
        segment("gateways").slash("adyen").slash("notifications"),
        () -> post(() -> limits.gatewayWebhooks(() -> Json.body(this::handle))));
  }

  private Route handle(JsonNode body) {
    if (!hmac.configured()) {
      return complete(Problems.invalidSignature("no Adyen HMAC key is configured"));
    }
    List<JsonNode> items = AdyenNotifications.items(body);
    for (int i = 0; i < items.size(); i++) {
      if (!hmac.verify(items.get(i))) {
        log.warn("Adyen notification batch refused: item {} of {} has no valid HMAC", i, items.size());
        return complete(Problems.invalidSignature(
            "notificationItems[" + i + "]: additionalData.hmacSignature does not verify; nothing was stored"));
      }
    }
    List<Mapped.Event> events = new ArrayList<>();
    for (JsonNode item : items) {
      Mapped mapped = notifications.map(item);
      if (mapped instanceof Mapped.Event e) {
        events.add(e);
      } else {
        counters.ignored(AdyenNotifications.GATEWAY, ((Mapped.Ignored) mapped).eventType());
      }
    }
    return completeWithFuture(Problems.reply(recordAll(events), this::answer));
  }

  private CompletionStage<List<Outcome>> recordAll(List<Mapped.Event> events) {
    List<CompletableFuture<Outcome>> pending =
        events.stream().map(e -> ingestion.record(e).toCompletableFuture()).toList();
    return CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
        .thenApply(done -> pending.stream().map(CompletableFuture::join).toList());
  }

  private HttpResponse answer(List<Outcome> outcomes) {
    for (Outcome outcome : outcomes) {
      if (!(outcome instanceof Outcome.Recorded)) {
        return Problems.response(Ingested.problem(outcome));
      }
    }
    return HttpResponse.create()
        .withStatus(200)
        .withEntity(HttpEntities.create(ContentTypes.TEXT_PLAIN_UTF8, "[accepted]"));
  }
}
