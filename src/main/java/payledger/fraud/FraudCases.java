package payledger.fraud;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import payledger.dispute.CaseDetails;
import payledger.dispute.CaseOpening;
import payledger.dispute.DisputeCategory;
import payledger.dispute.DisputeClient;
import payledger.dispute.DisputeIds;
import payledger.order.AskFailure;
import payledger.order.Rejection;

/**
 * Opens the FRAUD case of an order, once however often it is asked: the case id is derived from
 * the order id, and an open that finds the case already there (with these details or, after a
 * retry or replay, others) leaves it as it is. A case for an order goes through
 * {@link CaseOpening} (for the order's customer); a payment held without an order, or an order not
 * registered yet, gets a case about its customer alone.
 */
public final class FraudCases {

  /** Who the cases say opened them. */
  public static final String OPENED_BY = CaseDetails.MONITORING;

  private final CaseOpening opening;
  private final DisputeClient disputes;

  public FraudCases(CaseOpening opening, DisputeClient disputes) {
    this.opening = opening;
    this.disputes = disputes;
  }

  public static String caseId(String orderId) {
    return DisputeIds.fromSeed("fraud:" + orderId);
  }

  /** The case's id once it is open (now or before). */
  public CompletionStage<String> open(RiskAssessment a, boolean held) {
    String id = caseId(a.orderId());
    String rules = a.reasons().stream().map(r -> r.rule().name()).collect(Collectors.joining(", "));
    String description = "Payment risk rules flagged " + (held ? "payments held without an order ("
        + a.orderId() + ")" : "this order") + " at score " + a.score() + ": " + rules
        + ". The reasons are on GET /v1/orders/{orderId}/risk; resolve with a reason starting"
        + " 'fraud' or 'not fraud' to record the verdict.";
    CaseDetails forCustomer = new CaseDetails(null, a.customerId(), DisputeCategory.FRAUD,
        description, null, CaseDetails.Source.SUPPORT, null, null, null, OPENED_BY);
    CompletionStage<?> opened = held
        ? disputes.open(id, forCustomer)
        : opening.open(id, new CaseDetails(a.orderId(), null, DisputeCategory.FRAUD, description,
            null, CaseDetails.Source.SUPPORT, null, null, null, OPENED_BY))
            .exceptionallyCompose(failure -> notRegistered(failure)
                ? disputes.open(id, forCustomer).thenApply(v -> null)
                : CompletableFuture.failedFuture(failure));
    return opened.handle((ok, failure) -> {
      if (failure == null || refused(failure, Rejection.CONFLICT)) {
        return id;
      }
      throw new IllegalStateException("the FRAUD case " + id + " could not be opened",
          AskFailure.cause(failure));
    });
  }

  private static boolean notRegistered(Throwable failure) {
    return refused(failure, Rejection.NOT_FOUND);
  }

  private static boolean refused(Throwable failure, Rejection rejection) {
    return AskFailure.cause(failure) instanceof AskFailure.Refused refused
        && refused.rejection() == rejection;
  }
}
