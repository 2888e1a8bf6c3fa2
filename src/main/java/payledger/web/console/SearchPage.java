package payledger.web.console;

import static org.apache.pekko.http.javadsl.server.Directives.*;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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
import payledger.settlement.CassandraSettlementStore;
import payledger.web.CustomerEmails;
import payledger.web.Html;
import payledger.web.Outcomes;
import payledger.web.Sessions;
import payledger.web.Times;

/**
 * Search: a tracking number opens its case, an order id its order, a gateway payment id the order
 * it paid ({@link PaymentSearch}; several such orders are listed); a customer id or an email
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
      boolean email = q.contains("@");
      CompletionStage<Found> found = console.orders().registered(q)
          .thenApply(order -> true).exceptionally(notAnOrder -> false)
          .thenCompose(isOrder -> isOrder
              ? CompletableFuture.completedFuture(Found.open(q))
              : paidOrders(q, email).thenCompose(paid -> paid.size() == 1
                  ? CompletableFuture.completedFuture(Found.open(paid.get(0)))
                  : customers(q, email).thenCompose(this::ordersOf)
                      .thenApply(rows -> new Found(null, rows, paid))));
      return completeWithFuture(found.handle((f, failure) -> failure != null
          ? Html.page(Outcomes.status(failure), console.error(session, lang, 503, console.pages().text(lang, "unavailable")))
          : f.open() != null ? Html.seeOther("/console/orders/" + URLEncoder.encode(f.open(), StandardCharsets.UTF_8))
          : Html.page(200, render(session, lang, q, f.rows(), f.paid()))));
    });
  }

  /** What a search found: one order to open, or the customer's orders and the orders a payment id names. */
  private record Found(String open, List<OrderRow> rows, List<String> paid) {
    static Found open(String orderId) {
      return new Found(orderId, List.of(), List.of());
    }
  }

  private CompletionStage<List<String>> customers(String q, boolean email) {
    return email
        ? emails().lookup(q).thenApply(found -> found.stream().map(CustomerEmails.Known::customerId).toList())
        : CompletableFuture.completedFuture(List.of(q));
  }

  private CompletionStage<List<String>> paidOrders(String q, boolean email) {
    return email ? CompletableFuture.completedFuture(List.of())
        : new PaymentSearch(new CassandraSettlementStore(console.readSide().get().session(),
            console.readSide().get().keyspace())).orders(q);
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

  private String render(Sessions.Session session, String lang, String q, List<OrderRow> rows,
      List<String> paid) {
    Map<String, Object> m = console.model(session, console.pages().text(lang, "search_title"));
    m.put("q", q);
    m.put("paid", paid);
    m.put("hasPaid", !paid.isEmpty());
    Locale locale = MoneyFormat.locale(lang);
    m.put("orders", rows.stream().map(o -> Map.of("orderId", o.orderId(),
        "customerId", o.customerId() == null ? "" : o.customerId(), "status", o.status(),
        "due", o.due() == null ? "–" : MoneyFormat.format(o.due(), o.currency(), locale),
        "at", Times.at(o.at()))).toList());
    return console.pages().render("console/search.mustache", lang, m);
  }
}
