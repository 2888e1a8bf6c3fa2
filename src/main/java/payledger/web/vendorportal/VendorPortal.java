package payledger.web.vendorportal;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import payledger.dispute.DisputeClient;
import payledger.money.MoneyFormat;
import payledger.notify.Notifications;
import payledger.readmodel.ReadSide;
import payledger.vendor.CassandraVendorCaseList;
import payledger.vendor.VendorCaseList;
import payledger.vendor.VendorCases;
import payledger.vendor.VendorClient;
import payledger.vendor.VendorLedger;
import payledger.web.Pages;
import payledger.web.SessionGate;
import payledger.web.Sessions;
import payledger.web.portal.MagicLinks;

/** What the vendor portal's pages share: templates, the session cookie, the clients, the links. */
record VendorPortal(
    Pages pages,
    SessionGate gate,
    Clock clock,
    VendorClient vendors,
    DisputeClient disputes,
    VendorCases cases,
    Supplier<ReadSide> readSide,
    Notifications.Api notifications,
    MagicLinks links) {

  /**
   * The portal's languages: those of the vendors' mails and statements ({@code VendorProfile}'s
   * locale), one more than the console's and customer portal's ({@code web/strings_pl.properties}).
   */
  static final List<String> LANGUAGES = List.of("en", "de", "pl");

  static String vendor(Sessions.Session session) {
    return ((Sessions.Principal.Vendor) session.principal()).vendorId();
  }

  /** The signed-in vendor's own ledger: the only vendor data a page ever reads. */
  CompletionStage<VendorLedger.View> own(Sessions.Session session) {
    return vendors.get(vendor(session));
  }

  /** The vendor's cases, as the {@code vendor-cases} projection lists them. */
  VendorCaseList caseList() {
    return new CassandraVendorCaseList(readSide.get().session(), readSide.get().keyspace());
  }

  static String money(long minor, String currency, String lang) {
    Locale locale = MoneyFormat.locale(lang);
    return MoneyFormat.format(minor, currency, locale);
  }

  /** The layout's values, without the session's message (an error page must not swallow it). */
  Map<String, Object> layout(Sessions.Session session, String title) {
    Map<String, Object> m = new HashMap<>();
    m.put("title", title);
    m.put("vendor", true);
    m.put("signedIn", true);
    m.put("csrf", session.csrf());
    m.put("vendorId", vendor(session));
    return m;
  }

  /** A page's values: the layout's and the message the session's last action left, once. */
  Map<String, Object> model(Sessions.Session session, String title) {
    return gate.withFlash(session, layout(session, title));
  }

  String error(Sessions.Session session, String lang, int status, String message) {
    return pages.error(lang, session == null ? Map.of("vendor", true) : layout(session, ""), status,
        message);
  }
}
