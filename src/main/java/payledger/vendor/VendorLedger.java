package payledger.vendor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;
import payledger.chain.ChainAdapter;
import payledger.chain.HashChain;
import payledger.order.Rejection;
import payledger.serialization.CborSerializable;
import payledger.vendor.VendorEvent.*;

/**
 * One marketplace vendor's ledger: who it is, its commission terms and payout schedule, and its
 * balance, moved by its part of every order it sells in.
 *
 * <p>Commands: {@link Register}, {@link Get} (found once the vendor has any event: an order may
 * credit a vendor before it is registered), {@link AddTerms} (effective-dated: from now on, never earlier),
 * {@link SetSchedule}, {@link Get}, and {@link RecordShare} from the vendor-shares projection
 * ({@link VendorShares}): the vendor's cumulative part of an order after one of the order's events.
 * A share update is applied once: one with an order sequence number not above the last applied for
 * that order is a repeat or stale, and is answered without effect. What it books is pure
 * ({@link VendorState#shareMoved}): the commission under the terms in effect when the order
 * settled (kept for the order's later refunds), the payout date fixed then.
 *
 * <p>Events: {@link VendorEvent}; {@link PayoutRecorded} is ready for payout reconciliation. The
 * journal holds each event in the vendor's hash chain ({@link ChainAdapter}), like orders and
 * disputes; the state keeps the last hash.
 */
public final class VendorLedger
    extends EventSourcedBehaviorWithEnforcedReplies<VendorLedger.Command, VendorEvent, VendorState> {

  public static final EntityTypeKey<Command> ENTITY_KEY =
      EntityTypeKey.create(Command.class, "VendorLedger");

  /** Fixed for the life of the data, like {@code OrderLedger.TAGS}. */
  public static final List<String> TAGS = List.of("vendors-0", "vendors-1", "vendors-2", "vendors-3");

  private static final int SNAPSHOT_EVERY = 100;

  public sealed interface Command extends CborSerializable {}

  /** @param terms the first commission terms (from now on when their date is earlier), or null */
  public record Register(VendorProfile profile, PayoutSchedule schedule, CommissionTerms terms,
      ActorRef<StatusReply<View>> replyTo) implements Command {}

  public record AddTerms(CommissionTerms terms, ActorRef<StatusReply<View>> replyTo)
      implements Command {}

  public record SetSchedule(PayoutSchedule schedule, ActorRef<StatusReply<View>> replyTo)
      implements Command {}

  public record Get(ActorRef<StatusReply<View>> replyTo) implements Command {}

  public record RecordShare(ShareUpdate update, ActorRef<StatusReply<Done>> replyTo)
      implements Command {}

  /** @param changed false when the command was a repeat with no effect (200 rather than 201) */
  public record View(VendorState vendor, boolean changed) implements CborSerializable {}

  public static void init(ActorSystem<?> system, Clock clock) {
    ClusterSharding.get(system).init(Entity.of(ENTITY_KEY, ctx -> create(ctx.getEntityId(), clock)));
  }

  public static Behavior<Command> create(String vendorId, Clock clock) {
    return new VendorLedger(vendorId, clock);
  }

  static String tagFor(String vendorId) {
    return TAGS.get(Math.floorMod(vendorId.hashCode(), TAGS.size()));
  }

  private final String vendorId;
  private final Clock clock;
  private final ChainAdapter<VendorEvent> chain = new ChainAdapter<>(VendorEvent.class);

  private VendorLedger(String vendorId, Clock clock) {
    super(PersistenceId.of(ENTITY_KEY.name(), vendorId),
        SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(5), 0.2));
    this.vendorId = vendorId;
    this.clock = clock;
  }

  @Override
  public VendorState emptyState() {
    return VendorState.empty(vendorId);
  }

  @Override
  public CommandHandlerWithReply<Command, VendorEvent, VendorState> commandHandler() {
    return newCommandHandlerWithReplyBuilder()
        .forAnyState()
        .onCommand(Register.class, this::onRegister)
        .onCommand(AddTerms.class, this::onAddTerms)
        .onCommand(SetSchedule.class, this::onSetSchedule)
        .onCommand(Get.class, (v, cmd) ->
            Effect().reply(cmd.replyTo(), v.lastHash() != null ? view(v, false) : notFound()))
        .onCommand(RecordShare.class, this::onRecordShare)
        .build();
  }

  private ReplyEffect<VendorEvent, VendorState> onRegister(VendorState v, Register cmd) {
    Instant now = clock.instant();
    CommissionTerms terms = cmd.terms() == null ? null : fromNowOn(cmd.terms(), now);
    if (v.isRegistered()) {
      boolean same = v.profile().equals(cmd.profile()) && v.schedule().equals(cmd.schedule())
          && (cmd.terms() == null || v.terms().stream().anyMatch(t -> t.sameRates(cmd.terms())));
      return Effect().reply(cmd.replyTo(), same ? view(v, false)
          : StatusReply.error(Rejection.CONFLICT.message("vendor " + vendorId
              + " is registered with other details; change its terms or schedule instead")));
    }
    return Effect().persist(new VendorRegistered(vendorId, cmd.profile(), cmd.schedule(), terms, now))
        .thenReply(cmd.replyTo(), s -> view(s, true));
  }

  private ReplyEffect<VendorEvent, VendorState> onAddTerms(VendorState v, AddTerms cmd) {
    if (!v.isRegistered()) {
      return Effect().reply(cmd.replyTo(), notFound());
    }
    if (v.terms().contains(cmd.terms())) {
      return Effect().reply(cmd.replyTo(), view(v, false));
    }
    Instant now = clock.instant();
    if (cmd.terms().effectiveFrom().isBefore(now)) {
      return Effect().reply(cmd.replyTo(), StatusReply.error(Rejection.CONFLICT.message(
          "new terms apply from now on (" + now + "), never to the past: effectiveFrom "
              + cmd.terms().effectiveFrom() + " is earlier")));
    }
    CommissionTerms last = v.terms().isEmpty() ? null : v.terms().get(v.terms().size() - 1);
    if (last != null && !cmd.terms().effectiveFrom().isAfter(last.effectiveFrom())) {
      return Effect().reply(cmd.replyTo(), StatusReply.error(Rejection.CONFLICT.message(
          "terms from " + last.effectiveFrom() + " are already scheduled; new terms must start later")));
    }
    return Effect().persist(new CommissionTermsAdded(vendorId, cmd.terms(), now))
        .thenReply(cmd.replyTo(), s -> view(s, true));
  }

  private ReplyEffect<VendorEvent, VendorState> onSetSchedule(VendorState v, SetSchedule cmd) {
    if (!v.isRegistered()) {
      return Effect().reply(cmd.replyTo(), notFound());
    }
    if (v.schedule().equals(cmd.schedule())) {
      return Effect().reply(cmd.replyTo(), view(v, false));
    }
    return Effect().persist(new PayoutScheduleChanged(vendorId, cmd.schedule(), clock.instant()))
        .thenReply(cmd.replyTo(), s -> view(s, true));
  }

  private ReplyEffect<VendorEvent, VendorState> onRecordShare(VendorState v, RecordShare cmd) {
    return v.shareMoved(cmd.update())
        .map(moved -> Effect().persist((VendorEvent) moved)
            .thenReply(cmd.replyTo(), s -> StatusReply.success(Done.getInstance())))
        .orElseGet(() -> Effect().reply(cmd.replyTo(), StatusReply.success(Done.getInstance())));
  }

  /** Terms dated earlier than now start now: terms never reach into the past. */
  private static CommissionTerms fromNowOn(CommissionTerms terms, Instant now) {
    return terms.effectiveFrom().isBefore(now)
        ? new CommissionTerms(now, terms.basisPoints(), terms.fixedPerLine(), terms.fixedCurrency()) : terms;
  }

  private StatusReply<View> notFound() {
    return StatusReply.error(Rejection.NOT_FOUND.message("no vendor " + vendorId));
  }

  private static StatusReply<View> view(VendorState v, boolean changed) {
    return StatusReply.success(new View(v, changed));
  }

  @Override
  public SignalHandler<VendorState> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(RecoveryCompleted.instance(), v -> chain.resume(v.lastHash()))
        .build();
  }

  @Override
  public EventHandler<VendorState, VendorEvent> eventHandler() {
    return newEventHandlerBuilder().forAnyState()
        .onAnyEvent((v, event) -> HashChain.follow(v, event, VendorState::apply));
  }

  @Override
  public ChainAdapter<VendorEvent> eventAdapter() {
    return chain;
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(SNAPSHOT_EVERY, 2);
  }

  @Override
  public Set<String> tagsFor(VendorEvent event) {
    return Set.of(tagFor(event.vendorId()));
  }
}
