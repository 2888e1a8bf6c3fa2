package payledger.http;

import static org.apache.pekko.http.javadsl.server.Directives.*;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.EnumSet;
import java.util.Set;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.Location;
import org.apache.pekko.http.javadsl.server.Route;
import payledger.order.OrderLedger;

/**
 * {@code POST /v1/orders} (idempotent on the order id: 201 created, 200 for the same invoice again,
 * 409 for a different one) and {@code GET /v1/orders/{orderId}}.
 */
final class OrderRoutes {

  private static final Set<Role> REGISTER = EnumSet.of(Role.GATEWAY, Role.SUPPORT);
  private static final Set<Role> READ = EnumSet.of(Role.SUPPORT, Role.AUDITOR);

  private final ClusterSharding sharding;
  private final HttpSettings settings;
  private final Auth auth;

  OrderRoutes(ClusterSharding sharding, HttpSettings settings, Auth auth) {
    this.sharding = sharding;
    this.settings = settings;
    this.auth = auth;
  }

  Route route() {
    return pathPrefix(
        "orders",
        () ->
            concat(
                pathEnd(() -> post(() -> auth.require(REGISTER, () -> Json.body(this::register)))),
                path(segment(), orderId -> pathEnd(() -> get(() -> auth.require(READ, () -> order(orderId)))))));
  }

  private Route register(JsonNode body) {
    OrderRequests.NewOrder order = OrderRequests.parse(body, settings);
    return completeWithFuture(
        Problems.reply(
            sharding
                .entityRefFor(OrderLedger.ENTITY_KEY, order.orderId())
                .<OrderLedger.Registration>askWithStatus(
                    replyTo -> new OrderLedger.RegisterOrder(order.invoice(), replyTo),
                    settings.askTimeout()),
            registration -> {
              HttpResponse response =
                  Json.response(
                      registration.created() ? 201 : 200,
                      OrderResponse.from(registration.order()));
              return response.addHeader(Location.create("/v1/orders/" + order.orderId()));
            },
            409,
            "order-conflict"));
  }

  private Route order(String orderId) {
    if (!JsonFields.ID.matcher(orderId).matches()) {
      return complete(
          Problems.response(Problem.of(404, "not-found", "Not found", "no order " + orderId)));
    }
    return completeWithFuture(
        Problems.reply(
            sharding
                .entityRefFor(OrderLedger.ENTITY_KEY, orderId)
                .<OrderLedger.Summary>askWithStatus(OrderLedger.GetOrder::new, settings.askTimeout()),
            summary -> Json.response(200, OrderResponse.from(summary)),
            404,
            "not-found"));
  }
}
