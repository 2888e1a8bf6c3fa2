package payledger.web.console;

import static org.apache.pekko.http.javadsl.server.Directives.*;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.server.Route;
import payledger.dispute.DisputeCategory;
import payledger.dispute.Lifecycle;
import payledger.money.MoneyFormat;
import payledger.order.AskFailure;
import payledger.order.DiscrepancyType;
import payledger.readmodel.DiscrepancyRow;
import payledger.readmodel.DisputeRow;
import payledger.readmodel.Listing.Page;
import payledger.readmodel.PageToken;
import payledger.readmodel.ReadModelQueries;
import payledger.readmodel.ReadModelQueries.DiscrepancyQuery;
import payledger.readmodel.ReadModelQueries.DisputeQuery;
import payledger.web.Countdown;
import payledger.web.Outcomes;
import payledger.web.Sessions;

/**
 * The work queues, from the read models: open discrepancies by their resolution deadline, and
 * active cases by their nearest SLA deadline (acknowledgement until acknowledged, then resolution),
 * overdue first; filters by type, state, priority and gateway (those the lists have seen; a value
 * not among them is ignored, as an unknown type is), the same queries as the API's lists; cursor
 * paging with the read models' tokens, the filters kept in the next page's link.
 */
final class QueuesPage {

  private final Console console;

  QueuesPage(Console console) {
    this.console = console;
  }

  Route show(Sessions.Session session, String lang) {
    return parameterMap(params -> {
      String type = allowed(params.get("type"), DiscrepancyType.class);
      String state = allowed(params.get("state"), Lifecycle.State.class);
      String priority = allowed(params.get("priority"), DisputeCategory.Priority.class);
      PageToken dToken;
      PageToken cToken;
      try {
        dToken = token(params.get("dtoken"));
        cToken = token(params.get("ctoken"));
      } catch (PageToken.Invalid e) {
        return complete(payledger.web.Html.page(400, console.error(session, lang, 400, e.getMessage())));
      }
      Instant now = console.clock().instant();
      boolean queue = Console.mayWorkQueue(Console.staff(session));
      ReadModelQueries queries = console.readSide().get().queries();
      CompletionStage<String> page = queries.gateways().thenCompose(gateways -> {
        String gateway = gateways.contains(params.get("gateway")) ? params.get("gateway") : null;
        CompletionStage<Page<DiscrepancyRow>> discrepancies = queue
            ? queries.discrepancies(
                new DiscrepancyQuery(false, type, null, gateway, console.pageSize(), dToken), now)
            : CompletableFuture.completedFuture(new Page<>(List.of(), null));
        CompletionStage<Page<DisputeRow>> cases = queries.disputes(
            new DisputeQuery(state, priority, null, null, gateway, console.pageSize(), cToken), now);
        return discrepancies.thenCombine(cases, (d, c) -> {
          Map<String, Object> m = console.model(session, console.pages().text(lang, "queues_title"));
          m.put("discrepancies", discrepancyRows(d.items(), now, lang));
          m.put("cases", caseRows(c.items(), now, lang));
          m.put("dnext", next(params, "dtoken", d.nextPageToken()));
          m.put("cnext", next(params, "ctoken", c.nextPageToken()));
          m.put("types", options(names(DiscrepancyType.values()), type));
          m.put("states", options(names(activeStates()), state));
          m.put("priorities", options(names(DisputeCategory.Priority.values()), priority));
          m.put("gateways", options(gateways, gateway));
          m.put("now", now.toEpochMilli());
          return console.pages().render("console/queues.mustache", lang, m);
        });
      });
      return Outcomes.page(page,
          failure -> console.error(session, lang, Outcomes.status(failure),
              String.valueOf(AskFailure.cause(failure).getMessage())));
    });
  }

  private List<Map<String, Object>> discrepancyRows(List<DiscrepancyRow> rows, Instant now, String lang) {
    Map<String, String> t = console.pages().strings(lang);
    List<Map<String, Object>> out = new ArrayList<>();
    for (DiscrepancyRow d : rows) {
      Map<String, Object> r = new HashMap<>();
      r.put("orderId", d.orderId());
      r.put("id", d.discrepancyId());
      r.put("type", d.type());
      r.put("gateway", d.gateway());
      r.put("expected", amount(d.expected(), d.currency(), lang));
      r.put("actual", amount(d.actual(), d.currency(), lang));
      r.put("escalation", d.escalation() > 0 ? d.escalation() : null);
      r.put("due", Countdown.of(d.detectedAt(), d.resolveBy(), now).view(now, t));
      out.add(r);
    }
    return out;
  }

  private List<Map<String, Object>> caseRows(List<DisputeRow> rows, Instant now, String lang) {
    Map<String, String> t = console.pages().strings(lang);
    List<Map.Entry<Countdown, Map<String, Object>>> active = new ArrayList<>();
    for (DisputeRow c : rows) {
      if (!c.isActive()) {
        continue;
      }
      boolean acknowledged = c.acknowledgedAt() != null;
      Countdown due = Countdown.of(c.openedAt(), acknowledged ? c.resolveBy() : c.acknowledgeBy(), now);
      Map<String, Object> r = new HashMap<>();
      r.put("id", c.disputeId());
      r.put("orderId", c.orderId());
      r.put("category", c.category());
      r.put("priority", c.priority());
      r.put("state", c.state());
      r.put("gateway", c.gateway());
      r.put("escalation", c.escalation() > 0 ? c.escalation() : null);
      r.put("acked", acknowledged);
      r.put("due", due == null ? null : due.view(now, t));
      active.add(Map.entry(due == null ? Countdown.of(now, Instant.MAX, now) : due, r));
    }
    active.sort(Comparator.comparing((Map.Entry<Countdown, Map<String, Object>> e) -> !e.getKey().overdue())
        .thenComparing(e -> e.getKey().deadline()));
    return active.stream().map(Map.Entry::getValue).toList();
  }

  private static String amount(Long minor, String currency, String lang) {
    return minor == null || currency == null ? "–" : MoneyFormat.format(minor, currency, MoneyFormat.locale(lang));
  }

  private static Lifecycle.State[] activeStates() {
    return java.util.Arrays.stream(Lifecycle.State.values()).filter(Lifecycle.State::isActive)
        .toArray(Lifecycle.State[]::new);
  }

  private static List<String> names(Enum<?>[] values) {
    return java.util.Arrays.stream(values).map(Enum::name).toList();
  }

  private static List<Map<String, Object>> options(List<String> values, String chosen) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (String v : values) {
      out.add(Map.of("value", v, "selected", v.equals(chosen)));
    }
    return out;
  }

  private static <E extends Enum<E>> String allowed(String value, Class<E> type) {
    if (value == null || value.isBlank()) {
      return null;
    }
    for (E e : type.getEnumConstants()) {
      if (e.name().equals(value)) {
        return value;
      }
    }
    return null;
  }

  private static PageToken token(String value) {
    return value == null || value.isBlank() ? null : PageToken.decode(value);
  }

  /** The link to the next page of one list, keeping the filters and the other list's page. */
  static String next(Map<String, String> params, String which, String token) {
    if (token == null) {
      return null;
    }
    Map<String, String> p = new HashMap<>(params);
    p.put(which, token);
    StringBuilder q = new StringBuilder("/console/queues?");
    p.forEach((k, v) -> q.append(encode(k)).append('=').append(encode(v)).append('&'));
    return q.substring(0, q.length() - 1);
  }

  private static String encode(String s) {
    return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
  }
}
