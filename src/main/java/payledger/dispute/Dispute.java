package payledger.dispute;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EffectBuilder;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import payledger.chain.ChainAdapter;
import payledger.chain.HashChain;
import payledger.dispute.DisputeEvent.*;
import payledger.metrics.LedgerMetrics;
import payledger.order.AskFailure;
import payledger.order.Rejection;
import payledger.serialization.CborSerializable;

/**
 * A dispute (a gateway chargeback) or a customer payment issue, as a case with an SLA.
 *
 * <p>Commands: {@link Open}, {@link Act} (acknowledge, note, request info, customer reply,
 * escalate, close), {@link Resolve}, {@link Feedback}, {@link RecordOutcome}, {@link Get},
 * {@link DeadlineReached}, {@link RecordCustomerNotified} (a notification's outcome, from the
 * delivery worker). Events: {@link DisputeEvent}; the timeline is built from them.
 * {@link Lifecycle} decides which actions a state allows; {@link DisputeSla} which SLA moments have
 * come. Overdue moments escalate the case and log an alert.
 *
 * <p>The order's ledger is told about the case and about a resolution that moves money through
 * {@link LedgerPort}, retried until confirmed; both calls are idempotent on the dispute id.
 *
 * <p>The journal holds each event in the case's hash chain ({@link ChainAdapter}); the state keeps
 * the last hash.
 */
public final class Dispute
    extends EventSourcedBehaviorWithEnforcedReplies<Dispute.Command, DisputeEvent, DisputeCase> {

  private static final Logger alerts = LoggerFactory.getLogger("payledger.alerts");

  public static final EntityTypeKey<Command> ENTITY_KEY =
      EntityTypeKey.create(Command.class, "Dispute");

  /** Fixed for the life of the data, like {@code OrderLedger.TAGS}. */
  public static final List<String> TAGS =
      List.of("disputes-0", "disputes-1", "disputes-2", "disputes-3");

  public sealed interface Command extends CborSerializable {}

  public record Open(CaseDetails details, ActorRef<StatusReply<View>> replyTo) implements Command {}

  /**
   * Opens a case about a vendor ({@code details.source()} {@code VENDOR}): journaled as
   * {@link Opened} with {@link VendorReferenced}, the same lifecycle and SLA as any case. The same
   * request again is a repeat; other details, or another vendor, a conflict.
   */
  public record OpenForVendor(CaseDetails details, String vendorId, String payoutDiscrepancyId,
      ActorRef<StatusReply<View>> replyTo) implements Command {}

  /** Acknowledge, note, request info, customer reply, escalate or close. */
  public record Act(
      Lifecycle.Action action, String actor, String text, ActorRef<StatusReply<View>> replyTo)
      implements Command {}

  public record Resolve(CaseResolution resolution, ActorRef<StatusReply<View>> replyTo)
      implements Command {}

  public record Feedback(int csat, String comment, ActorRef<StatusReply<View>> replyTo)
      implements Command {}

  public record RecordOutcome(GatewayDecided.Outcome outcome, ActorRef<StatusReply<View>> replyTo)
      implements Command {}

  public record Get(ActorRef<StatusReply<View>> replyTo) implements Command {}

  /** From the delivery worker: how a notification about the case ended. Idempotent on its id. */
  public record RecordCustomerNotified(
      payledger.order.DeliveryReport report, ActorRef<StatusReply<Done>> replyTo)
      implements Command {}

  /** From the deadline scheduler: look at the SLA now; answered once whatever fired is journaled. */
  public record DeadlineReached(ActorRef<Done> replyTo) implements Command {}

  /**
   * The answer of the order's ledger to a call of this case.
   *
   * @param refusal the ledger's reason when it refused, null when it confirmed
   * @param ok false when it did not answer (retried later)
   */
  public record LedgerAnswered(boolean resolution, boolean ok, String refusal) implements Command {}

  enum Tick implements Command {
    INSTANCE
  }

  /** @param changed false when the command was a repeat with no effect (200 rather than 201) */
  public record View(DisputeCase dispute, boolean changed) implements CborSerializable {}

  public static void init(
      ActorSystem<?> system, Clock clock, DisputeSettings settings, LedgerPort ledger) {
    ClusterSharding.get(system)
        .init(Entity.of(ENTITY_KEY, ctx -> create(ctx.getEntityId(), clock, settings, ledger)));
  }

  public static Behavior<Command> create(
      String disputeId, Clock clock, DisputeSettings settings, LedgerPort ledger) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(
        timers -> new Dispute(disputeId, clock, settings, ledger, ctx, timers)));
  }

  public static String tagFor(String disputeId) {
    return TAGS.get(Math.floorMod(disputeId.hashCode(), TAGS.size()));
  }

  private static final Duration LEDGER_RETRY = Duration.ofSeconds(5);

  private final String disputeId;
  private final Clock clock;
  private final DisputeSettings settings;
  private final LedgerPort ledger;
  private final ActorContext<Command> ctx;
  private final TimerScheduler<Command> timers;
  private final ChainAdapter<DisputeEvent> chain = new ChainAdapter<>(DisputeEvent.class);

  private Dispute(String disputeId, Clock clock, DisputeSettings settings, LedgerPort ledger,
      ActorContext<Command> ctx, TimerScheduler<Command> timers) {
    super(PersistenceId.of(ENTITY_KEY.name(), disputeId),
        SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(5), 0.2));
    this.disputeId = disputeId;
    this.clock = clock;
    this.settings = settings;
    this.ledger = ledger;
    this.ctx = ctx;
    this.timers = timers;
  }

  @Override
  public DisputeCase emptyState() {
    return DisputeCase.empty(disputeId);
  }

  @Override
  public CommandHandlerWithReply<Command, DisputeEvent, DisputeCase> commandHandler() {
    return newCommandHandlerWithReplyBuilder()
        .forAnyState()
        .onCommand(Open.class, this::onOpen)
        .onCommand(OpenForVendor.class, this::onOpenForVendor)
        .onCommand(Act.class, this::onAct)
        .onCommand(Resolve.class, this::onResolve)
        .onCommand(Feedback.class, this::onFeedback)
        .onCommand(RecordOutcome.class, this::onOutcome)
        .onCommand(Get.class, (c, cmd) ->
            Effect().reply(cmd.replyTo(), c.isOpened() ? view(c, false) : notFound()))
        .onCommand(DeadlineReached.class, (c, cmd) -> persist(c, List.of())
            .thenReply(cmd.replyTo(), s -> Done.getInstance()))
        .onCommand(Tick.class, (c, cmd) -> persist(c, List.of()).thenNoReply())
        .onCommand(LedgerAnswered.class, this::onLedgerAnswered)
        .onCommand(RecordCustomerNotified.class, (c, cmd) ->
            !c.isOpened() ? Effect().reply(cmd.replyTo(), StatusReply.error(
                Rejection.NOT_FOUND.message("no dispute " + disputeId)))
            : c.notified().contains(cmd.report().notificationId())
                ? Effect().reply(cmd.replyTo(), StatusReply.success(Done.getInstance()))
                : Effect().persist(new CustomerNotified(disputeId, cmd.report(), clock.instant()))
                    .thenReply(cmd.replyTo(), s -> StatusReply.success(Done.getInstance())))
        .build();
  }

  private ReplyEffect<DisputeEvent, DisputeCase> onOpen(DisputeCase c, Open cmd) {
    if (c.isOpened()) {
      return c.details().equals(cmd.details())
          ? Effect().reply(cmd.replyTo(), view(c, false))
          : Effect().reply(cmd.replyTo(), StatusReply.error(Rejection.CONFLICT.message(
              "dispute " + disputeId + " was already opened with other details")));
    }
    Instant now = clock.instant();
    return persist(c, List.of(new Opened(disputeId, cmd.details(),
            now.plus(settings.acknowledgeWithin()), now.plus(settings.resolveWithin()),
            cmd.details().evidenceDueBy(), now)))
        .thenReply(cmd.replyTo(), s -> view(s, true));
  }

  private ReplyEffect<DisputeEvent, DisputeCase> onOpenForVendor(DisputeCase c, OpenForVendor cmd) {
    if (c.isOpened()) {
      boolean same = c.details().equals(cmd.details()) && c.vendor() != null
          && c.vendor().vendorId().equals(cmd.vendorId())
          && java.util.Objects.equals(c.vendor().payoutDiscrepancyId(), cmd.payoutDiscrepancyId());
      return same ? Effect().reply(cmd.replyTo(), view(c, false))
          : Effect().reply(cmd.replyTo(), StatusReply.error(Rejection.CONFLICT.message(
              "dispute " + disputeId + " was already opened with other details")));
    }
    Instant now = clock.instant();
    return persist(c, List.of(new Opened(disputeId, cmd.details(),
            now.plus(settings.acknowledgeWithin()), now.plus(settings.resolveWithin()), null, now),
            new VendorReferenced(disputeId, cmd.vendorId(), cmd.payoutDiscrepancyId(), now)))
        .thenReply(cmd.replyTo(), s -> view(s, true));
  }

  private ReplyEffect<DisputeEvent, DisputeCase> onAct(DisputeCase c, Act cmd) {
    if (!c.isOpened()) {
      return Effect().reply(cmd.replyTo(), notFound());
    }
    if (!c.allowedActions().contains(cmd.action()) || cmd.action() == Lifecycle.Action.RESOLVE
        || cmd.action() == Lifecycle.Action.FEEDBACK) {
      return Effect().reply(cmd.replyTo(), illegal(c, cmd.action()));
    }
    return persist(c, List.of(new ActionTaken(disputeId, cmd.action(), cmd.actor(), cmd.text(),
            clock.instant())))
        .thenReply(cmd.replyTo(), s -> view(s, true));
  }

  private ReplyEffect<DisputeEvent, DisputeCase> onResolve(DisputeCase c, Resolve cmd) {
    if (!c.isOpened()) {
      return Effect().reply(cmd.replyTo(), notFound());
    }
    if (c.resolution() != null && c.resolution().equals(cmd.resolution())) {
      return Effect().reply(cmd.replyTo(), view(c, false));
    }
    if (!c.allowedActions().contains(Lifecycle.Action.RESOLVE)) {
      return Effect().reply(cmd.replyTo(), illegal(c, Lifecycle.Action.RESOLVE));
    }
    if (cmd.resolution().action().movesMoney() && c.details().orderId() == null) {
      return Effect().reply(cmd.replyTo(), StatusReply.error(Rejection.CONFLICT.message(
          "a " + cmd.resolution().action() + " needs an order; this case has none")));
    }
    return persist(c, List.of(new Resolved(disputeId, cmd.resolution(), clock.instant())))
        .thenReply(cmd.replyTo(), s -> view(s, true));
  }

  private ReplyEffect<DisputeEvent, DisputeCase> onFeedback(DisputeCase c, Feedback cmd) {
    if (!c.isOpened() || !c.allowedActions().contains(Lifecycle.Action.FEEDBACK)) {
      return Effect().reply(cmd.replyTo(),
          c.isOpened() ? illegal(c, Lifecycle.Action.FEEDBACK) : notFound());
    }
    return persist(c, List.of(new FeedbackRecorded(disputeId, cmd.csat(), cmd.comment(),
            clock.instant())))
        .thenReply(cmd.replyTo(), s -> view(s, true));
  }

  private ReplyEffect<DisputeEvent, DisputeCase> onOutcome(DisputeCase c, RecordOutcome cmd) {
    if (!c.isOpened()) {
      return Effect().reply(cmd.replyTo(), notFound());
    }
    if (cmd.outcome() == c.outcome()) {
      return Effect().reply(cmd.replyTo(), view(c, false));
    }
    Instant now = clock.instant();
    List<DisputeEvent> events = new ArrayList<>(List.of(new GatewayDecided(disputeId, cmd.outcome(), now)));
    if (c.state().isActive()) {
      events.add(new Resolved(disputeId, new CaseResolution(CaseResolution.Action.NO_ACTION, null,
          "the gateway decided the chargeback: " + cmd.outcome(), "gateway"), now));
    }
    return persist(c, events).thenReply(cmd.replyTo(), s -> view(s, true));
  }

  private ReplyEffect<DisputeEvent, DisputeCase> onLedgerAnswered(DisputeCase c, LedgerAnswered cmd) {
    if (!cmd.ok()) {
      timers.startSingleTimer(Tick.INSTANCE, LEDGER_RETRY);
      return Effect().noReply();
    }
    DisputeEvent confirmed = cmd.refusal() != null
        ? new LedgerRefused(disputeId, cmd.refusal(), clock.instant())
        : cmd.resolution()
            ? new LedgerConfirmed(disputeId, clock.instant())
            : new OrderNoted(disputeId, clock.instant());
    boolean owed = cmd.resolution() ? c.owesLedgerResolution() : c.owesOrderNote();
    return owed ? persist(c, List.of(confirmed)).thenNoReply() : Effect().noReply();
  }

  /**
   * Journals the events together with the SLA moments that have come, then re-arms the timer and
   * calls the ledger for whatever it still owes.
   */
  private EffectBuilder<DisputeEvent, DisputeCase> persist(DisputeCase c, List<DisputeEvent> events) {
    DisputeCase after = c;
    for (DisputeEvent e : events) {
      after = after.apply(e);
    }
    List<DisputeEvent> all = new ArrayList<>(events);
    Instant now = clock.instant();
    for (Map.Entry<SlaDeadline, Instant> due : DisputeSla.due(after, now, settings)) {
      all.add(new DeadlinePassed(disputeId, due.getKey(), due.getValue(), now));
    }
    if (all.isEmpty()) {
      return Effect().none().thenRun(this::followUp);
    }
    return Effect().persist(all).thenRun(s -> {
      for (DisputeEvent e : all) {
        if (e instanceof DeadlinePassed passed) {
          LedgerMetrics.slaDeadlinePassed(passed.deadline().name(), passed.deadline().isBreach());
          if (passed.deadline().isBreach()) {
            alerts.warn("SLA breach {} on dispute {} (escalation level {})",
                passed.deadline(), disputeId, s.escalation());
          }
        }
      }
      followUp(s);
    });
  }

  private void followUp(DisputeCase c) {
    DisputeSla.next(c, settings).ifPresentOrElse(
        at -> timers.startSingleTimer(Tick.INSTANCE,
            Duration.between(clock.instant(), at).isNegative() ? Duration.ZERO
                : Duration.between(clock.instant(), at)),
        () -> timers.cancel(Tick.INSTANCE));
    if (c.owesOrderNote()) {
      ctx.pipeToSelf(ledger.noteDispute(c.details().orderId(), disputeId, c.details().category()),
          (ok, failure) -> answer(false, failure));
    }
    if (c.owesLedgerResolution()) {
      ctx.pipeToSelf(ledger.applyResolution(c.details().orderId(), disputeId, c.resolution()),
          (ok, failure) -> answer(true, failure));
    }
  }

  /** A refusal is final (recorded, not retried); any other failure is retried. */
  private static LedgerAnswered answer(boolean resolution, Throwable failure) {
    if (AskFailure.typed(failure) instanceof AskFailure.Refused refused) {
      return new LedgerAnswered(resolution, true, refused.detail());
    }
    return new LedgerAnswered(resolution, failure == null, null);
  }

  private StatusReply<View> illegal(DisputeCase c, Lifecycle.Action action) {
    return StatusReply.error(Rejection.CONFLICT.message("cannot " + action + " a case that is "
        + c.state() + " at escalation level " + c.escalation() + "; allowed: " + c.allowedActions()));
  }

  private StatusReply<View> notFound() {
    return StatusReply.error(Rejection.NOT_FOUND.message("no dispute " + disputeId));
  }

  private static StatusReply<View> view(DisputeCase c, boolean changed) {
    return StatusReply.success(new View(c, changed));
  }

  @Override
  public SignalHandler<DisputeCase> signalHandler() {
    return newSignalHandlerBuilder().onSignal(RecoveryCompleted.instance(), c -> {
      chain.resume(c.lastHash());
      followUp(c);
    }).build();
  }

  @Override
  public EventHandler<DisputeCase, DisputeEvent> eventHandler() {
    return newEventHandlerBuilder().forAnyState()
        .onAnyEvent((c, event) -> HashChain.follow(c, event, DisputeCase::apply));
  }

  @Override
  public ChainAdapter<DisputeEvent> eventAdapter() {
    return chain;
  }

  @Override
  public Set<String> tagsFor(DisputeEvent event) {
    return Set.of(tagFor(event.disputeId()));
  }
}
