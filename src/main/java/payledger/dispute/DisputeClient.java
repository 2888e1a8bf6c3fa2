package payledger.dispute;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.pattern.StatusReply;
import payledger.order.AskFailure;
import payledger.order.DeliveryReport;

/**
 * The one way to ask a {@link Dispute}: the sharded entity, the ask timeout, and failures in
 * {@link AskFailure} terms (a refusal is {@link AskFailure.Refused}, no answer in time
 * {@link AskFailure.Unavailable}). Callers neither build commands nor see reply refs.
 */
public final class DisputeClient {

  private final ClusterSharding sharding;
  private final Duration askTimeout;

  public DisputeClient(ClusterSharding sharding, Duration askTimeout) {
    this.sharding = sharding;
    this.askTimeout = askTimeout;
  }

  public CompletionStage<Dispute.View> get(String disputeId) {
    return ask(disputeId, Dispute.Get::new);
  }

  /** Opens the case; the same details again are a repeat (not changed), other details refused. */
  public CompletionStage<Dispute.View> open(String disputeId, CaseDetails details) {
    return ask(disputeId, replyTo -> new Dispute.Open(details, replyTo));
  }

  /** A case about a vendor (and one of its payout discrepancies, or none). */
  public CompletionStage<Dispute.View> openForVendor(String disputeId, CaseDetails details,
      String vendorId, String payoutDiscrepancyId) {
    return ask(disputeId, replyTo -> new Dispute.OpenForVendor(details, vendorId,
        payoutDiscrepancyId, replyTo));
  }

  /** A step of the case's lifecycle; refused (with the allowed ones) when its state forbids it. */
  public CompletionStage<Dispute.View> act(
      String disputeId, Lifecycle.Action action, String actor, String text) {
    return ask(disputeId, replyTo -> new Dispute.Act(action, actor, text, replyTo));
  }

  public CompletionStage<Dispute.View> resolve(String disputeId, CaseResolution resolution) {
    return ask(disputeId, replyTo -> new Dispute.Resolve(resolution, replyTo));
  }

  public CompletionStage<Dispute.View> feedback(String disputeId, int csat, String comment) {
    return ask(disputeId, replyTo -> new Dispute.Feedback(csat, comment, replyTo));
  }

  /** A gateway's decision on a chargeback. */
  public CompletionStage<Dispute.View> recordOutcome(
      String disputeId, DisputeEvent.GatewayDecided.Outcome outcome) {
    return ask(disputeId, replyTo -> new Dispute.RecordOutcome(outcome, replyTo));
  }

  public CompletionStage<Done> recordCustomerNotified(String disputeId, DeliveryReport report) {
    return ask(disputeId, replyTo -> new Dispute.RecordCustomerNotified(report, replyTo));
  }

  /** From the deadline scheduler: a wake-up the case asked for is due. */
  public CompletionStage<Done> deadlineReached(String disputeId) {
    return AskFailure.typing(sharding.entityRefFor(Dispute.ENTITY_KEY, disputeId)
        .ask(Dispute.DeadlineReached::new, askTimeout));
  }

  private <T> CompletionStage<T> ask(
      String disputeId, Function<ActorRef<StatusReply<T>>, Dispute.Command> command) {
    return AskFailure.typing(sharding.entityRefFor(Dispute.ENTITY_KEY, disputeId)
        .askWithStatus(command::apply, askTimeout));
  }
}
