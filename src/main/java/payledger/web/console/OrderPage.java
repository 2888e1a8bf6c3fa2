package payledger.web.console;

import static org.apache.pekko.http.javadsl.server.Directives.complete;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.server.Route;
import payledger.audit.AuditedEntity;
import payledger.audit.Scope;
import payledger.dispute.CaseDetails;
import payledger.dispute.DisputeCategory;
import payledger.dispute.DisputeIds;
import payledger.json.JsonFields;
import payledger.money.Money;
import payledger.money.MoneyFormat;
import payledger.order.Adjustment;
import payledger.order.Discrepancy;
import payledger.order.DeliveryReport;
import payledger.order.Invoice;
import payledger.order.OrderLedger;
import payledger.order.RecordedPayment;
import payledger.order.Reconciliation;
import payledger.order.Resolution;
import payledger.web.Countdown;
import payledger.web.Forms;
import payledger.web.Html;
import payledger.web.Outcomes;
import payledger.web.Sessions;
import payledger.web.Times;

/**
 * An order: invoice, payments in order of arrival, totals, discrepancies with their deadlines and
 * the resolutions that fit their type, receipt and deliveries, its cases; and the actions of the
 * API's order routes — resolve, adjust, resend the receipt, link a held payment, open a case — each
 * through {@code OrderClient}, {@code PaymentLinking} or {@code CaseOpening}, with a form nonce as
 * the idempotency key where the API takes one; and the audit verification of the order on demand.
 */
final class OrderPage {

  private final Console console;

  OrderPage(Console console) {
    this.console = console;
  }

  Route show(Sessions.Session session, String lang, String orderId) {
    CompletionStage<String> page = console.orders().registered(orderId)
        .thenApply(order -> render(session, lang, order));
    return Outcomes.page(page, failure -> console.error(session, lang, Outcomes.status(failure),
        console.pages().text(lang, "not_found")));
  }

  /**
   * Verifies the order's audit trail on demand — {@code Audit.verifyReport} with the order's scope,
   * as {@code POST /v1/audit/verify {"orderId": …}} — and shows the order with the outcome.
   */
  Route verify(Sessions.Session session, String lang, String orderId) {
    if (console.audit().isEmpty()) {
      return complete(Html.page(503, console.error(session, lang, 503,
          console.pages().text(lang, "unavailable"))));
    }
    if (!JsonFields.ID.matcher(orderId).matches()) {
      return complete(Html.page(404, console.error(session, lang, 404,
          console.pages().text(lang, "not_found"))));
    }
    CompletionStage<String> page = console.orders().registered(orderId)
        .thenCompose(order -> console.audit().get()
            .verifyReport(Scope.entity(AuditedEntity.ORDERS.entityType(), orderId))
            .thenApply(report -> render(session, lang, order,
                Verified.view(report.orElse(null), console.pages().strings(lang)))));
    return Outcomes.page(page, failure -> console.error(session, lang, Outcomes.status(failure),
        console.pages().text(lang, Outcomes.status(failure) == 404 ? "not_found" : "unavailable")));
  }

  private String render(Sessions.Session session, String lang, OrderLedger.Summary order) {
    return render(session, lang, order, null);
  }

  private String render(Sessions.Session session, String lang, OrderLedger.Summary order,
      Map<String, Object> verification) {
    Instant now = console.clock().instant();
    Locale locale = MoneyFormat.locale(lang);
    var state = order.state();
    Invoice invoice = state.facts().invoice();
    Reconciliation.Totals totals = order.totals();
    Map<String, Object> m = console.model(session, state.orderId());
    m.put("orderId", state.orderId());
    m.put("customerId", invoice.customerId());
    m.put("email", invoice.customerEmail());
    m.put("status", order.status().name());
    m.put("currency", invoice.currency());
    m.put("due", MoneyFormat.format(totals.due(), locale));
    m.put("netPaid", MoneyFormat.format(totals.netPaid(), locale));
    m.put("refunded", MoneyFormat.format(totals.refunded(), locale));
    m.put("balance", MoneyFormat.format(totals.balance(), locale));
    List<Map<String, Object>> items = new ArrayList<>();
    for (Invoice.LineItem i : invoice.items()) {
      items.add(Map.of("description", i.description() == null ? i.sku() : i.description(),
          "quantity", i.quantity(),
          "unitPrice", MoneyFormat.format(i.unitPrice(), invoice.currency(), locale),
          "total", MoneyFormat.format(i.total(), invoice.currency(), locale)));
    }
    m.put("items", items);
    List<Map<String, Object>> payments = new ArrayList<>();
    for (RecordedPayment p : state.facts().payments()) {
      payments.add(Map.of("at", Times.at(p.recordedAt()), "type", p.event().type().name(),
          "gateway", p.event().gateway(), "paymentId", p.event().paymentId(),
          "method", p.event().method() == null ? "" : p.event().method(),
          "amount", MoneyFormat.format(p.event().amount(), locale)));
    }
    m.put("payments", payments);
    List<Map<String, Object>> adjustments = new ArrayList<>();
    for (Adjustment a : state.facts().adjustments()) {
      adjustments.add(Map.of("amount", MoneyFormat.format(a.amount(), locale), "reason", a.reason(),
          "actor", a.actor(), "at", Times.at(a.adjustedAt())));
    }
    m.put("adjustments", adjustments);
    m.put("discrepancies", discrepancies(state.discrepancies(), now, locale,
        console.pages().strings(lang)));
    var comms = state.comms();
    if (comms.receipt() != null) {
      m.put("receipt", comms.receipt().number());
      m.put("receiptWithheld", comms.receiptWithheld());
    }
    List<Map<String, Object>> deliveries = new ArrayList<>();
    for (DeliveryReport r : comms.reports()) {
      deliveries.add(Map.of("kind", r.kind(), "channel", r.channel() == null ? "" : r.channel(),
          "delivered", r.delivered(), "attempts", r.attempts()));
    }
    m.put("deliveries", deliveries);
    m.put("cases", state.disputes());
    m.put("instructions", state.instructions().stream().map(i -> Map.of("action", i.action(),
        "amount", i.amount() == null ? "" : MoneyFormat.format(i.amount(), locale),
        "disputeId", i.disputeId(), "actor", i.actor() == null ? "" : i.actor())).toList());
    m.put("categories", java.util.Arrays.stream(DisputeCategory.values())
        .filter(c -> c != DisputeCategory.CHARGEBACK && !DisputeCategory.forVendors().contains(c))
        .map(Enum::name).toList());
    m.put("nonce", payledger.web.Sessions.token());
    m.put("verification", verification);
    return console.pages().render("console/order.mustache", lang, m);
  }

  private static List<Map<String, Object>> discrepancies(List<Discrepancy> all, Instant now, Locale locale,
      Map<String, String> t) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Discrepancy d : all) {
      Map<String, Object> r = new HashMap<>();
      r.put("id", d.id());
      r.put("type", d.type().name());
      r.put("detail", d.detail());
      r.put("expected", d.expected() == null ? "–" : MoneyFormat.format(d.expected(), locale));
      r.put("actual", d.actual() == null ? "–" : MoneyFormat.format(d.actual(), locale));
      r.put("detectedAt", Times.at(d.detectedAt()));
      r.put("open", d.isOpen());
      if (d.isOpen()) {
        r.put("notifyDue", Countdown.of(d.detectedAt(), d.customerNotifyBy(), now).view(now, t));
        r.put("resolveDue", Countdown.of(d.detectedAt(), d.resolveBy(), now).view(now, t));
        r.put("resolutions", d.type().manualResolutions().stream().map(Enum::name).toList());
      } else {
        r.put("resolution", d.resolution().name());
        r.put("resolvedBy", d.resolvedBy() == null ? "" : d.resolvedBy());
        r.put("note", d.note() == null ? "" : d.note());
        r.put("resolvedAt", Times.at(d.resolvedAt()));
      }
      out.add(r);
    }
    return out;
  }

  Route act(Sessions.Session session, String lang, String orderId, String action, Map<String, String> fields) {
    String back = "/console/orders/" + orderId;
    String actor = Console.actor(session);
    Optional<String> nonce = Forms.text(fields, "nonce", 64);
    String currency = fields.getOrDefault("currency", "");
    CompletionStage<?> done;
    switch (action) {
      case "resolve" -> {
        Optional<String> id = Forms.text(fields, "discrepancyId", 200);
        Optional<Resolution> how = parse(Resolution.class, fields.get("resolution"));
        if (id.isEmpty() || how.isEmpty()) {
          return invalid(session, lang, back);
        }
        done = console.orders().resolveDiscrepancy(orderId, id.get(), how.get(), actor,
            Forms.text(fields, "note", 2000).orElse(null));
      }
      case "adjust" -> {
        Optional<Long> minor = Forms.minorUnits(fields.get("amount"), currency);
        Optional<String> reason = Forms.text(fields, "reason", 2000);
        if (minor.isEmpty() || minor.get() == 0 || reason.isEmpty() || nonce.isEmpty()
            || !Money.isCurrency(currency)) {
          return invalid(session, lang, back);
        }
        done = console.orders().adjust(orderId, new Adjustment("adj-" + nonce.get(),
            new Money(minor.get(), currency), reason.get(), actor, console.clock().instant()));
      }
      case "resend" -> done = console.orders().resendReceipt(orderId, null, actor);
      case "link" -> {
        Optional<String> gateway = Forms.text(fields, "gateway", 100);
        Optional<String> payment = Forms.text(fields, "paymentId", 200);
        if (gateway.isEmpty() || payment.isEmpty()) {
          return invalid(session, lang, back);
        }
        done = console.linking().link(orderId, gateway.get(), payment.get(), actor);
      }
      case "open-case" -> {
        Optional<DisputeCategory> category = parse(DisputeCategory.class, fields.get("category"));
        Optional<String> description = Forms.text(fields, "description", 4000);
        if (category.isEmpty() || description.isEmpty() || nonce.isEmpty()) {
          return invalid(session, lang, back);
        }
        String caseId = DisputeIds.fromSeed("console:" + nonce.get());
        done = console.opening().open(caseId, new CaseDetails(orderId, null, category.get(),
            description.get(), null, CaseDetails.Source.SUPPORT, null, null, null, actor));
        back = "/console/cases/" + caseId;
      }
      default -> {
        return complete(Html.page(404, console.error(session, lang, 404, console.pages().text(lang, "not_found"))));
      }
    }
    return Outcomes.redirect(console.gate().sessions(), session, done,
        console.pages().text(lang, "done"), console.pages().text(lang, "refused"),
        console.pages().text(lang, "unavailable"), back);
  }

  private static <E extends Enum<E>> Optional<E> parse(Class<E> type, String value) {
    try {
      return value == null ? Optional.empty() : Optional.of(Enum.valueOf(type, value));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private Route invalid(Sessions.Session session, String lang, String back) {
    console.gate().sessions().flash(session, console.pages().text(lang, "invalid"));
    return complete(Html.seeOther(back));
  }
}
