package payledger.web.portal;

import static org.apache.pekko.http.javadsl.server.Directives.*;

import java.time.Clock;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import payledger.dispute.CaseOpening;
import payledger.dispute.DisputeClient;
import payledger.notify.Notifications;
import payledger.order.OrderClient;
import payledger.readmodel.ReadSide;
import payledger.web.Html;
import payledger.web.Pages;
import payledger.web.SessionGate;
import payledger.web.Sessions;
import payledger.web.Web;
import payledger.web.WebSettings;

/**
 * {@code /portal}: a customer asks for access with their email (rate-limited per client), signs in
 * through the magic link, then sees their orders, receipts and notifications, reports a payment
 * problem and follows their cases. Every page needs the customer's session and shows only their
 * orders and cases; every form carries its CSRF token.
 */
public final class PortalRoutes {

  private final Portal portal;
  private final Web.Limit limit;
  private final AccessPage access;
  private final OrdersPage orders;
  private final CasesPage cases;

  public PortalRoutes(WebSettings settings, Sessions sessions, Pages pages, Clock clock,
      OrderClient orders, DisputeClient disputes, CaseOpening opening, Supplier<ReadSide> readSide,
      Notifications.Api notify, Web.Limit limit) {
    // Links expire on the wall clock: a test clock moved ahead must not void them.
    this.portal = new Portal(pages, new SessionGate(sessions, "pl_portal", "/portal",
        settings.secureCookies()), clock, orders, disputes, opening, readSide, notify,
        new MagicLinks(settings.linkSecret(), settings.linkValidFor(), settings.publicBaseUrl(),
            Clock.systemUTC()));
    this.limit = limit;
    this.access = new AccessPage(portal, settings.secureCookies());
    this.orders = new OrdersPage(portal);
    this.cases = new CasesPage(portal);
  }

  public Route route() {
    return pathPrefix("portal", () -> concat(
        Html.assets(),
        Html.secured(() -> Html.language(lang -> concat(
            path("access", () -> concat(
                get(() -> access.form(lang, null, 200)),
                post(() -> limit.within(() -> Html.preSessionChecked(
                    () -> portal.error(null, lang, 403, portal.pages().text(lang, "csrf_refused")),
                    fields -> access.ask(lang, fields)))))),
            path("enter", () -> get(() -> limit.within(() -> access.enter(lang)))),
            portal.gate().optional(found -> found
                .filter(s -> s.principal() instanceof Sessions.Principal.Customer)
                .map(session -> signedIn(session, lang))
                .orElseGet(() -> pathEnd(() -> access.form(lang, null, 200)))),
            complete(Html.seeOther("/portal")))))));
  }

  private Route signedIn(Sessions.Session session, String lang) {
    return concat(
        pathEnd(() -> get(() -> orders.home(session, lang))),
        path("sign-out", () -> post(() -> form(session, lang,
            fields -> portal.gate().end(session, () -> complete(Html.seeOther("/portal")))))),
        path("notifications", () -> get(() -> orders.notifications(session, lang))),
        path("report", () -> concat(
            get(() -> cases.reportForm(session, lang)),
            post(() -> form(session, lang, fields -> cases.report(session, lang, fields))))),
        pathPrefix("orders", () -> pathPrefix(PathMatchers.segment(), id -> concat(
            pathEnd(() -> get(() -> orders.order(session, lang, id))),
            path("receipt", () -> get(() -> orders.receipt(session, lang, id, false))),
            path("receipt.pdf", () -> get(() -> orders.receipt(session, lang, id, true)))))),
        pathPrefix("cases", () -> pathPrefix(PathMatchers.segment(), id -> concat(
            pathEnd(() -> get(() -> cases.show(session, lang, id))),
            path("reply", () -> post(() -> form(session, lang,
                fields -> cases.reply(session, lang, id, fields)))),
            path("feedback", () -> post(() -> form(session, lang,
                fields -> cases.rate(session, lang, id, fields))))))),
        complete(Html.page(404, portal.error(session, lang, 404, portal.pages().text(lang, "not_found")))));
  }

  private Route form(Sessions.Session session, String lang, Function<Map<String, String>, Route> inner) {
    return portal.gate().form(session,
        () -> portal.error(session, lang, 403, portal.pages().text(lang, "csrf_refused")), inner);
  }
}
