package payledger.fraud;

import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import payledger.readmodel.Listing;
import payledger.readmodel.PageToken;

/**
 * The fraud tables: the payment histories the rules read, the assessments per order, the review
 * queue, the rules' outcomes and the FRAUD cases. Every write is an idempotent upsert (keyed by
 * event, order, rule or case), so the projections may replay.
 */
public interface RiskStore {

  CompletionStage<Optional<RiskAssessment>> assessment(String orderId);

  /** The newest {@code limit} payments of a subject ({@code c:}, {@code f:} or {@code e:} key). */
  CompletionStage<List<PaymentFact>> history(String subject, int limit);

  /** The payment into each subject's history. */
  CompletionStage<Done> remember(List<String> subjects, PaymentFact fact);

  /**
   * The assessment; when it is flagged, its row in the review queue (out of the one it was in
   * before, if another) and one outcome row per rule that fired.
   */
  CompletionStage<Done> save(RiskAssessment before, RiskAssessment after);

  CompletionStage<Done> caseOpened(String caseId, String orderId);

  CompletionStage<Optional<String>> caseOrder(String caseId);

  /** A review queue's rows, newest flagged first, over the months up to {@code now}. */
  CompletionStage<Listing.Page<ReviewRow>> reviews(String queue, int limit, PageToken token,
      Instant now);

  /** How each rule's flags ended, per month. */
  CompletionStage<List<RuleOutcomes>> outcomes(List<FraudRule> rules, YearMonth from, YearMonth to);

  /** An order in the review queue. */
  record ReviewRow(String orderId, String customerId, int score, String queue, List<String> rules,
      Instant flaggedAt, String caseId) {}

  /**
   * One rule in one month: the flagged orders it fired on, how many of them were confirmed as
   * fraud or cleared, and the precision of those decided (null when none was).
   */
  record RuleOutcomes(FraudRule rule, String month, long flagged, long confirmed, long notFraud) {

    public Double precision() {
      long decided = confirmed + notFraud;
      return decided == 0 ? null : (double) confirmed / decided;
    }
  }
}
