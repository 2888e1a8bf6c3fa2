package payledger.web.console;

import static org.apache.pekko.http.javadsl.server.Directives.complete;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.server.Route;
import payledger.dispute.CaseResolution;
import payledger.dispute.DisputeCase;
import payledger.dispute.DisputeIds;
import payledger.dispute.Lifecycle;
import payledger.money.Money;
import payledger.money.MoneyFormat;
import payledger.order.OrderLedger;
import payledger.web.Countdown;
import payledger.web.Forms;
import payledger.web.Html;
import payledger.web.Outcomes;
import payledger.web.Sessions;
import payledger.web.Times;

/**
 * A case: its details, deadlines, timeline (the audit trail), and a form for each action its state
 * allows ({@link DisputeCase#allowedActions}) — through {@code DisputeClient}, as the API's
 * {@code POST /v1/disputes/{id}/…}.
 */
final class CasePage {

  private static final List<Lifecycle.Action> STEPS = List.of(Lifecycle.Action.ACKNOWLEDGE,
      Lifecycle.Action.NOTE, Lifecycle.Action.REQUEST_INFO, Lifecycle.Action.CUSTOMER_REPLY,
      Lifecycle.Action.ESCALATE, Lifecycle.Action.CLOSE);

  private final Console console;

  CasePage(Console console) {
    this.console = console;
  }

  Route show(Sessions.Session session, String lang, String id) {
    if (!DisputeIds.isValid(id)) {
      return notFound(session, lang);
    }
    CompletionStage<String> page = console.disputes().get(id).thenCompose(view -> {
      DisputeCase c = view.dispute();
      if (!c.isOpened()) {
        return CompletableFuture.failedFuture(new payledger.order.AskFailure.Refused(
            payledger.order.Rejection.NOT_FOUND, "no such case"));
      }
      CompletionStage<Optional<OrderLedger.Summary>> order = c.details().orderId() == null
          ? CompletableFuture.completedFuture(Optional.empty())
          : console.orders().get(c.details().orderId()).thenApply(Optional::of)
              .exceptionally(failure -> Optional.empty());
      return order.thenApply(o -> render(session, lang, c, o.orElse(null)));
    });
    return Outcomes.page(page, failure -> console.error(session, lang, Outcomes.status(failure),
        console.pages().text(lang, "not_found")));
  }

  private String render(Sessions.Session session, String lang, DisputeCase c, OrderLedger.Summary order) {
    Instant now = console.clock().instant();
    Locale locale = MoneyFormat.locale(lang);
    Map<String, String> t = console.pages().strings(lang);
    Map<String, Object> m = console.model(session, c.disputeId());
    m.put("id", c.disputeId());
    m.put("state", c.state().name());
    m.put("category", c.details().category().name());
    m.put("priority", c.details().category().priority().name());
    m.put("escalation", c.escalation() > 0 ? c.escalation() : null);
    m.put("orderId", c.details().orderId());
    m.put("customerId", c.details().customerId());
    m.put("description", c.details().description());
    m.put("source", c.details().source().name());
    if (c.details().amount() != null) {
      m.put("amount", MoneyFormat.format(c.details().amount(), locale));
    }
    if (c.acknowledgedAt() == null && c.state().isActive()) {
      m.put("ackDue", Countdown.of(c.openedAt(), c.acknowledgeBy(), now).view(now, t));
    }
    if (c.resolvedAt() == null) {
      m.put("resolveDue", Countdown.of(c.openedAt(), c.resolveBy(), now).view(now, t));
    }
    if (c.resolution() != null) {
      m.put("resolution", c.resolution().action().name()
          + (c.resolution().amount() == null ? "" : " " + MoneyFormat.format(c.resolution().amount(), locale))
          + (c.ledgerConfirmed() ? " ✓" : "") + (c.ledgerRefusal() == null ? "" : " — " + c.ledgerRefusal()));
    }
    m.put("csat", c.csat());
    List<Map<String, Object>> timeline = new ArrayList<>();
    for (DisputeCase.TimelineEntry e : c.timeline()) {
      timeline.add(Map.of("at", Times.at(e.at()), "what", e.what(),
          "actor", e.actor() == null ? "" : e.actor(), "text", e.text() == null ? "" : e.text()));
    }
    m.put("timeline", timeline);
    List<Map<String, Object>> steps = new ArrayList<>();
    for (Lifecycle.Action a : STEPS) {
      if (c.allowedActions().contains(a)) {
        String name = a.name().toLowerCase(Locale.ROOT).replace('_', '-');
        steps.add(Map.of("action", name, "label", console.pages().text(lang, "case_" + name),
            "needsText", a != Lifecycle.Action.ACKNOWLEDGE && a != Lifecycle.Action.CLOSE));
      }
    }
    m.put("steps", steps);
    m.put("mayResolve", c.allowedActions().contains(Lifecycle.Action.RESOLVE));
    String currency = order != null && order.state().facts().invoice() != null
        ? order.state().facts().invoice().currency()
        : c.details().amount() != null ? c.details().amount().currency() : "EUR";
    m.put("currency", currency);
    m.put("resolutions", List.of("REFUND", "INVOICE_ADJUSTMENT", "PAYMENT_RETRY", "NO_ACTION"));
    return console.pages().render("console/case.mustache", lang, m);
  }

  Route act(Sessions.Session session, String lang, String id, String action, Map<String, String> fields) {
    if (!DisputeIds.isValid(id)) {
      return notFound(session, lang);
    }
    String back = "/console/cases/" + id;
    String actor = Console.actor(session);
    Optional<String> text = Forms.text(fields, "text", 4000);
    CompletionStage<?> done;
    if (action.equals("resolve")) {
      Optional<CaseResolution> resolution = resolution(fields, actor);
      if (resolution.isEmpty()) {
        return invalid(session, lang, back);
      }
      done = console.disputes().resolve(id, resolution.get());
    } else {
      Optional<Lifecycle.Action> step = STEPS.stream()
          .filter(a -> a.name().toLowerCase(Locale.ROOT).replace('_', '-').equals(action)).findFirst();
      if (step.isEmpty()) {
        return notFound(session, lang);
      }
      boolean needsText = step.get() != Lifecycle.Action.ACKNOWLEDGE && step.get() != Lifecycle.Action.CLOSE;
      if (needsText && text.isEmpty()) {
        return invalid(session, lang, back);
      }
      done = console.disputes().act(id, step.get(), actor, text.orElse(null));
    }
    return Outcomes.redirect(console.gate().sessions(), session, done,
        console.pages().text(lang, "done"), console.pages().text(lang, "refused"),
        console.pages().text(lang, "unavailable"), back);
  }

  /** {@code action}, {@code reason}, and {@code amount} in {@code currency} where money moves. */
  private static Optional<CaseResolution> resolution(Map<String, String> fields, String actor) {
    CaseResolution.Action action;
    try {
      action = CaseResolution.Action.valueOf(fields.getOrDefault("resolution", ""));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    Optional<String> reason = Forms.text(fields, "reason", 2000);
    String currency = fields.getOrDefault("currency", "");
    if (reason.isEmpty() || !Money.isCurrency(currency)) {
      return Optional.empty();
    }
    Money amount = null;
    if (action == CaseResolution.Action.REFUND || action == CaseResolution.Action.INVOICE_ADJUSTMENT) {
      Optional<Long> minor = Forms.minorUnits(fields.get("amount"), currency);
      if (minor.isEmpty() || minor.get() == 0 || (action == CaseResolution.Action.REFUND && minor.get() < 0)) {
        return Optional.empty();
      }
      amount = new Money(minor.get(), currency);
    }
    return Optional.of(new CaseResolution(action, amount, reason.get(), actor));
  }

  private Route invalid(Sessions.Session session, String lang, String back) {
    console.gate().sessions().flash(session, console.pages().text(lang, "invalid"));
    return complete(Html.seeOther(back));
  }

  private Route notFound(Sessions.Session session, String lang) {
    return complete(Html.page(404, console.error(session, lang, 404, console.pages().text(lang, "not_found"))));
  }
}
