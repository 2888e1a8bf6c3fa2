package payledger.http;

import static org.apache.pekko.http.javadsl.server.Directives.*;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.pattern.StatusReply;
import payledger.gateway.PaymentIngestion;
import payledger.json.JsonFields;
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

  private static final Set<Role> SUPPORT = EnumSet.of(Role.SUPPORT);

  private final ClusterSharding sharding;
  private final HttpSettings settings;
  private final OrderRoutes orders;
  private final PaymentIngestion ingestion;
  private final Auth auth;

  DiscrepancyRoutes(ClusterSharding sharding, HttpSettings settings, OrderRoutes orders,
      PaymentIngestion ingestion, Auth auth) {
    this.sharding = sharding;
    this.settings = settings;
    this.orders = orders;
    this.ingestion = ingestion;
    this.auth = auth;
  }

  Route route() {
    return pathPrefix("orders", () -> pathPrefix(segment(), orderId -> concat(
        path(segment("discrepancies").slash(segment()).slash("resolve"),
            id -> post(() -> auth.require(SUPPORT,
                () -> Json.body(body -> resolve(orderId, id, body))))),
        path("link-payment", () -> post(() -> auth.require(SUPPORT,
            () -> Json.body(body -> link(orderId, body))))))));
  }

  private Route resolve(String orderId, String discrepancyId, JsonNode body) {
    var resolution = OrderRequests.resolution(body);
    if (!JsonFields.ID.matcher(discrepancyId).matches()) {
      return complete(Problems.response(Problem.of(404, "not-found", "Not found", "no such discrepancy")));
    }
    return orders.ask(orderId, replyTo -> new OrderLedger.ResolveDiscrepancy(
        discrepancyId, resolution.resolution(), resolution.actor(), resolution.note(), replyTo));
  }

  /**
   * Records the held payments in the order, then marks the holder linked. Each step is idempotent
   * (events are deduplicated, linking twice to the same order is a no-op), so a request that failed
   * half-way is simply retried.
   */
  private Route link(String orderId, JsonNode body) {
    var link = OrderRequests.link(body);
    return OrderRoutes.withOrderId(orderId, () -> link(orderId, link));
  }

  /** Only to a registered order: payments linked anywhere else would sit where no route reads them. */
  private Route link(String orderId, OrderRequests.Link link) {
    EntityRef<OrderLedger.Command> holder = sharding.entityRefFor(
        OrderLedger.ENTITY_KEY, OrderLedger.holderId(link.gateway(), link.paymentId()));
    CompletionStage<Summary> linked =
        sharding.entityRefFor(OrderLedger.ENTITY_KEY, orderId)
            .<Summary>askWithStatus(OrderLedger.GetOrder::new, settings.askTimeout())
            .thenCompose(OrderRoutes::registered)
            .thenCompose(order -> holder.<Summary>askWithStatus(OrderLedger.GetOrder::new, settings.askTimeout()))
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
      chain = chain.thenCompose(ignored -> ingestion.record(event).thenApply(outcome -> {
        if (outcome instanceof PaymentIngestion.Outcome.Conflict conflict) {
          throw new StatusReply.ErrorMessage(Rejection.CONFLICT.message(conflict.message()));
        }
        return null;
      }));
    }
    return chain;
  }
}
