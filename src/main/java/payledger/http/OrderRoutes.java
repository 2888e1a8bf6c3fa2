package payledger.http;

import static org.apache.pekko.http.javadsl.server.Directives.*;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.headers.Location;
import org.apache.pekko.http.javadsl.server.Route;
import payledger.json.JsonFields;
import payledger.order.OrderClient;
import payledger.order.OrderLedger.Summary;

/**
 * {@code POST /v1/orders} (idempotent on the order id: 201 created, 200 for the same invoice again,
 * 409 for a different one), {@code GET /v1/orders/{orderId}} (the order with its fraud risk) and
 * {@code POST /v1/orders/{orderId}/adjustments} (idempotent on the adjustment id).
 */
final class OrderRoutes {

  private static final Set<Role> REGISTER = EnumSet.of(Role.GATEWAY, Role.SUPPORT);
  private static final Set<Role> READ = EnumSet.of(Role.SUPPORT, Role.AUDITOR);
  private static final Set<Role> ADJUST = EnumSet.of(Role.SUPPORT);

  private final OrderClient orders;
  private final Optional<OrderRisk> risk;
  private final HttpSettings settings;
  private final Auth auth;

  OrderRoutes(OrderClient orders, Optional<OrderRisk> risk, HttpSettings settings, Auth auth) {
    this.orders = orders;
    this.risk = risk;
    this.settings = settings;
    this.auth = auth;
  }

  Route route() {
    return pathPrefix(
        "orders",
        () ->
            concat(
                pathEnd(() -> post(() -> auth.require(REGISTER, () -> Json.body(this::register)))),
                pathPrefix(
                    segment(),
                    orderId ->
                        concat(
                            pathEnd(() -> get(() -> auth.require(READ,
                                () -> withOrderId(orderId, () -> view(orderId))))),
                            path("adjustments", () -> post(() -> auth.require(ADJUST,
                                () -> Json.body(body -> adjust(orderId, body)))))))));
  }

  /** The order with its risk: both read at once; the order decides the answer (404, 503). */
  private Route view(String orderId) {
    if (risk.isEmpty()) {
      return completeWithFuture(Problems.reply(orders.get(orderId), OrderResponse::answer));
    }
    CompletionStage<OrderRisk.Lookup> assessed = risk.get().lookup(orderId);
    return completeWithFuture(Problems.reply(orders.get(orderId).thenCombine(assessed,
        OrderResponse::view), r -> r));
  }

  private Route register(JsonNode body) {
    OrderRequests.NewOrder order = OrderRequests.parse(body, settings);
    return mapResponse(
        response -> response.addHeader(Location.create("/v1/orders/" + order.orderId())),
        () -> answer(order.orderId(), () -> orders.register(order.orderId(), order.invoice())));
  }

  private Route adjust(String orderId, JsonNode body) {
    var adjustment = OrderRequests.adjustment(body, settings);
    return answer(orderId, () -> orders.adjust(orderId, adjustment));
  }

  /**
   * Answers with the order (201 when the command changed it, 200 otherwise; 404 or 409 problems
   * when it refused, 503 when it could not answer in time), asked only for an id an order can have.
   */
  static Route answer(String orderId, Supplier<CompletionStage<Summary>> asked) {
    return withOrderId(orderId,
        () -> completeWithFuture(Problems.reply(asked.get(), OrderResponse::answer)));
  }

  /**
   * The check every order route makes on its path id before any entity is asked: an id no order can
   * have (a holder's {@code ~…}, spaces, 129 characters…) is a 404, so nothing is ever journaled under
   * it. The id is not echoed: it may be anything, a card number included.
   */
  static Route withOrderId(String orderId, Supplier<Route> inner) {
    if (!JsonFields.ID.matcher(orderId).matches()) {
      return complete(Problems.response(Problem.of(404, "not-found", "Not found", "no such order")));
    }
    return inner.get();
  }
}
