package payledger.gateway;

import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import payledger.dispute.CaseDetails;
import payledger.dispute.DisputeCategory;
import payledger.dispute.DisputeClient;
import payledger.dispute.DisputeEvent.GatewayDecided;
import payledger.dispute.DisputeIds;
import payledger.order.AskFailure;
import payledger.order.PaymentEvent;
import payledger.order.Rejection;

/**
 * Opens the case for a gateway dispute and records the gateway's decision. The case id comes from
 * the gateway's dispute id, so every webhook about one dispute reaches the same case; a webhook is
 * acknowledged only once the case has it (the gateway redelivers otherwise).
 */
final class GatewayDisputes {

  private final DisputeClient cases;

  GatewayDisputes(DisputeClient cases) {
    this.cases = cases;
  }

  public static String caseId(GatewayDispute dispute) {
    return DisputeIds.fromSeed(dispute.gateway() + ":" + dispute.disputeRef());
  }

  public CompletionStage<Void> apply(GatewayDispute dispute, PaymentEvent event) {
    String caseId = caseId(dispute);
    CaseDetails details = new CaseDetails(event.orderId(), event.customerId(),
        dispute.isFraud() ? DisputeCategory.FRAUD : DisputeCategory.CHARGEBACK,
        dispute.gateway() + " dispute " + dispute.disputeRef()
            + (dispute.reason() == null ? "" : ": " + dispute.reason()),
        dispute.amount(), CaseDetails.Source.GATEWAY, dispute.disputeRef(), null,
        dispute.evidenceDueBy(), dispute.gateway());
    CompletionStage<Void> opened = alreadyOpenIsFine(cases.open(caseId, details));
    if (dispute.outcome() == null) {
      return opened;
    }
    GatewayDecided.Outcome outcome = GatewayDecided.Outcome.valueOf(dispute.outcome());
    return opened.thenCompose(done -> alreadyOpenIsFine(cases.recordOutcome(caseId, outcome)));
  }

  /**
   * A later webhook of the same dispute may carry other details (an updated amount or deadline):
   * the case keeps what it was opened with, and the webhook is still acknowledged.
   */
  private static CompletionStage<Void> alreadyOpenIsFine(CompletionStage<?> asked) {
    return asked.handle((done, failure) -> {
      if (failure == null) {
        return null;
      }
      if (AskFailure.cause(failure) instanceof AskFailure.Refused refused
          && refused.rejection() == Rejection.CONFLICT) {
        return null;
      }
      throw failure instanceof CompletionException c ? c : new CompletionException(failure);
    });
  }
}
