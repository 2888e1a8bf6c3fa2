package payledger.http;

import static org.apache.pekko.http.javadsl.server.Directives.*;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.RetryAfter;
import org.apache.pekko.http.javadsl.server.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import payledger.dispute.DisputeCategory;
import payledger.dispute.Lifecycle;
import payledger.order.AskFailure;
import payledger.order.DiscrepancyType;
import payledger.order.OrderStatus;
import payledger.readmodel.PageToken;
import payledger.readmodel.ReadModelQueries;
import payledger.readmodel.ReadSide;

/**
 * The lists from the read models: {@code GET /v1/orders}, {@code GET /v1/discrepancies} and
 * {@code GET /v1/disputes}, with cursor pagination ({@code limit}, {@code pageToken}); the last two
 * filter by {@code gateway} among the gateways their rows have (another is a 400). They are
 * eventually consistent: a change shows once the projections have written it (their lag is on
 * {@code GET /v1/admin/projections}).
 */
final class ReadModelRoutes {

  private static final Logger log = LoggerFactory.getLogger(ReadModelRoutes.class);
  private static final Set<Role> READ = EnumSet.of(Role.SUPPORT, Role.AUDITOR);
  private static final Set<Role> QUEUE = EnumSet.of(Role.SUPPORT);

  /** An order list without a range covers this many days up to now; at most MAX_RANGE. */
  static final Duration DEFAULT_RANGE = Duration.ofDays(30);
  static final Duration MAX_RANGE = Duration.ofDays(366);

  enum DiscrepancyStatus { OPEN, RESOLVED }

  private final Supplier<ReadSide> readSide;
  private final Clock clock;
  private final Auth auth;

  ReadModelRoutes(Supplier<ReadSide> readSide, Clock clock, Auth auth) {
    this.readSide = readSide;
    this.clock = clock;
    this.auth = auth;
  }

  // Path before method: a method checked first would answer any unknown path 405 instead of 404.
  Route route() {
    return concat(
        path("orders", () -> get(() -> auth.require(READ, () -> parameterMap(p -> orders(new QueryParams(p,
            Set.of("status", "customerId", "from", "to", "limit", "pageToken"))))))),
        path("discrepancies", () -> get(() -> auth.require(QUEUE, () -> parameterMap(p -> discrepancies(
            new QueryParams(p, Set.of("status", "type", "overdue", "gateway", "limit", "pageToken"))))))),
        path("disputes", () -> get(() -> auth.require(READ, () -> parameterMap(p -> disputes(new QueryParams(p,
            Set.of("state", "priority", "overdue", "orderId", "gateway", "limit", "pageToken"))))))));
  }

  private Route orders(QueryParams q) {
    String status = q.oneOf("status", OrderStatus.class);
    String customerId = q.text("customerId");
    Instant to = q.instant("to", true);
    Instant from = q.instant("from", false);
    int limit = q.limit();
    PageToken token = q.pageToken();
    Instant end = to != null ? to : clock.instant();
    Instant start = from != null ? from : end.minus(DEFAULT_RANGE);
    if (start.isAfter(end)) {
      q.error("from", "must not be after to");
    } else if (customerId == null && Duration.between(start, end).compareTo(MAX_RANGE) > 0) {
      q.error("from", "the range may span at most 366 days (or filter by customerId)");
    }
    q.validate();
    return answer(() -> readSide.get().queries().orders(
        new ReadModelQueries.OrderQuery(status, customerId, start, end, limit, token)).thenApply(ReadModelRoutes::ok));
  }

  private Route discrepancies(QueryParams q) {
    String status = q.oneOf("status", DiscrepancyStatus.class);
    String type = q.oneOf("type", DiscrepancyType.class);
    Boolean overdue = q.bool("overdue");
    String gateway = gateway(q);
    int limit = q.limit();
    PageToken token = q.pageToken();
    q.validate();
    return answer(() -> ofKnownGateway(gateway, () -> readSide.get().queries().discrepancies(
        new ReadModelQueries.DiscrepancyQuery("RESOLVED".equals(status), type, overdue, gateway, limit, token),
        clock.instant()).thenApply(ReadModelRoutes::ok)));
  }

  private Route disputes(QueryParams q) {
    String state = q.oneOf("state", Lifecycle.State.class);
    String priority = q.oneOf("priority", DisputeCategory.Priority.class);
    Boolean overdue = q.bool("overdue");
    String orderId = q.text("orderId");
    String gateway = gateway(q);
    int limit = q.limit();
    PageToken token = q.pageToken();
    q.validate();
    return answer(() -> ofKnownGateway(gateway, () -> readSide.get().queries().disputes(
        new ReadModelQueries.DisputeQuery(state, priority, overdue, orderId, gateway, limit, token),
        clock.instant()).thenApply(ReadModelRoutes::ok)));
  }

  /** Gateway names are lower case wherever they are recorded. */
  private static String gateway(QueryParams q) {
    String gateway = q.text("gateway");
    return gateway == null ? null : gateway.toLowerCase(Locale.ROOT);
  }

  /**
   * The list, when {@code gateway} is null or one the lists have seen ({@link
   * ReadModelQueries#gateways}); else a 400 that names those.
   */
  private CompletionStage<HttpResponse> ofKnownGateway(String gateway,
      Supplier<CompletionStage<HttpResponse>> list) {
    if (gateway == null) {
      return list.get();
    }
    return readSide.get().queries().gateways().thenCompose(known -> known.contains(gateway) ? list.get()
        : CompletableFuture.completedFuture(Problems.response(Problem.invalid(List.of(new Problem.FieldError(
            "gateway", "is not the gateway of any discrepancy or case; known: " + known))))));
  }

  /** 200 with the page; 400 for a token of another query; 503 when Cassandra does not answer. */
  static Route answer(Supplier<CompletionStage<HttpResponse>> query) {
    try {
      return completeWithFuture(query.get().handle((response, failure) -> failure == null ? response
          : AskFailure.cause(failure) instanceof PageToken.Invalid e ? invalidToken(e) : failed(failure)));
    } catch (PageToken.Invalid e) {
      return complete(invalidToken(e));
    }
  }

  private static HttpResponse invalidToken(PageToken.Invalid e) {
    return Problems.response(Problem.invalid(List.of(new Problem.FieldError("pageToken", e.getMessage()))));
  }

  private static HttpResponse ok(Object page) {
    return Json.response(200, page);
  }

  static HttpResponse failed(Throwable failure) {
    Throwable cause = AskFailure.cause(failure);
    log.warn("Read model query failed: {}", cause.toString());
    return Problems.response(Problem.of(503, "unavailable", "Service unavailable",
        "the read models could not be read; retry later")).addHeader(RetryAfter.create(5L));
  }
}
