package payledger.http;

import static org.apache.pekko.http.javadsl.server.Directives.*;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.EnumSet;
import java.util.Set;
import org.apache.pekko.http.javadsl.server.Route;
import payledger.json.JsonFields;
import payledger.order.OrderClient;
import payledger.order.PaymentLinking;

/**
 * Support's actions on discrepancies: {@code POST /v1/orders/{orderId}/discrepancies/{id}/resolve}
 * and {@code POST /v1/orders/{orderId}/link-payment} (payments that came without an order, linked
 * by {@link PaymentLinking}).
 */
final class DiscrepancyRoutes {

  private static final Set<Role> SUPPORT = EnumSet.of(Role.SUPPORT);

  private final OrderClient orders;
  private final PaymentLinking linking;
  private final Auth auth;

  DiscrepancyRoutes(OrderClient orders, PaymentLinking linking, Auth auth) {
    this.orders = orders;
    this.linking = linking;
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
    return OrderRoutes.answer(orderId, () -> orders.resolveDiscrepancy(
        orderId, discrepancyId, resolution.resolution(), resolution.actor(), resolution.note()));
  }

  /** 200 with the order once linked (a retry of a link is another 200). */
  private Route link(String orderId, JsonNode body) {
    var link = OrderRequests.link(body);
    return OrderRoutes.withOrderId(orderId, () -> completeWithFuture(Problems.reply(
        linking.link(orderId, link.gateway(), link.paymentId(), link.actor()),
        order -> Json.response(200, OrderResponse.from(order)))));
  }
}
