package payledger.vendor;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.pattern.StatusReply;
import payledger.order.AskFailure;

/**
 * The one way to ask a {@link VendorLedger}: the sharded entity, the ask timeout, and failures in
 * {@link AskFailure} terms. Callers neither build commands nor see reply refs.
 */
public final class VendorClient {

  private final ClusterSharding sharding;
  private final Duration askTimeout;

  public VendorClient(ClusterSharding sharding, Duration askTimeout) {
    this.sharding = sharding;
    this.askTimeout = askTimeout;
  }

  public CompletionStage<VendorLedger.View> get(String vendorId) {
    return ask(vendorId, VendorLedger.Get::new);
  }

  /** Registers the vendor; the same details again are a repeat, other details refused. */
  public CompletionStage<VendorLedger.View> register(String vendorId, VendorProfile profile,
      PayoutSchedule schedule, CommissionTerms terms) {
    return ask(vendorId, r -> new VendorLedger.Register(profile, schedule, terms, r));
  }

  public CompletionStage<VendorLedger.View> addTerms(String vendorId, CommissionTerms terms) {
    return ask(vendorId, r -> new VendorLedger.AddTerms(terms, r));
  }

  public CompletionStage<VendorLedger.View> setSchedule(String vendorId, PayoutSchedule schedule) {
    return ask(vendorId, r -> new VendorLedger.SetSchedule(schedule, r));
  }

  public CompletionStage<VendorLedger.View> setProfile(String vendorId, VendorProfile profile) {
    return ask(vendorId, r -> new VendorLedger.SetProfile(profile, r));
  }

  /** The vendor's cumulative part of an order; a repeat or a stale update has no effect. */
  public CompletionStage<Done> recordShare(String vendorId, ShareUpdate update) {
    return ask(vendorId, r -> new VendorLedger.RecordShare(update, r));
  }

  /** A gateway's payout event; a redelivery is acknowledged as a duplicate without effect. */
  public CompletionStage<VendorLedger.PayoutAck> recordPayout(String vendorId, PayoutEvent payout) {
    return ask(vendorId, r -> new VendorLedger.RecordPayout(payout, r));
  }

  /** A durable wake-up: whatever payout deadline is due now. */
  public CompletionStage<Done> deadlineReached(String vendorId) {
    return ask(vendorId, VendorLedger.DeadlineReached::new);
  }

  public CompletionStage<VendorLedger.View> resolvePayoutDiscrepancy(String vendorId,
      String discrepancyId, String how, String by, String note) {
    return ask(vendorId, r -> new VendorLedger.ResolvePayoutDiscrepancy(discrepancyId, how, by, note, r));
  }

  /** How a notice to the vendor ended; a repeated report has no effect. */
  public CompletionStage<Done> recordNotice(String vendorId, String discrepancyId,
      String notificationId, String channel, boolean delivered, java.time.Instant at) {
    return ask(vendorId, r -> new VendorLedger.RecordNotice(discrepancyId, notificationId, channel,
        delivered, at, r));
  }

  private <T> CompletionStage<T> ask(
      String vendorId, Function<ActorRef<StatusReply<T>>, VendorLedger.Command> command) {
    return AskFailure.typing(sharding.entityRefFor(VendorLedger.ENTITY_KEY, vendorId)
        .askWithStatus(command::apply, askTimeout));
  }
}
