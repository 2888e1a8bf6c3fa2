package payledger.http;

import static org.apache.pekko.http.javadsl.server.Directives.*;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.server.Route;
import payledger.fraud.FraudRule;
import payledger.fraud.FraudSettings;
import payledger.fraud.RiskAssessment;
import payledger.fraud.RiskStore;
import payledger.json.JsonFields;
import payledger.order.PaymentEvent;

/**
 * The fraud read side: an order's risk assessment ({@code GET /v1/orders/{orderId}/risk}), the
 * review queue ({@code GET /v1/risk/reviews}) and the rules' precision by month
 * ({@code GET /v1/risk/rules}). Eventually consistent, like every list: the fraud-risk projection
 * writes them.
 */
final class RiskRoutes {

  private static final Set<Role> READ = EnumSet.of(Role.SUPPORT, Role.AUDITOR);
  /** The review queue's queues: flagged orders by status, then by their case's verdict. */
  enum Queue { REVIEW, CASE, CONFIRMED, NOT_FRAUD }

  static final int DEFAULT_MONTHS = 6;
  static final int MAX_MONTHS = 24;

  private final Supplier<RiskStore> store;
  private final FraudSettings settings;
  private final Clock clock;
  private final Auth auth;

  RiskRoutes(Supplier<RiskStore> store, FraudSettings settings, Clock clock, Auth auth) {
    this.store = store;
    this.settings = settings;
    this.clock = clock;
    this.auth = auth;
  }

  Route route() {
    Route risk = pathPrefix(segment(), orderId -> path("risk",
        () -> get(() -> auth.require(READ, () -> assessment(orderId)))));
    Route reviews = path("reviews", () -> get(() -> auth.require(READ, () -> parameterMap(p ->
        reviews(new QueryParams(p, Set.of("status", "limit", "pageToken")))))));
    Route rules = path("rules", () -> get(() -> auth.require(READ, () -> parameterMap(p ->
        rules(new QueryParams(p, Set.of("from", "to")))))));
    return concat(pathPrefix("orders", () -> risk), pathPrefix("risk", () -> concat(reviews, rules)));
  }

  /** Order ids, and the {@code ~gateway:payment} ids of payments held without an order. */
  private Route assessment(String orderId) {
    String id = orderId.startsWith("~") ? orderId.substring(1) : orderId;
    if (!JsonFields.ID.matcher(id).matches()) {
      return complete(Problems.response(Problem.of(404, "not-found", "Not found", "no such order")));
    }
    // The projection keeps a registered order's customer before any payment: not assessed yet.
    return ReadModelRoutes.answer(() -> store.get().assessment(orderId).thenApply(found -> found
        .filter(a -> a.updatedAt() != null)
        .map(a -> Json.response(200, view(a)))
        .orElseGet(() -> Problems.response(Problem.of(404, "not-found", "Not found",
            "no risk assessment for this order: no payment of it has been assessed yet")))));
  }

  private Route reviews(QueryParams q) {
    String status = q.oneOf("status", Queue.class);
    int limit = q.limit();
    var token = q.pageToken();
    q.validate();
    Instant now = clock.instant();
    return ReadModelRoutes.answer(() -> store.get()
        .reviews(status == null ? Queue.REVIEW.name() : status, limit, token, now)
        .thenApply(page -> Json.response(200, page)));
  }

  private Route rules(QueryParams q) {
    YearMonth to = month(q, "to");
    YearMonth from = month(q, "from");
    YearMonth end = to != null ? to : YearMonth.from(clock.instant().atZone(ZoneOffset.UTC));
    YearMonth start = from != null ? from : end.minusMonths(DEFAULT_MONTHS - 1);
    if (start.isAfter(end)) {
      q.error("from", "must not be after to");
    } else if (start.plusMonths(MAX_MONTHS - 1).isBefore(end)) {
      q.error("from", "the range may span at most " + MAX_MONTHS + " months");
    }
    q.validate();
    return ReadModelRoutes.answer(() -> store.get().outcomes(List.of(FraudRule.values()), start, end)
        .thenApply(rows -> Json.response(200, precision(rows, start, end))));
  }

  private static YearMonth month(QueryParams q, String name) {
    String v = q.text(name);
    if (v == null) {
      return null;
    }
    try {
      return YearMonth.parse(v);
    } catch (DateTimeParseException e) {
      q.error(name, "must be a month such as 2026-11");
      return null;
    }
  }

  record Thresholds(int reviewScore, int caseScore) {}

  record ReasonView(FraudRule rule, int weight, String detail) {}

  record GatewayRisk(PaymentEvent.RiskLevel level, Integer score, String label) {}

  record RiskView(String orderId, String customerId, int score, String status,
      List<ReasonView> reasons, GatewayRisk gatewayRisk, Instant flaggedAt, Instant updatedAt,
      String caseId, String verdict, Instant verdictAt, Thresholds thresholds) {}

  private RiskView view(RiskAssessment a) {
    PaymentEvent.Risk r = a.gatewayRisk();
    return new RiskView(a.orderId(), a.customerId(), a.score(), a.status().name(),
        a.reasons().stream().map(x -> new ReasonView(x.rule(), x.weight(), x.detail())).toList(),
        r == null ? null : new GatewayRisk(r.level(), r.score(), r.label()), a.flaggedAt(),
        a.updatedAt(), a.caseId(), a.verdict() == null ? null : a.verdict().name(), a.verdictAt(),
        new Thresholds(settings.reviewScore(), settings.caseScore()));
  }

  record Period(String month, long flagged, long confirmed, long notFraud, Double precision) {}

  record RuleView(FraudRule rule, int weight, long flagged, long confirmed, long notFraud,
      Double precision, List<Period> months) {}

  record RulesView(String from, String to, List<RuleView> rules) {}

  private RulesView precision(List<RiskStore.RuleOutcomes> rows, YearMonth from, YearMonth to) {
    Map<FraudRule, List<RiskStore.RuleOutcomes>> byRule = new LinkedHashMap<>();
    rows.forEach(r -> byRule.computeIfAbsent(r.rule(), k -> new ArrayList<>()).add(r));
    List<RuleView> rules = new ArrayList<>();
    byRule.forEach((rule, months) -> {
      long flagged = months.stream().mapToLong(RiskStore.RuleOutcomes::flagged).sum();
      long confirmed = months.stream().mapToLong(RiskStore.RuleOutcomes::confirmed).sum();
      long notFraud = months.stream().mapToLong(RiskStore.RuleOutcomes::notFraud).sum();
      rules.add(new RuleView(rule, settings.weight(rule), flagged, confirmed, notFraud,
          confirmed + notFraud == 0 ? null : (double) confirmed / (confirmed + notFraud),
          months.stream().map(m -> new Period(m.month(), m.flagged(), m.confirmed(), m.notFraud(),
              m.precision())).toList()));
    });
    return new RulesView(from.toString(), to.toString(), rules);
  }
}
