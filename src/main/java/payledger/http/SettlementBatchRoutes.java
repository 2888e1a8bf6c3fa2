package payledger.http;

import static org.apache.pekko.http.javadsl.server.Directives.*;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.Route;
import payledger.json.JsonFields;
import payledger.money.Money;
import payledger.settlement.BatchState;
import payledger.settlement.FindingDeadline;
import payledger.settlement.FindingSla;
import payledger.settlement.FindingStatus;
import payledger.settlement.SettlementBatch;
import payledger.settlement.SettlementBatchClient;

/**
 * A payout batch's findings as discrepancies: {@code GET /v1/settlements/batches/{gateway}/{batchId}}
 * shows each with its status, time left to its resolution deadline, SLA moments passed and
 * escalation level; {@code POST …/resolve} resolves one ({@code {findingId, actor, reason}}, role
 * finance), journaled with who and why. The batch {@code (unsettled)} holds a gateway's payments
 * that no settlement line covered.
 */
final class SettlementBatchRoutes {

  private static final Set<Role> READ = EnumSet.of(Role.FINANCE, Role.AUDITOR, Role.SUPPORT);
  private static final Set<Role> RESOLVE = EnumSet.of(Role.FINANCE);

  /** One finding as the API shows it. */
  record FindingView(String findingId, String type, String status, long line, String paymentId,
      String orderId, String method, Money expected, Money actual, String detail, Instant detectedAt,
      Instant resolveBy, long timeLeftSeconds, boolean overdue, List<FindingDeadline> slaPassed,
      int escalation, String resolvedBy, String reason, Instant resolvedAt) {

    static FindingView of(FindingStatus s, Instant now) {
      var f = s.finding();
      Duration left = FindingSla.timeLeft(s, now);
      return new FindingView(f.findingId(), f.type().name(), s.isOpen() ? "OPEN" : "RESOLVED",
          f.line(), f.paymentId(), f.orderId(), f.method(), f.expected(), f.actual(), f.detail(),
          f.detectedAt(), f.resolveBy(), left.toSeconds(), s.isOpen() && left.isNegative(),
          s.passed(), s.escalation(), s.resolvedBy(), s.reason(), s.resolvedAt());
    }
  }

  /** The batch as the API shows it: its findings in the order they were raised. */
  record BatchView(String gateway, String batchId, long open, long resolved,
      List<FindingView> findings) {

    static BatchView of(String gateway, String batchId, BatchState batch, Instant now) {
      long open = batch.all().stream().filter(FindingStatus::isOpen).count();
      return new BatchView(gateway, batchId, open, batch.all().size() - open,
          batch.all().stream().map(s -> FindingView.of(s, now)).toList());
    }
  }

  private final SettlementBatchClient batches;
  private final Clock clock;
  private final Auth auth;

  SettlementBatchRoutes(SettlementBatchClient batches, Clock clock, Auth auth) {
    this.batches = batches;
    this.clock = clock;
    this.auth = auth;
  }

  Route route() {
    return pathPrefix(segment("settlements").slash("batches").slash(segment()).slash(segment()),
        (gateway, batchId) -> concat(
            pathEnd(() -> get(() -> auth.require(READ, () -> answer(gateway, batchId,
                () -> batches.get(key(gateway, batchId)))))),
            path("resolve", () -> post(() -> auth.require(RESOLVE, () -> Json.body(body -> {
              Resolution r = resolution(body);
              return answer(gateway, batchId, () -> batches.resolve(key(gateway, batchId),
                  r.findingId(), r.actor(), r.reason()));
            }))))));
  }

  record Resolution(String findingId, String actor, String reason) {}

  /** {@code {findingId, actor, reason}}: all required, the reason is what the audit keeps. */
  static Resolution resolution(JsonNode body) {
    JsonFields f = JsonFields.root(body);
    String findingId = f.text("findingId");
    String actor = f.text("actor");
    String reason = f.text("reason");
    f.validate();
    return new Resolution(findingId, actor, reason);
  }

  private static String key(String gateway, String batchId) {
    return gateway + "/" + batchId;
  }

  private Route answer(String gateway, String batchId,
      Supplier<java.util.concurrent.CompletionStage<SettlementBatch.View>> asked) {
    return completeWithFuture(Problems.reply(asked.get(), view -> render(gateway, batchId, view)));
  }

  private HttpResponse render(String gateway, String batchId, SettlementBatch.View view) {
    return Json.response(200, BatchView.of(gateway, batchId, view.batch(), clock.instant()));
  }
}
