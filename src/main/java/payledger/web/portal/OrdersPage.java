package payledger.web.portal;

import static org.apache.pekko.http.javadsl.server.Directives.*;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.Route;
import payledger.money.MoneyFormat;
import payledger.order.Receipt;
import payledger.readmodel.OrderRow;
import payledger.readmodel.ReadModelQueries.OrderQuery;
import payledger.web.Html;
import payledger.web.Outcomes;
import payledger.web.Sessions;
import payledger.web.Times;

/**
 * The customer's orders (the order read model by customer) with their status in plain words, the
 * balance and what to do about it; one order with its receipt (HTML, or the PDF of the receipt
 * rendering the mails use) and its cases; the customer's notifications.
 */
final class OrdersPage {

  private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
  private static final Instant LATEST = Instant.parse("2999-01-01T00:00:00Z");

  private final Portal portal;

  OrdersPage(Portal portal) {
    this.portal = portal;
  }

  Route home(Sessions.Session session, String lang) {
    CompletionStage<String> page = portal.readSide().get().queries()
        .orders(new OrderQuery(null, Portal.customer(session), EARLIEST, LATEST, 50, null))
        .thenApply(orders -> {
          Map<String, Object> m = portal.model(session, portal.pages().text(lang, "portal_home"));
          m.put("orders", orders.items().stream().map(o -> row(o, lang)).toList());
          return portal.pages().render("portal/home.mustache", lang, m);
        });
    return Outcomes.page(page, failure -> portal.error(session, lang, 503, portal.pages().text(lang, "unavailable")));
  }

  private Map<String, Object> row(OrderRow o, String lang) {
    Locale locale = MoneyFormat.locale(lang);
    Map<String, Object> r = new HashMap<>();
    r.put("orderId", o.orderId());
    r.put("status", portal.pages().text(lang, "status_" + o.status()));
    r.put("todo", portal.pages().text(lang, "todo_" + o.status()));
    r.put("level", level(o.status()));
    r.put("due", o.due() == null ? "–" : MoneyFormat.format(o.due(), o.currency(), locale));
    r.put("paid", o.netPaid() == null ? "–" : MoneyFormat.format(o.netPaid(), o.currency(), locale));
    r.put("at", o.at().toString().substring(0, 10));
    return r;
  }

  static String level(String status) {
    return switch (status) {
      case "RECONCILED" -> "ok";
      case "AWAITING_PAYMENT", "PARTIALLY_PAID", "OVERPAID" -> "warn";
      default -> "breach";
    };
  }

  Route order(Sessions.Session session, String lang, String orderId) {
    CompletionStage<String> page = portal.ownOrder(session, orderId).thenApply(order -> {
      Locale locale = MoneyFormat.locale(lang);
      var totals = order.totals();
      String status = order.status().name();
      Map<String, Object> m = portal.model(session, orderId);
      m.put("orderId", orderId);
      m.put("status", portal.pages().text(lang, "status_" + status));
      m.put("todo", portal.pages().text(lang, "todo_" + status));
      m.put("level", level(status));
      m.put("due", MoneyFormat.format(totals.due(), locale));
      m.put("paid", MoneyFormat.format(totals.netPaid(), locale));
      m.put("refunded", MoneyFormat.format(totals.refunded(), locale));
      m.put("balance", MoneyFormat.format(totals.balance(), locale));
      Receipt receipt = order.state().comms().receipt();
      m.put("receipt", receipt != null && !order.state().comms().receiptWithheld() ? receipt.number() : null);
      List<Map<String, Object>> items = new ArrayList<>();
      order.state().facts().invoice().items().forEach(i -> items.add(Map.of(
          "description", i.description() == null ? i.sku() : i.description(), "quantity", i.quantity(),
          "total", MoneyFormat.format(i.total(), totals.due().currency(), locale))));
      m.put("items", items);
      m.put("cases", order.state().disputes());
      return portal.pages().render("portal/order.mustache", lang, m);
    });
    return Outcomes.page(page, failure -> portal.error(session, lang, Outcomes.status(failure),
        portal.pages().text(lang, "not_found")));
  }

  /** The receipt as HTML ({@code pdf} false) or as a PDF download. */
  Route receipt(Sessions.Session session, String lang, String orderId, boolean pdf) {
    CompletionStage<HttpResponse> answer = portal.ownOrder(session, orderId).thenApply(order -> {
      Receipt receipt = order.state().comms().receipt();
      if (receipt == null || order.state().comms().receiptWithheld()) {
        return Html.page(404, portal.error(session, lang, 404, portal.pages().text(lang, "no_receipt")));
      }
      if (pdf) {
        return HttpResponse.create()
            .withEntity(HttpEntities.create(ContentTypes.create(MediaTypes.APPLICATION_PDF),
                portal.notifications().messages().receiptPdf(receipt)))
            .addHeader(RawHeader.create("Content-Disposition",
                "attachment; filename=\"" + receipt.number() + ".pdf\""));
      }
      // The receipt's own layout carries its styles inline.
      return Html.page(200, portal.notifications().messages().receiptHtml(receipt))
          .addHeader(RawHeader.create("Content-Security-Policy",
              "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:"));
    });
    return completeWithFuture(answer.exceptionally(failure -> Html.page(Outcomes.status(failure),
        portal.error(session, lang, Outcomes.status(failure), portal.pages().text(lang, "not_found")))));
  }

  Route notifications(Sessions.Session session, String lang) {
    CompletionStage<String> page = portal.notifications().repository()
        .forCustomer(Portal.customer(session), 50, null).thenApply(inbox -> {
          var list = inbox.entries();
          Map<String, Object> m = portal.model(session, portal.pages().text(lang, "notifications_title"));
          m.put("notifications", list.stream().map(n -> Map.of(
              "at", Times.at(n.createdAt()),
              "subject", n.subject() == null ? n.kind() : n.subject(),
              "status", n.status() == null ? "" : n.status(),
              "channel", n.channel() == null ? "" : n.channel())).toList());
          return portal.pages().render("portal/notifications.mustache", lang, m);
        });
    return Outcomes.page(page, failure -> portal.error(session, lang, 503, portal.pages().text(lang, "unavailable")));
  }

}
