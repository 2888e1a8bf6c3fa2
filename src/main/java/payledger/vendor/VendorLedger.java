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
 * {@link SetSchedule}, {@link SetProfile}, {@link Get}, and {@link RecordShare} from the vendor-shares projection
 * ({@link VendorShares}): the vendor's cumulative part of an order after one of the order's events.
 * A share update is applied once: one with an order sequence number not above the last applied for
 * that order is a repeat or stale, and is answered without effect. What it books is pure
 * ({@link VendorState#shareMoved}): the commission under the terms in effect when the order
 * settled (kept for the order's later refunds), the payout date fixed then.
 *
 * <p>Payout events ({@link RecordPayout}) are matched against what the vendor was due
 * ({@link PayoutMatching}); durable wake-ups ({@link DeadlineReached}) find missing payouts and
 * pass the discrepancies' notice, warning and resolution deadlines; {@link RecordNotice} keeps how
 * each notice to the vendor ended.
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

  /** A new profile (name, contact, channels, language) for a registered vendor. */
  public record SetProfile(VendorProfile profile, ActorRef<StatusReply<View>> replyTo)
      implements Command {}

  public record Get(ActorRef<StatusReply<View>> replyTo) implements Command {}

  public record RecordShare(ShareUpdate update, ActorRef<StatusReply<Done>> replyTo)
      implements Command {}

  /** A gateway's payout event: recorded once per (gateway, eventId), matched against the period. */
  public record RecordPayout(PayoutEvent payout, ActorRef<StatusReply<PayoutAck>> replyTo)
      implements Command {}

  /** A durable wake-up: missing payouts, warnings and escalations that are due now. Idempotent. */
  public record DeadlineReached(ActorRef<StatusReply<Done>> replyTo) implements Command {}

  /**
   * How a notice to the vendor about discrepancy {@code discrepancyId} ended, as the notification
   * delivery reports it: recorded once per {@code notificationId} (a repeated report has no effect).
   *
   * @param channel the channel it was delivered on, or null when none delivered it
   */
  public record RecordNotice(String discrepancyId, String notificationId, String channel,
      boolean delivered, Instant at, ActorRef<StatusReply<Done>> replyTo) implements Command {}

  /** @param how PAID_OUT, RECOVERED, ACCEPTED or WRITTEN_OFF */
  public record ResolvePayoutDiscrepancy(String discrepancyId, String how, String by, String note,
      ActorRef<StatusReply<View>> replyTo) implements Command {}

  /**
   * @param duplicate true for a redelivery of an event already recorded (no second effect)
   * @param found the discrepancies this event raised (none for a matched payout or a repeat)
   */
  public record PayoutAck(String vendorId, PayoutEvent payout, boolean duplicate,
      List<PayoutDiscrepancy> found) implements CborSerializable {}

  /** The ways an agent resolves a payout discrepancy ({@code AUTO_MATCHED} is the ledger's own). */
  public static final Set<String> RESOLUTIONS = Set.of("PAID_OUT", "RECOVERED", "ACCEPTED", "WRITTEN_OFF");

  /** @param changed false when the command was a repeat with no effect (200 rather than 201) */
  public record View(VendorState vendor, boolean changed) implements CborSerializable {}

  public static void init(ActorSystem<?> system, Clock clock) {
    PayoutSettings payouts = PayoutSettings.from(system.settings().config());
    ClusterSharding.get(system).init(Entity.of(ENTITY_KEY,
        ctx -> create(ctx.getEntityId(), clock, payouts)));
  }

  public static Behavior<Command> create(String vendorId, Clock clock) {
    return create(vendorId, clock, PayoutSettings.DEFAULT);
  }

  public static Behavior<Command> create(String vendorId, Clock clock, PayoutSettings payouts) {
    return new VendorLedger(vendorId, clock, payouts);
  }

  public static String tagFor(String vendorId) {
    return TAGS.get(Math.floorMod(vendorId.hashCode(), TAGS.size()));
  }

  private final String vendorId;
  private final Clock clock;
  private final PayoutSettings payouts;
  private final ChainAdapter<VendorEvent> chain = new ChainAdapter<>(VendorEvent.class);

  private VendorLedger(String vendorId, Clock clock, PayoutSettings payouts) {
    super(PersistenceId.of(ENTITY_KEY.name(), vendorId),
        SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(5), 0.2));
    this.vendorId = vendorId;
    this.clock = clock;
    this.payouts = payouts;
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
        .onCommand(SetProfile.class, this::onSetProfile)
        .onCommand(Get.class, (v, cmd) ->
            Effect().reply(cmd.replyTo(), v.lastHash() != null ? view(v, false) : notFound()))
        .onCommand(RecordShare.class, this::onRecordShare)
        .onCommand(RecordPayout.class, this::onRecordPayout)
        .onCommand(DeadlineReached.class, this::onDeadlineReached)
        .onCommand(ResolvePayoutDiscrepancy.class, this::onResolve)
        .onCommand(RecordNotice.class, this::onRecordNotice)
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

  private ReplyEffect<VendorEvent, VendorState> onSetProfile(VendorState v, SetProfile cmd) {
    if (!v.isRegistered()) {
      return Effect().reply(cmd.replyTo(), notFound());
    }
    if (v.profile().equals(cmd.profile())) {
      return Effect().reply(cmd.replyTo(), view(v, false));
    }
    return Effect().persist(new VendorProfileChanged(vendorId, cmd.profile(), clock.instant()))
        .thenReply(cmd.replyTo(), s -> view(s, true));
  }

  private ReplyEffect<VendorEvent, VendorState> onRecordShare(VendorState v, RecordShare cmd) {
    return v.shareMoved(cmd.update())
        .map(moved -> Effect().persist((VendorEvent) moved)
            .thenReply(cmd.replyTo(), s -> StatusReply.success(Done.getInstance())))
        .orElseGet(() -> Effect().reply(cmd.replyTo(), StatusReply.success(Done.getInstance())));
  }

  private ReplyEffect<VendorEvent, VendorState> onRecordPayout(VendorState v, RecordPayout cmd) {
    PayoutEvent p = cmd.payout();
    if (v.lastHash() == null) {
      return Effect().reply(cmd.replyTo(), StatusReply.error(
          Rejection.NOT_FOUND.message("no vendor " + vendorId)));
    }
    PayoutEvent seen = v.payouts().events().get(p.key());
    if (seen != null) {
      return Effect().reply(cmd.replyTo(), seen.equals(p)
          ? StatusReply.success(new PayoutAck(vendorId, seen, true, List.of()))
          : StatusReply.error(Rejection.CONFLICT.message("payout event " + p.eventId() + " of "
              + p.gateway() + " was recorded with other content")));
    }
    List<VendorEvent> events = PayoutMatching.record(v, p, clock.instant(), payouts);
    List<PayoutDiscrepancy> found = events.stream()
        .filter(e -> e instanceof PayoutDiscrepancyFound)
        .map(e -> ((PayoutDiscrepancyFound) e).discrepancy()).toList();
    return Effect().persist(events)
        .thenReply(cmd.replyTo(), s -> StatusReply.success(new PayoutAck(vendorId, p, false, found)));
  }

  private ReplyEffect<VendorEvent, VendorState> onDeadlineReached(VendorState v, DeadlineReached cmd) {
    List<VendorEvent> events = PayoutMatching.wake(v, clock.instant(), payouts);
    return Effect().persist(events)
        .thenReply(cmd.replyTo(), s -> StatusReply.success(Done.getInstance()));
  }

  private ReplyEffect<VendorEvent, VendorState> onResolve(VendorState v, ResolvePayoutDiscrepancy cmd) {
    PayoutDiscrepancy d = v.payouts().discrepancy(cmd.discrepancyId());
    if (d == null) {
      return Effect().reply(cmd.replyTo(), StatusReply.error(Rejection.NOT_FOUND.message(
          "no payout discrepancy " + cmd.discrepancyId() + " for vendor " + vendorId)));
    }
    if (!d.isOpen()) {
      boolean same = d.resolution().how().equals(cmd.how()) && d.resolution().by().equals(cmd.by());
      return Effect().reply(cmd.replyTo(), same ? view(v, false)
          : StatusReply.error(Rejection.CONFLICT.message("payout discrepancy " + d.id()
              + " was already resolved as " + d.resolution().how())));
    }
    return Effect().persist(new PayoutDiscrepancyResolved(vendorId, d.id(),
            new PayoutDiscrepancy.Resolution(cmd.how(), cmd.by(), cmd.note(), clock.instant())))
        .thenReply(cmd.replyTo(), s -> view(s, true));
  }

  /** A repeat, or a notice of a discrepancy this ledger does not hold, has no effect. */
  private ReplyEffect<VendorEvent, VendorState> onRecordNotice(VendorState v, RecordNotice cmd) {
    if (v.payouts().notices().containsKey(cmd.notificationId())
        || v.payouts().discrepancy(cmd.discrepancyId()) == null) {
      return Effect().reply(cmd.replyTo(), StatusReply.success(Done.getInstance()));
    }
    return Effect().persist(new VendorNoticeRecorded(vendorId, cmd.discrepancyId(),
            cmd.notificationId(), cmd.channel(), cmd.delivered(), cmd.at()))
        .thenReply(cmd.replyTo(), s -> StatusReply.success(Done.getInstance()));
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
