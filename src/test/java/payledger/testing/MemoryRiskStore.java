package payledger.testing;

import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import payledger.fraud.FraudRule;
import payledger.fraud.PaymentFact;
import payledger.fraud.RiskAssessment;
import payledger.fraud.RiskStore;
import payledger.readmodel.Listing;
import payledger.readmodel.PageToken;

/**
 * The fraud tables' assessments and histories in memory, as Cassandra orders them (newest first);
 * counts the history reads. The queue, outcome and case rows are not kept: tests that need them
 * run against Cassandra. A test may override a method to answer otherwise.
 */
public class MemoryRiskStore implements RiskStore {

  public final Map<String, RiskAssessment> assessments = new HashMap<>();
  public final Map<String, TreeSet<PaymentFact>> histories = new HashMap<>();
  public final List<String> historyReads = new ArrayList<>();

  @Override
  public synchronized CompletionStage<Optional<RiskAssessment>> assessment(String orderId) {
    return CompletableFuture.completedFuture(Optional.ofNullable(assessments.get(orderId)));
  }

  @Override
  public synchronized CompletionStage<List<PaymentFact>> history(String subject, int limit) {
    historyReads.add(subject);
    TreeSet<PaymentFact> h = histories.getOrDefault(subject, new TreeSet<>());
    return CompletableFuture.completedFuture(h.stream().limit(limit).toList());
  }

  @Override
  public synchronized CompletionStage<Done> remember(List<String> subjects, PaymentFact fact) {
    for (String s : subjects) {
      histories.computeIfAbsent(s, k -> new TreeSet<>(
          Comparator.comparing(PaymentFact::at).reversed().thenComparing(PaymentFact::key)))
          .add(fact);
    }
    return CompletableFuture.completedFuture(Done.getInstance());
  }

  @Override
  public synchronized CompletionStage<Done> save(RiskAssessment before, RiskAssessment after) {
    assessments.put(after.orderId(), after);
    return CompletableFuture.completedFuture(Done.getInstance());
  }

  @Override
  public CompletionStage<Done> caseOpened(String caseId, String orderId) {
    throw new UnsupportedOperationException();
  }

  @Override
  public CompletionStage<Optional<String>> caseOrder(String caseId) {
    throw new UnsupportedOperationException();
  }

  @Override
  public CompletionStage<Listing.Page<ReviewRow>> reviews(String queue, int limit, PageToken token,
      Instant now) {
    throw new UnsupportedOperationException();
  }

  @Override
  public CompletionStage<List<RuleOutcomes>> outcomes(List<FraudRule> rules, YearMonth from,
      YearMonth to) {
    throw new UnsupportedOperationException();
  }
}
