package payledger.web.console;

import static org.apache.pekko.http.javadsl.server.Directives.*;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import payledger.audit.Audit;
import payledger.dispute.CaseOpening;
import payledger.dispute.DisputeClient;
import payledger.notify.Notifications;
import payledger.order.OrderClient;
import payledger.order.PaymentLinking;
import payledger.readmodel.KpiDefinition;
import payledger.readmodel.ReadSide;
import payledger.web.Html;
import payledger.web.Pages;
import payledger.web.SessionGate;
import payledger.web.Sessions;
import payledger.web.Sessions.Principal.Staff;
import payledger.web.Web;
import payledger.web.WebSettings;

/**
 * {@code /console}: sign-in with a support, auditor or admin API key, then the work queues, the
 * order and case pages, search and the KPI dashboard. Every page needs a session; every form its CSRF token; every
 * action the support role (403 otherwise, as the API answers).
 */
public final class ConsoleRoutes {

  private final Console console;
  private final Web.KeyHolders keys;
  private final Web.Limit limit;
  private final boolean secure;
  private final QueuesPage queues;
  private final OrderPage order;
  private final CasePage cases;
  private final SearchPage search;
  private final DashboardPage dashboard;

  public ConsoleRoutes(ActorSystem<?> system, WebSettings settings, Sessions sessions, Pages pages,
      Clock clock, OrderClient orders, DisputeClient disputes, CaseOpening opening,
      PaymentLinking linking, Supplier<ReadSide> readSide, Notifications.Api notify,
      List<KpiDefinition> kpis, Web.KeyHolders keys, Web.Limit limit, Optional<Audit> audit) {
    this.console = new Console(pages, new SessionGate(sessions, "pl_console", "/console",
        settings.secureCookies()), clock, orders, disputes, opening, linking, readSide, notify,
        settings.pageSize(), system, audit);
    this.keys = keys;
    this.limit = limit;
    this.secure = settings.secureCookies();
    this.queues = new QueuesPage(console);
    this.order = new OrderPage(console);
    this.cases = new CasePage(console);
    this.search = new SearchPage(console);
    this.dashboard = new DashboardPage(console, kpis);
  }

  public Route route() {
    return pathPrefix("console", () -> concat(
        Html.assets(),
        Html.secured(() -> Html.language(lang -> concat(
            pathEnd(() -> redirect("/console/queues")),
            path("sign-in", () -> concat(
                get(() -> signInPage(lang, null, 200)),
                post(() -> limit.within(() -> Html.preSessionChecked(
                    () -> console.error(null, lang, 403, console.pages().text(lang, "csrf_refused")),
                    fields -> signIn(lang, fields)))))),
            console.gate().required(session -> signedIn(session, lang),
                () -> redirect("/console/sign-in")))))));
  }

  private Route signedIn(Sessions.Session session, String lang) {
    if (!(session.principal() instanceof Staff)) {
      return redirect("/console/sign-in");
    }
    return concat(
        path("sign-out", () -> post(() -> form(session, lang,
            fields -> console.gate().end(session, () -> redirect("/console/sign-in"))))),
        path("queues", () -> get(() -> queues.show(session, lang))),
        path("search", () -> get(() -> search.show(session, lang))),
        path("dashboard", () -> get(() -> dashboard.show(session, lang))),
        pathPrefix("orders", () -> pathPrefix(PathMatchers.segment(), id -> concat(
            pathEnd(() -> get(() -> order.show(session, lang, id))),
            path("verify", () -> post(() -> auditing(session, lang,
                () -> form(session, lang, fields -> order.verify(session, lang, id))))),
            path(PathMatchers.segment(), action -> post(() -> acting(session, lang,
                () -> form(session, lang, fields -> order.act(session, lang, id, action, fields)))))))),
        pathPrefix("cases", () -> pathPrefix(PathMatchers.segment(), id -> concat(
            pathEnd(() -> get(() -> cases.show(session, lang, id))),
            path(PathMatchers.segment(), action -> post(() -> acting(session, lang,
                () -> form(session, lang, fields -> cases.act(session, lang, id, action, fields)))))))),
        complete(Html.page(404, console.error(session, lang, 404,
            console.pages().text(lang, "not_found")))));
  }

  /** The role matrix: only support (and admin) act; others get the API's 403. */
  private Route acting(Sessions.Session session, String lang, Supplier<Route> inner) {
    return Console.mayAct(Console.staff(session)) ? inner.get()
        : complete(Html.page(403, console.error(session, lang, 403,
            console.pages().text(lang, "forbidden"))));
  }

  /** Verifying the audit trail is the API's auditor role (or admin); others get its 403. */
  private Route auditing(Sessions.Session session, String lang, Supplier<Route> inner) {
    return Console.mayAudit(Console.staff(session)) ? inner.get()
        : complete(Html.page(403, console.error(session, lang, 403,
            console.pages().text(lang, "forbidden"))));
  }

  private Route form(Sessions.Session session, String lang,
      java.util.function.Function<Map<String, String>, Route> inner) {
    return console.gate().form(session,
        () -> console.error(session, lang, 403, console.pages().text(lang, "csrf_refused")), inner);
  }

  private Route signIn(String lang, Map<String, String> fields) {
    Optional<Staff> staff = keys.identify(fields.getOrDefault("key", "").strip())
        .filter(s -> s.may("SUPPORT") || s.may("AUDITOR"));
    if (staff.isEmpty()) {
      return signInPage(lang, console.pages().text(lang, "signin_refused"), 401);
    }
    return console.gate().start(staff.get(), session -> redirect("/console/queues"));
  }

  private Route signInPage(String lang, String error, int status) {
    return Html.preSessionToken(secure, token -> {
      Map<String, Object> m = new HashMap<>();
      m.put("title", console.pages().text(lang, "signin_title"));
      m.put("console", true);
      m.put("csrf", token);
      m.put("error", error);
      return complete(Html.page(status, console.pages().render("console/sign-in.mustache", lang, m)));
    });
  }

  private static Route redirect(String to) {
    return complete(Html.seeOther(to));
  }
}
