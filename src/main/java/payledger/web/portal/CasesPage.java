package payledger.web.portal;

import static org.apache.pekko.http.javadsl.server.Directives.*;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.server.Route;
import payledger.dispute.CaseDetails;
import payledger.dispute.CaseOpening;
import payledger.dispute.DisputeCase;
import payledger.dispute.DisputeCategory;
import payledger.dispute.DisputeIds;
import payledger.dispute.Lifecycle;
import payledger.order.AskFailure;
import payledger.order.Rejection;
import payledger.readmodel.ReadModelQueries.OrderQuery;
import payledger.web.Forms;
import payledger.web.Html;
import payledger.web.Outcomes;
import payledger.web.Sessions;
import payledger.web.Times;

/**
 * "Report a payment problem" (the seed's categories, an order of the customer's, a description)
 * → a case through {@link CaseOpening}, as support would open it on the customer's behalf, with its
 * tracking number and promised times; the case's status and timeline (support's internal notes
 * left out), a reply to support's request for information, and the rating after resolution.
 */
final class CasesPage {

  /** The categories a customer can report (the seed's payment issues). */
  static final List<DisputeCategory> CATEGORIES = List.of(DisputeCategory.FAILED_TRANSACTION,
      DisputeCategory.INCORRECT_CHARGE, DisputeCategory.DOUBLE_CHARGE, DisputeCategory.REFUND_ISSUE,
      DisputeCategory.MISSING_PAYMENT, DisputeCategory.PARTIAL_PAYMENT, DisputeCategory.OVERPAYMENT);

  private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
  private static final Instant LATEST = Instant.parse("2999-01-01T00:00:00Z");

  private final Portal portal;

  CasesPage(Portal portal) {
    this.portal = portal;
  }

  Route reportForm(Sessions.Session session, String lang) {
    return parameterOptional("order", chosen -> {
      CompletionStage<String> page = portal.readSide().get().queries()
          .orders(new OrderQuery(null, Portal.customer(session), EARLIEST, LATEST, 50, null))
          .thenApply(orders -> {
            Map<String, Object> m = portal.model(session, portal.pages().text(lang, "report_title"));
            m.put("orders", orders.items().stream().map(o -> Map.of("orderId", o.orderId(),
                "selected", o.orderId().equals(chosen.orElse("")))).toList());
            m.put("categories", CATEGORIES.stream().map(c -> Map.of("value", c.name(),
                "label", portal.pages().text(lang, "category_" + c.name()))).toList());
            m.put("nonce", Sessions.token());
            return portal.pages().render("portal/report.mustache", lang, m);
          });
      return Outcomes.page(page, failure -> portal.error(session, lang, 503, portal.pages().text(lang, "unavailable")));
    });
  }

  Route report(Sessions.Session session, String lang, Map<String, String> fields) {
    Optional<String> orderId = Forms.text(fields, "orderId", 200);
    Optional<String> description = Forms.text(fields, "description", 4000);
    Optional<String> nonce = Forms.text(fields, "nonce", 64);
    Optional<DisputeCategory> category = CATEGORIES.stream()
        .filter(c -> c.name().equals(fields.get("category"))).findFirst();
    if (orderId.isEmpty() || description.isEmpty() || nonce.isEmpty() || category.isEmpty()) {
      portal.gate().sessions().flash(session, portal.pages().text(lang, "invalid"));
      return complete(Html.seeOther("/portal/report"));
    }
    String customer = Portal.customer(session);
    // The form's nonce is the idempotency key: a double submit opens one case.
    String id = DisputeIds.fromSeed("portal:" + customer + ":" + nonce.get());
    CompletionStage<CaseOpening.Result> opened = portal.ownOrder(session, orderId.get())
        .thenCompose(order -> portal.opening().open(id, new CaseDetails(orderId.get(), customer,
            category.get(), description.get(), null, CaseDetails.Source.CUSTOMER, null, null, null,
            "customer:" + customer)));
    return Outcomes.redirect(portal.gate().sessions(), session, opened,
        portal.pages().text(lang, "report_done").replace("{id}", id),
        portal.pages().text(lang, "refused"), portal.pages().text(lang, "unavailable"),
        "/portal/cases/" + id);
  }

  Route show(Sessions.Session session, String lang, String id) {
    CompletionStage<String> page = ownCase(session, id).thenApply(c -> {
      Map<String, Object> m = portal.model(session, c.disputeId());
      m.put("id", c.disputeId());
      m.put("orderId", c.details().orderId());
      m.put("category", portal.pages().text(lang, "category_" + c.details().category().name()));
      m.put("state", portal.pages().text(lang, "case_state_" + c.state().name()));
      m.put("level", switch (c.state()) {
        case AWAITING_CUSTOMER -> "warn";
        case RESOLVED, CLOSED -> "ok";
        default -> "";
      });
      m.put("acknowledgeBy", when(c.acknowledgeBy()));
      m.put("acknowledged", c.acknowledgedAt() != null);
      m.put("resolveBy", when(c.resolveBy()));
      m.put("resolved", c.resolvedAt() != null);
      if (c.resolution() != null) {
        m.put("resolution", portal.pages().text(lang, "resolution_" + c.resolution().action().name()));
      }
      List<Map<String, Object>> timeline = new ArrayList<>();
      for (DisputeCase.TimelineEntry e : c.timeline()) {
        // What the customer did and was told; support's notes and the ledger's bookkeeping stay inside.
        String key = "event_" + e.what().split(":")[0].replace(' ', '_');
        if (portal.pages().strings(lang).containsKey(key)) {
          timeline.add(Map.of("at", when(e.at()), "what", portal.pages().text(lang, key),
              "text", e.text() == null || key.equals("event_feedback") ? "" : e.text()));
        }
      }
      m.put("timeline", timeline);
      m.put("mayReply", c.allowedActions().contains(Lifecycle.Action.CUSTOMER_REPLY));
      m.put("mayRate", c.resolvedAt() != null && c.allowedActions().contains(Lifecycle.Action.FEEDBACK));
      m.put("csat", c.csat());
      m.put("scores", List.of(1, 2, 3, 4, 5));
      return portal.pages().render("portal/case.mustache", lang, m);
    });
    return Outcomes.page(page, failure -> portal.error(session, lang, Outcomes.status(failure),
        portal.pages().text(lang, "not_found")));
  }

  Route reply(Sessions.Session session, String lang, String id, Map<String, String> fields) {
    Optional<String> text = Forms.text(fields, "text", 4000);
    String back = "/portal/cases/" + id;
    if (text.isEmpty()) {
      portal.gate().sessions().flash(session, portal.pages().text(lang, "invalid"));
      return complete(Html.seeOther(back));
    }
    CompletionStage<?> done = ownCase(session, id).thenCompose(c -> portal.disputes()
        .act(id, Lifecycle.Action.CUSTOMER_REPLY, "customer:" + Portal.customer(session), text.get()));
    return after(session, lang, done, back);
  }

  Route rate(Sessions.Session session, String lang, String id, Map<String, String> fields) {
    String back = "/portal/cases/" + id;
    int csat;
    try {
      csat = Integer.parseInt(fields.getOrDefault("csat", ""));
    } catch (NumberFormatException e) {
      csat = 0;
    }
    if (csat < 1 || csat > 5) {
      portal.gate().sessions().flash(session, portal.pages().text(lang, "invalid"));
      return complete(Html.seeOther(back));
    }
    int score = csat;
    CompletionStage<?> done = ownCase(session, id).thenCompose(c -> portal.disputes()
        .feedback(id, score, Forms.text(fields, "comment", 2000).orElse(null)));
    return after(session, lang, done, back);
  }

  private Route after(Sessions.Session session, String lang, CompletionStage<?> done, String back) {
    return Outcomes.redirect(portal.gate().sessions(), session, done,
        portal.pages().text(lang, "thanks"), portal.pages().text(lang, "refused"),
        portal.pages().text(lang, "unavailable"), back);
  }

  /** The case, if it is this customer's; a NOT_FOUND refusal otherwise. */
  private CompletionStage<DisputeCase> ownCase(Sessions.Session session, String id) {
    if (!DisputeIds.isValid(id)) {
      return CompletableFuture.failedFuture(new AskFailure.Refused(Rejection.NOT_FOUND, "no such case"));
    }
    return portal.disputes().get(id).thenCompose(view -> {
      DisputeCase c = view.dispute();
      return c.isOpened() && Portal.customer(session).equals(c.details().customerId())
          ? CompletableFuture.completedFuture(c)
          : CompletableFuture.failedFuture(new AskFailure.Refused(Rejection.NOT_FOUND, "no such case"));
    });
  }

  private static String when(Instant at) {
    return Times.at(at);
  }
}
