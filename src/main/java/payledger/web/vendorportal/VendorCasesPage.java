package payledger.web.vendorportal;

import static org.apache.pekko.http.javadsl.server.Directives.*;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import org.apache.pekko.http.javadsl.server.Route;
import payledger.dispute.CaseDetails;
import payledger.dispute.DisputeCase;
import payledger.dispute.DisputeIds;
import payledger.dispute.Lifecycle;
import payledger.order.AskFailure;
import payledger.order.Rejection;
import payledger.readmodel.PageToken;
import payledger.vendor.PayoutDiscrepancy;
import payledger.vendor.VendorCaseList;
import payledger.vendor.VendorCasePages;
import payledger.vendor.VendorCases;
import payledger.vendor.VendorState;
import payledger.web.Html;
import payledger.web.Outcomes;
import payledger.web.Sessions;
import payledger.web.Times;

/**
 * The vendor's issues, open and past; "report a payment problem", opened as the API's
 * {@code POST /v1/vendors/{id}/cases} opens it ({@link VendorCases}: source {@code VENDOR}, a payout
 * category, optionally one of the vendor's payout discrepancies), its bad input shown back on the
 * form; and one case with its status and timeline (support's internal notes left out), and the
 * vendor's answer when support asks it for information. A case that is not the vendor's is a 404.
 */
final class VendorCasesPage {

  /** Cases on one page of the issues list: each is one ask to its case. */
  static final int PAGE_SIZE = 20;

  private final VendorPortal portal;

  VendorCasesPage(VendorPortal portal) {
    this.portal = portal;
  }

  /**
   * A page of the vendor's issues, newest opened first ({@link VendorCasePages}), the page's open
   * ones above its past ones; "older" leads to the next page, "newest" back to the first. A token
   * that is not one this list issued to this vendor is a 400.
   */
  Route list(Sessions.Session session, String lang, String pageToken) {
    String vendor = VendorPortal.vendor(session);
    CompletionStage<String> page = CompletableFuture.completedFuture(pageToken)
        .thenApply(t -> t == null ? null : after(vendor, PageToken.decode(t)))
        .thenCompose(after -> portal.caseList().page(vendor, PAGE_SIZE, after))
        .thenCompose(listed -> {
          List<CompletableFuture<Optional<DisputeCase>>> asked = listed.cases().stream()
              .map(l -> ownCase(vendor, l.disputeId()).thenApply(Optional::of)
                  .exceptionally(VendorCasesPage::skipUnopened).toCompletableFuture())
              .toList();
          return CompletableFuture.allOf(asked.toArray(CompletableFuture[]::new))
              .thenApply(v -> {
                List<DisputeCase> cases = asked.stream().map(CompletableFuture::join)
                    .flatMap(Optional::stream)
                    .sorted(Comparator.comparing(DisputeCase::openedAt).reversed()).toList();
                Map<String, Object> m = portal.model(session,
                    portal.pages().text(lang, "vp_cases_title"));
                m.put("open", cases.stream().filter(c -> c.state().isActive())
                    .map(c -> row(c, lang)).toList());
                m.put("past", cases.stream().filter(c -> !c.state().isActive())
                    .map(c -> row(c, lang)).toList());
                m.put("paged", pageToken != null);
                m.put("pager", pageToken != null || listed.next() != null);
                if (listed.next() != null) {
                  VendorCaseList.Listed last = listed.next();
                  m.put("older", new PageToken(vendor, last.openedAt(), last.disputeId()).encode());
                }
                return portal.pages().render("vendorportal/cases.mustache", lang, m);
              });
        });
    return Outcomes.page(page, failure -> portal.error(session, lang, Outcomes.status(failure),
        portal.pages().text(lang, Outcomes.status(failure) == 400 ? "vp_cases_page_invalid"
            : "unavailable")));
  }

  /** The case a page token names, when it is a token of this vendor's list. */
  static VendorCaseList.Listed after(String vendor, PageToken token) {
    if (!vendor.equals(token.segment())) {
      throw new PageToken.Invalid("pageToken is not one of this list's");
    }
    return new VendorCaseList.Listed(token.id(), token.at());
  }

  /**
   * A listed id whose case never opened (a portal report written to the list before its case,
   * as the portal once did, that then failed) is left out; a case that did not answer in time
   * fails the page (503) rather than vanish from the list.
   */
  private static Optional<DisputeCase> skipUnopened(Throwable failure) {
    if (AskFailure.typed(failure) instanceof AskFailure.Refused refused
        && refused.rejection() == Rejection.NOT_FOUND) {
      return Optional.empty();
    }
    throw failure instanceof CompletionException c ? c : new CompletionException(failure);
  }

  /** A listed case: its number, category, state, when it was reported and its two deadlines. */
  private Map<String, Object> row(DisputeCase c, String lang) {
    Map<String, Object> row = new HashMap<>();
    row.put("id", c.disputeId());
    row.put("opened", Times.at(c.openedAt()));
    row.put("category", portal.pages().text(lang, "category_" + c.details().category().name()));
    row.put("categoryCode", c.details().category().name());
    row.put("state", portal.pages().text(lang, "case_state_" + c.state().name()));
    row.put("stateCode", c.state().name());
    row.put("level", level(c));
    row.put("acknowledgeBy", Times.at(c.acknowledgeBy()));
    row.put("acknowledged", c.acknowledgedAt() != null);
    row.put("resolveBy", Times.at(c.resolveBy()));
    row.put("resolved", c.resolvedAt() != null);
    return row;
  }

  Route reportForm(Sessions.Session session, String lang) {
    return parameterOptional("discrepancy", chosen -> {
      CompletionStage<String> page = portal.own(session).thenApply(view -> {
        Map<String, Object> m = portal.model(session, portal.pages().text(lang, "vp_report_title"));
        Map<String, String> values = new HashMap<>();
        chosen.ifPresent(d -> values.put("discrepancy", d));
        fill(m, view.vendor(), values, Map.of(), lang);
        return portal.pages().render("vendorportal/report.mustache", lang, m);
      });
      return Outcomes.page(page, failure -> portal.error(session, lang, Outcomes.status(failure),
          portal.pages().text(lang, "unavailable")));
    });
  }

  /**
   * The report: a bad field gives the form again (400) with each message beside its field and
   * what was typed; a valid one opens the case (the form's nonce is its idempotency key: a double
   * submit opens one case) and leads to it.
   */
  Route report(Sessions.Session session, String lang, Map<String, String> fields) {
    String vendor = VendorPortal.vendor(session);
    CompletionStage<Route> answer = portal.own(session).thenCompose(view -> {
      VendorState v = view.vendor();
      Set<String> ids = v.payouts().discrepancies().stream().map(PayoutDiscrepancy::id)
          .collect(Collectors.toSet());
      ProblemReport report = ProblemReport.read(fields, ids, currencies(v));
      if (!report.valid()) {
        Map<String, Object> m = portal.model(session, portal.pages().text(lang, "vp_report_title"));
        fill(m, v, fields, report.errors(), lang);
        return CompletableFuture.completedFuture(
            complete(Html.page(400, portal.pages().render("vendorportal/report.mustache", lang, m))));
      }
      String id = DisputeIds.fromSeed("vendor-portal:" + vendor + ":" + report.nonce());
      CaseDetails details = new CaseDetails(null, null, report.category(), report.description(),
          report.amount(), CaseDetails.Source.VENDOR, null, null, null, "vendor:" + vendor);
      // Listed on the issues page by the vendor-cases projection, as every vendor case is.
      CompletionStage<VendorCases.Result> opened =
          portal.cases().open(vendor, id, details, report.discrepancyId());
      return CompletableFuture.completedFuture(Outcomes.redirect(portal.gate().sessions(), session,
          opened, portal.pages().text(lang, "vp_report_done").replace("{id}", id),
          portal.pages().text(lang, "refused"), portal.pages().text(lang, "unavailable"),
          VendorPortalRoutes.ROOT + "/cases/" + id));
    });
    return onSuccess(answer.exceptionally(failure -> complete(Html.page(Outcomes.status(failure),
        portal.error(session, lang, Outcomes.status(failure), portal.pages().text(lang, "unavailable"))))),
        route -> route);
  }

  /** The form's values: categories, the vendor's discrepancies and currencies, what was typed, errors. */
  private void fill(Map<String, Object> m, VendorState v, Map<String, String> values,
      Map<String, String> errors, String lang) {
    m.put("categories", ProblemReport.CATEGORIES.stream().map(c -> Map.of("value", c.name(),
        "label", portal.pages().text(lang, "category_" + c.name()),
        "selected", c.name().equals(values.get("category")))).toList());
    m.put("discrepancies", v.payouts().discrepancies().stream().map(d -> Map.of("value", d.id(),
        "label", d.id() + " · " + portal.pages().text(lang, "discrepancy_" + d.type().name())
            + " · " + VendorPortal.money(d.actual() - d.expected(), d.currency(), lang),
        "selected", d.id().equals(values.get("discrepancy")))).toList());
    m.put("currencies", currencies(v).stream().map(c -> Map.of("value", c,
        "selected", c.equals(values.get("currency")))).toList());
    m.put("description", values.getOrDefault("description", ""));
    m.put("amount", values.getOrDefault("amount", ""));
    m.put("nonce", Sessions.token());
    Map<String, String> shown = new HashMap<>();
    errors.forEach((field, key) -> shown.put(field, portal.pages().text(lang, key)));
    m.put("errors", shown);
    m.put("invalid", !errors.isEmpty());
  }

  /** The vendor's currencies (of its balances), else EUR. */
  private List<String> currencies(VendorState v) {
    List<String> out = new ArrayList<>();
    v.balances(portal.clock().instant()).forEach(b -> out.add(b.currency()));
    return out.isEmpty() ? List.of("EUR") : out;
  }

  Route show(Sessions.Session session, String lang, String id) {
    CompletionStage<String> page = ownCase(VendorPortal.vendor(session), id).thenApply(c -> {
      Map<String, Object> m = portal.model(session, c.disputeId());
      m.put("id", c.disputeId());
      m.put("category", portal.pages().text(lang, "category_" + c.details().category().name()));
      m.put("state", portal.pages().text(lang, "case_state_" + c.state().name()));
      m.put("level", level(c));
      m.put("discrepancyId", c.vendor().payoutDiscrepancyId());
      m.put("acknowledgeBy", Times.at(c.acknowledgeBy()));
      m.put("acknowledged", c.acknowledgedAt() != null);
      m.put("resolveBy", Times.at(c.resolveBy()));
      m.put("resolved", c.resolvedAt() != null);
      if (c.resolution() != null) {
        m.put("resolution", portal.pages().text(lang, "resolution_" + c.resolution().action().name()));
      }
      List<Map<String, Object>> timeline = new ArrayList<>();
      for (DisputeCase.TimelineEntry e : c.timeline()) {
        // What the vendor did and was told; support's notes and the ledger's bookkeeping stay inside.
        String key = "event_" + e.what().split(":")[0].replace(' ', '_');
        if (portal.pages().strings(lang).containsKey(key)) {
          timeline.add(Map.of("at", Times.at(e.at()), "what", portal.pages().text(lang, key),
              "text", e.text() == null || key.equals("event_feedback") ? "" : e.text()));
        }
      }
      m.put("timeline", timeline);
      m.put("mayReply", c.allowedActions().contains(Lifecycle.Action.CUSTOMER_REPLY));
      return portal.pages().render("vendorportal/case.mustache", lang, m);
    });
    return Outcomes.page(page, failure -> portal.error(session, lang, Outcomes.status(failure),
        portal.pages().text(lang, "not_found")));
  }

  /** The vendor's answer to support's request for information, as a customer answers one. */
  Route reply(Sessions.Session session, String lang, String id, Map<String, String> fields) {
    Optional<String> text = payledger.web.Forms.text(fields, "text", ProblemReport.MAX_DESCRIPTION);
    String back = VendorPortalRoutes.ROOT + "/cases/" + id;
    if (text.isEmpty()) {
      portal.gate().sessions().flash(session, portal.pages().text(lang, "invalid"));
      return complete(Html.seeOther(back));
    }
    String vendor = VendorPortal.vendor(session);
    CompletionStage<?> done = ownCase(vendor, id).thenCompose(c -> portal.disputes()
        .act(id, Lifecycle.Action.CUSTOMER_REPLY, "vendor:" + vendor, text.get()));
    return Outcomes.redirect(portal.gate().sessions(), session, done,
        portal.pages().text(lang, "thanks"), portal.pages().text(lang, "refused"),
        portal.pages().text(lang, "unavailable"), back);
  }

  private static String level(DisputeCase c) {
    return switch (c.state()) {
      case AWAITING_CUSTOMER -> "warn";
      case RESOLVED, CLOSED -> "ok";
      default -> "";
    };
  }

  /** The case, if it references this vendor; a NOT_FOUND refusal otherwise (no hint that it exists). */
  private CompletionStage<DisputeCase> ownCase(String vendor, String id) {
    if (!DisputeIds.isValid(id)) {
      return CompletableFuture.failedFuture(new AskFailure.Refused(Rejection.NOT_FOUND, "no such case"));
    }
    return portal.disputes().get(id).thenCompose(view -> {
      DisputeCase c = view.dispute();
      return c.isOpened() && c.vendor() != null && vendor.equals(c.vendor().vendorId())
          ? CompletableFuture.completedFuture(c)
          : CompletableFuture.failedFuture(new AskFailure.Refused(Rejection.NOT_FOUND, "no such case"));
    });
  }

}
