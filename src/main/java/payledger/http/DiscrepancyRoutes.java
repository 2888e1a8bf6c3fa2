package payledger.http;

import static org.apache.pekko.http.javadsl.server.Directives.*;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.pattern.StatusReply;
import payledger.metrics.LedgerMetrics;
import payledger.order.OrderLedger;
import payledger.order.OrderLedger.Summary;
import payledger.order.PaymentEvent;
import payledger.order.RecordedPayment;
import payledger.order.Rejection;

/**
 * Support's actions on discrepancies: {@code POST /v1/orders/{orderId}/discrepancies/{id}/resolve}
 * and {@code POST /v1/orders/{orderId}/link-payment} (payments that came without an order).
 */
final class DiscrepancyRoutes {

  private final ClusterSharding sharding;
  private final HttpSettings settings;
  private final OrderRoutes orders;

  DiscrepancyRoutes(ClusterSharding sharding, HttpSettings settings, OrderRoutes orders) {
    this.sharding = sharding;
    this.settings = settings;
    this.orders = orders;
  }

  Route route() {
    return pathPrefix("orders", () -> pathPrefix(segment(), orderId -> concat(
        path(segment("discrepancies").slash(segment()).slash("resolve"),
            id -> post(() -> Json.body(body -> resolve(orderId, id, body)))),
        path("link-payment", () -> post(() -> Json.body(body -> link(orderId, body)))))));
  }

  private Route resolve(String orderId, String discrepancyId, JsonNode body) {
    var resolution = OrderRequests.resolution(body);
    return orders.ask(orderId, replyTo -> new OrderLedger.ResolveDiscrepancy(
        discrepancyId, resolution.resolution(), resolution.actor(), resolution.note(), replyTo),
        order -> countResolved(order, discrepancyId));
  }

  /** A repeated resolution (unchanged order) is not counted twice. */
  private static void countResolved(Summary order, String discrepancyId) {
    if (order.changed()) {
      order.state().discrepancies().stream()
          .filter(d -> d.id().equals(discrepancyId) && !d.isOpen())
          .forEach(d -> LedgerMetrics.discrepancyResolved(d.type().name(), d.resolution().name()));
    }
  }

  /**
   * Records the held payments in the order, then marks the holder linked. Each step is idempotent
   * (events are deduplicated, linking twice to the same order is a no-op), so a request that failed
   * half-way is simply retried.
   */
  private Route link(String orderId, JsonNode body) {
    var link = OrderRequests.link(body);
    EntityRef<OrderLedger.Command> holder = sharding.entityRefFor(
        OrderLedger.ENTITY_KEY, OrderLedger.holderId(link.gateway(), link.paymentId()));
    CompletionStage<Summary> linked =
        holder.<Summary>askWithStatus(OrderLedger.GetOrder::new, settings.askTimeout())
            .thenCompose(held -> recordAll(orderId, held))
            .thenCompose(ignored -> holder.<Summary>askWithStatus(
                replyTo -> new OrderLedger.LinkPayments(orderId, link.actor(), replyTo),
                settings.askTimeout()))
            .thenCompose(ignored -> sharding.entityRefFor(OrderLedger.ENTITY_KEY, orderId)
                .<Summary>askWithStatus(OrderLedger.GetOrder::new, settings.askTimeout()));
    return completeWithFuture(
        Problems.reply(linked, order -> Json.response(200, OrderResponse.from(order))));
  }

  private CompletionStage<Void> recordAll(String orderId, Summary held) {
    String linkedTo = held.state().facts().linkedTo();
    if (linkedTo != null && !linkedTo.equals(orderId)) {
      return CompletableFuture.failedFuture(new StatusReply.ErrorMessage(Rejection.CONFLICT.message(
          "this payment is already linked to order " + linkedTo)));
    }
    CompletionStage<Void> chain = CompletableFuture.completedFuture(null);
    for (RecordedPayment payment : held.state().facts().payments()) {
      PaymentEvent event = payment.event().withOrderId(orderId);
      chain = chain.thenCompose(ignored ->
          PaymentEventRoutes.record(sharding, event, settings.askTimeout()).thenApply(ack -> null));
    }
    return chain;
  }
}
