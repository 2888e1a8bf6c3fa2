package payledger.web.vendorportal;

import static org.apache.pekko.http.javadsl.server.Directives.*;

import java.time.Instant;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpCharsets;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.Route;
import payledger.vendor.Movement;
import payledger.vendor.PayoutDiscrepancy;
import payledger.vendor.PayoutSchedule;
import payledger.vendor.Statement;
import payledger.vendor.VendorState;
import payledger.web.Html;
import payledger.web.Outcomes;
import payledger.web.Sessions;
import payledger.web.Times;

/**
 * The vendor's balance (pending, available, paid out) with the next scheduled payout and the open
 * payout problems; its sales with their commission, refunds and chargebacks, page by page; its
 * payouts and payout discrepancies with their deadlines; its monthly statements as PDF and CSV
 * (the statement code and PDF rendering of {@code GET /v1/vendors/{id}/statement}).
 */
final class VendorPages {

  private final VendorPortal portal;

  VendorPages(VendorPortal portal) {
    this.portal = portal;
  }

  Route balance(Sessions.Session session, String lang) {
    Instant now = portal.clock().instant();
    return page(session, lang, "vp_balance_title", "vendorportal/balance.mustache", (v, m) -> {
      m.put("name", v.isRegistered() ? v.profile().name() : v.vendorId());
      m.put("balances", v.balances(now).stream().map(b -> Map.of(
          "currency", b.currency(),
          "pending", VendorPortal.money(b.pending(), b.currency(), lang),
          "available", VendorPortal.money(b.available(), b.currency(), lang),
          "paidOut", VendorPortal.money(b.paidOut(), b.currency(), lang),
          "owed", VendorPortal.money(b.pending() + b.available(), b.currency(), lang))).toList());
      m.put("next", VendorViews.nextPayouts(v, now).stream().map(n -> Map.of(
          "day", n.day().toString(), "currency", n.currency(), "nothing", n.amount() == 0,
          "amount", VendorPortal.money(n.amount(), n.currency(), lang))).toList());
      m.put("schedule", schedule(v.schedule(), lang));
      m.put("open", discrepancies(v.payouts().open(), now, lang));
      m.put("hasOpen", !v.payouts().open().isEmpty());
    });
  }

  Route sales(Sessions.Session session, String lang, int page) {
    return page(session, lang, "vp_sales_title", "vendorportal/sales.mustache", (v, m) -> {
      VendorViews.SalesPage p = VendorViews.sales(v, page);
      m.put("rows", p.rows().stream().map(r -> movement(r, lang)).toList());
      m.put("pageOf", portal.pages().text(lang, "vp_page_of")
          .replace("{page}", String.valueOf(p.page())).replace("{pages}", String.valueOf(p.pages())));
      m.put("newer", p.page() > 1 ? String.valueOf(p.page() - 1) : null);
      m.put("older", p.page() < p.pages() ? String.valueOf(p.page() + 1) : null);
    });
  }

  Route payouts(Sessions.Session session, String lang) {
    Instant now = portal.clock().instant();
    return page(session, lang, "vp_payouts_title", "vendorportal/payouts.mustache", (v, m) -> {
      m.put("payouts", VendorViews.payouts(v).stream().map(p -> Map.of(
          "payoutId", p.payoutId(), "at", Times.at(p.occurredAt()), "gateway", p.gateway(),
          "amount", VendorPortal.money(p.amount(), p.currency(), lang),
          "status", portal.pages().text(lang, "payout_" + p.status().name()),
          "level", p.status().name().equals("PAID") ? "ok" : "breach")).toList());
      m.put("discrepancies", discrepancies(VendorViews.discrepancies(v), now, lang));
      m.put("hasDiscrepancies", !v.payouts().discrepancies().isEmpty());
    });
  }

  Route statements(Sessions.Session session, String lang) {
    Instant now = portal.clock().instant();
    return page(session, lang, "vp_statements_title", "vendorportal/statements.mustache", (v, m) ->
        m.put("periods", VendorViews.periods(v, now).stream().map(p -> Map.of(
            "month", p.month().toString(), "currency", p.currency(),
            "label", p.month().getMonth().getDisplayName(TextStyle.FULL_STANDALONE,
                Locale.forLanguageTag(lang)) + " " + p.month().getYear())).toList()));
  }

  /** One month's statement as a PDF or CSV download; a period the vendor has no statement of is a 404. */
  Route statement(Sessions.Session session, String lang, String month, String currency, boolean pdf) {
    Instant now = portal.clock().instant();
    CompletionStage<HttpResponse> answer = portal.own(session).thenApply(view -> {
      VendorState v = view.vendor();
      VendorViews.Period period = VendorViews.period(v, now, month, currency);
      if (period == null) {
        return Html.page(404, portal.error(session, lang, 404, portal.pages().text(lang, "not_found")));
      }
      Statement s = Statement.of(v, period.currency(), period.from(), period.to());
      String file = "statement-" + v.vendorId() + "-" + period.month() + "-" + period.currency();
      var entity = pdf
          ? HttpEntities.create(ContentTypes.create(MediaTypes.APPLICATION_PDF),
              portal.notifications().messages().vendorStatementPdf(s,
                  v.isRegistered() ? v.profile().name() : v.vendorId(), now))
          : HttpEntities.create(ContentTypes.create(MediaTypes.TEXT_CSV, HttpCharsets.UTF_8), s.csv());
      return HttpResponse.create().withEntity(entity).addHeader(RawHeader.create(
          "Content-Disposition", "attachment; filename=\"" + file + (pdf ? ".pdf\"" : ".csv\"")));
    });
    return completeWithFuture(answer.exceptionally(failure -> Html.page(Outcomes.status(failure),
        portal.error(session, lang, Outcomes.status(failure), portal.pages().text(lang, "unavailable")))));
  }

  /** How a page fills its model from the vendor's state. */
  interface Filler {
    void fill(VendorState vendor, Map<String, Object> model);
  }

  private Route page(Sessions.Session session, String lang, String title, String template, Filler filler) {
    CompletionStage<String> page = portal.own(session).thenApply(view -> {
      Map<String, Object> m = portal.model(session, portal.pages().text(lang, title));
      filler.fill(view.vendor(), m);
      return portal.pages().render(template, lang, m);
    });
    return Outcomes.page(page, failure -> portal.error(session, lang, Outcomes.status(failure),
        portal.pages().text(lang, Outcomes.status(failure) == 404 ? "not_found" : "unavailable")));
  }

  private Map<String, Object> movement(Movement r, String lang) {
    Map<String, Object> row = new HashMap<>();
    row.put("at", Times.at(r.at()));
    row.put("kind", portal.pages().text(lang, "kind_" + r.kind().name()));
    row.put("kindCode", r.kind().name());
    row.put("orderId", r.orderId());
    row.put("gross", VendorPortal.money(r.gross(), r.currency(), lang));
    row.put("commission", VendorPortal.money(r.commission(), r.currency(), lang));
    row.put("net", VendorPortal.money(r.net(), r.currency(), lang));
    row.put("payable", r.availableAt() == null ? "" : r.availableAt().toString().substring(0, 10));
    return row;
  }

  List<Map<String, Object>> discrepancies(List<PayoutDiscrepancy> list, Instant now, String lang) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (PayoutDiscrepancy d : list) {
      Map<String, Object> row = new HashMap<>();
      row.put("id", d.id());
      row.put("type", portal.pages().text(lang, "discrepancy_" + d.type().name()));
      row.put("typeCode", d.type().name());
      row.put("day", d.periodDay() == null ? "" : d.periodDay().toString().substring(0, 10));
      row.put("payoutId", d.payoutId() == null ? "–" : d.payoutId());
      row.put("expected", VendorPortal.money(d.expected(), d.currency(), lang));
      row.put("actual", VendorPortal.money(d.actual(), d.currency(), lang));
      row.put("difference", VendorPortal.money(d.actual() - d.expected(), d.currency(), lang));
      row.put("resolveBy", Times.at(d.resolveBy()));
      row.put("level", VendorViews.level(d, now));
      row.put("open", d.isOpen());
      row.put("state", d.isOpen()
          ? portal.pages().text(lang, d.escalation() > 0 ? "vp_escalated" : "vp_open")
          : portal.pages().text(lang, "vp_resolved").replace("{how}", d.resolution().how()));
      rows.add(row);
    }
    return rows;
  }

  private String schedule(PayoutSchedule s, String lang) {
    String text = portal.pages().text(lang, "vp_schedule_" + s.frequency().name())
        .replace("{delay}", String.valueOf(s.delayDays()));
    return s.weekday() == null ? text : text.replace("{weekday}",
        s.weekday().getDisplayName(TextStyle.FULL, Locale.forLanguageTag(lang)));
  }
}
