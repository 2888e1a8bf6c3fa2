package payledger.web.console;

import static org.apache.pekko.http.javadsl.server.Directives.*;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.server.Route;
import payledger.dispute.DisputeIds;
import payledger.money.MoneyFormat;
import payledger.readmodel.OrderRow;
import payledger.readmodel.ReadModelQueries.OrderQuery;
import payledger.web.CustomerEmails;
import payledger.web.Html;
import payledger.web.Outcomes;
import payledger.web.Sessions;
import payledger.web.Times;

/**
 * Search: a tracking number opens its case, an order id its order; a customer id or an email
 * address lists the customer's orders (the order read model by customer; an address through
 * {@link CustomerEmails}).
 */
final class SearchPage {

  private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
  private static final Instant LATEST = Instant.parse("2999-01-01T00:00:00Z");

  private final Console console;

  SearchPage(Console console) {
    this.console = console;
  }

  Route show(Sessions.Session session, String lang) {
    return parameterOptional("q", asked -> {
      String q = asked.map(String::strip).orElse("");
      if (q.isEmpty() || q.length() > 200) {
        return complete(Html.seeOther("/console/queues"));
      }
      if (DisputeIds.isValid(q.toUpperCase(Locale.ROOT))) {
        return complete(Html.seeOther("/console/cases/" + q.toUpperCase(Locale.ROOT)));
      }
      CompletionStage<List<String>> customers = q.contains("@")
          ? emails().lookup(q).thenApply(found -> found.stream().map(CustomerEmails.Known::customerId).toList())
          : CompletableFuture.completedFuture(List.of(q));
      CompletionStage<String> page = console.orders().registered(q)
          .thenApply(order -> (String) null)
          .exceptionally(notAnOrder -> "")
          .thenCompose(none -> none == null
              ? CompletableFuture.completedFuture("order")
              : customers.thenCompose(ids -> ordersOf(ids)).thenApply(rows -> render(session, lang, q, rows)));
      return completeWithFuture(page.handle((html, failure) -> failure != null
          ? Html.page(Outcomes.status(failure), console.error(session, lang, 503, console.pages().text(lang, "unavailable")))
          : html.equals("order") ? Html.seeOther("/console/orders/" + java.net.URLEncoder.encode(q, java.nio.charset.StandardCharsets.UTF_8))
          : Html.page(200, html)));
    });
  }

  private CustomerEmails emails() {
    return new CustomerEmails(console.readSide().get().session(), console.readSide().get().keyspace());
  }

  private CompletionStage<List<OrderRow>> ordersOf(List<String> customers) {
    CompletionStage<List<OrderRow>> all = CompletableFuture.completedFuture(new ArrayList<>());
    for (String customer : customers) {
      all = all.thenCompose(rows -> console.readSide().get().queries()
          .orders(new OrderQuery(null, customer, EARLIEST, LATEST, 50, null))
          .thenApply(page -> {
            rows.addAll(page.items());
            return rows;
          }));
    }
    return all;
  }

  private String render(Sessions.Session session, String lang, String q, List<OrderRow> rows) {
    Map<String, Object> m = console.model(session, console.pages().text(lang, "search_title"));
    m.put("q", q);
    Locale locale = MoneyFormat.locale(lang);
    m.put("orders", rows.stream().map(o -> Map.of("orderId", o.orderId(),
        "customerId", o.customerId() == null ? "" : o.customerId(), "status", o.status(),
        "due", o.due() == null ? "–" : MoneyFormat.format(o.due(), o.currency(), locale),
        "at", Times.at(o.at()))).toList());
    return console.pages().render("console/search.mustache", lang, m);
  }
}
