package payledger.web.portal;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import payledger.dispute.CaseOpening;
import payledger.dispute.DisputeClient;
import payledger.notify.Notifications;
import payledger.order.AskFailure;
import payledger.order.OrderClient;
import payledger.order.OrderLedger;
import payledger.order.Rejection;
import payledger.readmodel.ReadSide;
import payledger.web.CustomerEmails;
import payledger.web.Pages;
import payledger.web.SessionGate;
import payledger.web.Sessions;

/** What the portal's pages share: templates, the session cookie, the clients, the links. */
record Portal(
    Pages pages,
    SessionGate gate,
    Clock clock,
    OrderClient orders,
    DisputeClient disputes,
    CaseOpening opening,
    Supplier<ReadSide> readSide,
    Notifications.Api notifications,
    MagicLinks links) {

  static String customer(Sessions.Session session) {
    return ((Sessions.Principal.Customer) session.principal()).customerId();
  }

  CustomerEmails emails() {
    return new CustomerEmails(readSide.get().session(), readSide.get().keyspace());
  }

  /** The order, if it is this customer's; a NOT_FOUND refusal otherwise (no hint that it exists). */
  CompletionStage<OrderLedger.Summary> ownOrder(Sessions.Session session, String orderId) {
    return orders.registered(orderId).thenCompose(order ->
        order.state().facts().invoice().customerId().equals(customer(session))
            ? CompletableFuture.completedFuture(order)
            : CompletableFuture.failedFuture(new AskFailure.Refused(Rejection.NOT_FOUND, "no such order")));
  }

  /** The layout's values, without the session's message (an error page must not swallow it). */
  Map<String, Object> layout(Sessions.Session session, String title) {
    Map<String, Object> m = new HashMap<>();
    m.put("title", title);
    m.put("portal", true);
    m.put("signedIn", true);
    m.put("csrf", session.csrf());
    return m;
  }

  /** A page's values: the layout's and the message the session's last action left, once. */
  Map<String, Object> model(Sessions.Session session, String title) {
    return gate.withFlash(session, layout(session, title));
  }

  String error(Sessions.Session session, String lang, int status, String message) {
    return pages.error(lang, session == null ? Map.of("portal", true) : layout(session, ""), status,
        message);
  }
}
