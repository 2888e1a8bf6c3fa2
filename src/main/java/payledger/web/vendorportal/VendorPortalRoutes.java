package payledger.web.vendorportal;

import static org.apache.pekko.http.javadsl.server.Directives.*;

import java.time.Clock;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import payledger.dispute.DisputeClient;
import payledger.notify.Notifications;
import payledger.readmodel.ReadSide;
import payledger.vendor.VendorCases;
import payledger.vendor.VendorClient;
import payledger.web.Html;
import payledger.web.Pages;
import payledger.web.SessionGate;
import payledger.web.Sessions;
import payledger.web.Web;
import payledger.web.WebSettings;
import payledger.web.portal.MagicLinks;

/**
 * {@code /vendors/portal}: a vendor asks for access with its vendor id and registered contact
 * email (rate-limited per client), signs in through the magic link mailed to that address, then
 * sees its balance and next payout, sales, payouts and payout problems, statements, and issues, and
 * reports a payment problem. Every page needs the vendor's session and reads only that vendor's
 * ledger and cases; every form carries its CSRF token.
 *
 * <p>The sign-in is the customer portal's ({@link MagicLinks}, {@link SessionGate}, {@link Sessions})
 * with a key of its own: the links' HMAC key is the portal's link secret under a
 * {@code "vendor-portal:"} prefix, so a customer's link never signs a vendor in (nor the reverse),
 * and the sessions and their cookie ({@code pl_vendor}, path {@code /vendors/portal}) are apart.
 */
public final class VendorPortalRoutes {

  static final String ROOT = "/vendors/portal";

  private final VendorPortal portal;
  private final Web.Limit limit;
  private final VendorAccess access;
  private final VendorPages pages;
  private final VendorCasesPage cases;

  public VendorPortalRoutes(WebSettings settings, Clock serviceClock, VendorClient vendors,
      DisputeClient disputes, Supplier<ReadSide> readSide, Notifications.Api notify, Web.Limit limit) {
    Sessions sessions = new Sessions(settings.idleTimeout(), settings.absoluteTimeout(),
        settings.maxSessions(), Clock.systemUTC());
    // Links expire on the wall clock: a test clock moved ahead must not void them.
    MagicLinks links = links(settings, Clock.systemUTC());
    this.portal = new VendorPortal(new Pages(VendorPortal.LANGUAGES), new SessionGate(sessions, "pl_vendor", ROOT,
        settings.secureCookies()), serviceClock, vendors, disputes,
        new VendorCases(vendors, disputes), readSide, notify, links);
    this.limit = limit;
    this.access = new VendorAccess(portal, settings.secureCookies());
    this.pages = new VendorPages(portal);
    this.cases = new VendorCasesPage(portal);
  }

  /**
   * The vendor portal's links: the customer portal's mechanism under a key of its own (a
   * customer's link never signs a vendor in, nor the reverse); the base URL makes MagicLinks'
   * {@code /portal/enter} this portal's {@code /vendors/portal/enter}.
   */
  static MagicLinks links(WebSettings settings, Clock clock) {
    return new MagicLinks("vendor-portal:" + settings.linkSecret(), settings.linkValidFor(),
        settings.publicBaseUrl() + "/vendors", clock);
  }

  /** The portal as the API wires it in, with its settings read from the configuration. */
  public static Route create(org.apache.pekko.actor.typed.ActorSystem<?> system, Clock serviceClock,
      VendorClient vendors, DisputeClient disputes, Supplier<ReadSide> readSide,
      Notifications.Api notify, Web.Limit limit) {
    return new VendorPortalRoutes(WebSettings.from(system.settings().config()), serviceClock,
        vendors, disputes, readSide, notify, limit).route();
  }

  public Route route() {
    return pathPrefix("vendors", () -> pathPrefix("portal", () -> concat(
        Html.assets(),
        Html.secured(() -> Html.language(VendorPortal.LANGUAGES, lang -> concat(
            path("access", () -> concat(
                get(() -> access.form(lang, null, 200)),
                post(() -> limit.within(() -> Html.preSessionChecked(
                    () -> portal.error(null, lang, 403, portal.pages().text(lang, "csrf_refused")),
                    fields -> access.ask(lang, fields)))))),
            path("enter", () -> get(() -> limit.within(() -> access.enter(lang)))),
            portal.gate().optional(found -> found
                .filter(s -> s.principal() instanceof Sessions.Principal.Vendor)
                .map(session -> signedIn(session, lang))
                .orElseGet(() -> concat(
                    pathEnd(() -> access.form(lang, null, 200)),
                    // A case mail's link without a session: sign in, then that case.
                    pathPrefix("cases", () -> path(PathMatchers.segment(), id -> get(() ->
                        access.form(lang, null, 200, CaseLink.forCase(id).orElse(null)))))))),
            complete(Html.seeOther(ROOT))))))));
  }

  private Route signedIn(Sessions.Session session, String lang) {
    return concat(
        pathEnd(() -> get(() -> pages.balance(session, lang))),
        path("sign-out", () -> post(() -> form(session, lang,
            fields -> portal.gate().end(session, () -> complete(Html.seeOther(ROOT)))))),
        path("sales", () -> get(() -> parameterOptional("page", page ->
            pages.sales(session, lang, pageNumber(page.orElse("1")))))),
        path("payouts", () -> get(() -> pages.payouts(session, lang))),
        path("statements", () -> get(() -> pages.statements(session, lang))),
        pathPrefix("statements", () -> path(PathMatchers.segment(), file -> get(() ->
            parameterOptional("currency", currency -> statement(session, lang, file,
                currency.orElse(null)))))),
        path("report", () -> concat(
            get(() -> cases.reportForm(session, lang)),
            post(() -> form(session, lang, fields -> cases.report(session, lang, fields))))),
        path("cases", () -> get(() -> parameterOptional("pageToken", token ->
            cases.list(session, lang, token.orElse(null))))),
        pathPrefix("cases", () -> pathPrefix(PathMatchers.segment(), id -> concat(
            pathEnd(() -> get(() -> cases.show(session, lang, id))),
            path("reply", () -> post(() -> form(session, lang,
                fields -> cases.reply(session, lang, id, fields))))))),
        complete(Html.page(404, portal.error(session, lang, 404, portal.pages().text(lang, "not_found")))));
  }

  /** {@code 2026-12.pdf} or {@code 2026-12.csv}; any other name is a 404. */
  private Route statement(Sessions.Session session, String lang, String file, String currency) {
    boolean pdf = file.endsWith(".pdf");
    if (!pdf && !file.endsWith(".csv")) {
      return complete(Html.page(404, portal.error(session, lang, 404, portal.pages().text(lang, "not_found"))));
    }
    return pages.statement(session, lang, file.substring(0, file.length() - 4), currency, pdf);
  }

  /** A page number from the URL: anything that is not one is the first page. */
  static int pageNumber(String typed) {
    try {
      return Math.max(1, Integer.parseInt(typed.strip()));
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  private Route form(Sessions.Session session, String lang, Function<Map<String, String>, Route> inner) {
    return portal.gate().form(session,
        () -> portal.error(session, lang, 403, portal.pages().text(lang, "csrf_refused")), inner);
  }
}
