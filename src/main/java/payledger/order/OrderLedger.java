package payledger.order;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.SnapshotSelectionCriteria;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.Recovery;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;
import payledger.chain.ChainAdapter;
import payledger.chain.HashChain;
import payledger.order.OrderEvent.*;
import payledger.serialization.CborSerializable;

/**
 * The ledger of one order: its invoice, adjustments, every payment event the gateways reported for
 * it, and the discrepancies between them.
 *
 * <p>Commands: {@link RegisterOrder}, {@link RecordPayment}, {@link AdjustInvoice},
 * {@link ResolveDiscrepancy}, {@link LinkPayments}, {@link GetOrder}, {@link NoteDispute},
 * {@link ApplyDisputeResolution}, {@link ResendReceipt}, {@link RecordDelivery} and
 * {@link CheckDeadlines} (a grace period ended). Events: {@link OrderEvent}. After every change of facts — and whenever a
 * grace period may have ended — {@link Discrepancies#follow} decides which discrepancies to open and
 * close, and those events are journaled atomically with the fact that caused them.
 *
 * <p>Gateway events are deduplicated by {@code (gateway, event id)} from the journal itself, so a
 * redelivery after passivation, restart or snapshot has no second effect. Events are kept forever
 * (snapshots never delete them): the journal is the audit trail.
 *
 * <p>The first time an order is fully paid (reconciled) its {@link Receipt} is issued in the same
 * write ({@link ReceiptIssued}): once by construction, however often events are replayed or
 * redelivered. {@link Receipts#check} verifies it first; a receipt that does not add up is
 * withheld, flagged (metric, alert, {@code RECEIPT_MISMATCH} discrepancy) and never sent. The
 * notification projection sends it; the delivery worker reports outcomes back with
 * {@link RecordDelivery}, idempotent on the notification id.
 *
 * <p>Payments without an order reference live in a ledger of their own, keyed by
 * {@link #holderId}, until support links them to an order.
 *
 * <p>Grace periods end, and the SLA moments of open discrepancies ({@link DiscrepancySla}: notice
 * and resolution, warnings and breaches that escalate) pass, through {@link DeadlineReached} from
 * the cluster-wide deadline scheduler (so they fire after passivation and restarts), through a
 * timer while the entity is awake, and on any command that changes the order. Reads never write.
 *
 * <p>The journal holds each event in the order's hash chain ({@link ChainAdapter}); the state
 * keeps the last hash, so snapshots carry the chain.
 */
public final class OrderLedger
    extends EventSourcedBehaviorWithEnforcedReplies<OrderLedger.Command, OrderEvent, OrderState> {

  public static final EntityTypeKey<Command> ENTITY_KEY =
      EntityTypeKey.create(Command.class, "OrderLedger");

  /**
   * Events are spread over a fixed set of tags so projections can run one instance per tag. The
   * count is part of the stored data: changing it needs a projection migration, not a config edit.
   */
  public static final List<String> TAGS = List.of("orders-0", "orders-1", "orders-2", "orders-3");

  /** The ledger id of payments reported without an order: '~' never appears in an order id. */
  public static String holderId(String gateway, String paymentId) {
    return "~" + gateway + ":" + paymentId;
  }

  // ---- commands and replies

  public sealed interface Command extends CborSerializable {}

  /** Registers the invoice; repeating it with the same invoice is a no-op, a different one refused. */
  public record RegisterOrder(Invoice invoice, ActorRef<StatusReply<Summary>> replyTo)
      implements Command {}

  /** Records one gateway event; a redelivery is acknowledged as a duplicate, a conflicting one refused. */
  public record RecordPayment(PaymentEvent payment, ActorRef<StatusReply<PaymentAck>> replyTo)
      implements Command {}

  public record AdjustInvoice(Adjustment adjustment, ActorRef<StatusReply<Summary>> replyTo)
      implements Command {}

  public record ResolveDiscrepancy(
      String discrepancyId,
      Resolution resolution,
      String actor,
      String note,
      ActorRef<StatusReply<Summary>> replyTo)
      implements Command {}

  /** To a holder of payments without an order: they now belong to {@code orderId}. */
  public record LinkPayments(String orderId, String actor, ActorRef<StatusReply<Summary>> replyTo)
      implements Command {}

  public record GetOrder(ActorRef<StatusReply<Summary>> replyTo) implements Command {}

  /** From a dispute about this order: list it. Idempotent on the dispute id. */
  public record NoteDispute(String disputeId, String category, ActorRef<StatusReply<Done>> replyTo)
      implements Command {}

  /** From a dispute's resolution that moves money. Idempotent on the dispute id. */
  public record ApplyDisputeResolution(
      GatewayInstruction instruction, ActorRef<StatusReply<Done>> replyTo) implements Command {}

  /**
   * From support: send the receipt again, through {@code channel} ("email", "webhook", "in_app";
   * null for the customer's preferences). Each request is one more resend with the same number.
   */
  public record ResendReceipt(String channel, String actor, ActorRef<StatusReply<Summary>> replyTo)
      implements Command {}

  /** From the delivery worker: how a notification about this order ended. Idempotent on its id. */
  public record RecordDelivery(DeliveryReport report, ActorRef<StatusReply<Done>> replyTo)
      implements Command {}

  public enum CheckDeadlines implements Command {
    INSTANCE
  }

  /** From the deadline scheduler: answered once whatever a grace period's end raised is journaled. */
  public record DeadlineReached(ActorRef<Done> replyTo) implements Command {}

  /**
   * @param changed false when the command was a repeat with no effect (200 rather than 201)
   * @param totals null while the order is unregistered
   */
  public record Summary(
      OrderState state,
      OrderStatus status,
      Reconciliation.Totals totals,
      boolean autoReconciled,
      boolean changed)
      implements CborSerializable {}

  /** @param linkedTo set when the payment belongs to another order: record it there too */
  public record PaymentAck(String orderId, boolean duplicate, OrderStatus status, String linkedTo)
      implements CborSerializable {}

  // ---- behavior

  /** Settings from {@code payledger.order} and {@code payledger.reconciliation}. */
  public record Settings(int snapshotEvery, ReconciliationSettings rules) {}

  public static void init(ActorSystem<?> system, Clock clock, Settings settings) {
    ClusterSharding.get(system)
        .init(Entity.of(ENTITY_KEY, ctx -> create(ctx.getEntityId(), clock, settings)));
  }

  public static Behavior<Command> create(String orderId, Clock clock, Settings settings) {
    return Behaviors.withTimers(timers -> new OrderLedger(orderId, clock, settings, timers));
  }

  public static String tagFor(String orderId) {
    return TAGS.get(Math.floorMod(orderId.hashCode(), TAGS.size()));
  }

  private final String orderId;
  private final Clock clock;
  private final Settings settings;
  private final TimerScheduler<Command> timers;
  private final ChainAdapter<OrderEvent> chain = new ChainAdapter<>(OrderEvent.class);

  private OrderLedger(
      String orderId, Clock clock, Settings settings, TimerScheduler<Command> timers) {
    super(
        PersistenceId.of(ENTITY_KEY.name(), orderId),
        SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(5), 0.2));
    this.orderId = orderId;
    this.clock = clock;
    this.settings = settings;
    this.timers = timers;
  }

  @Override
  public OrderState emptyState() {
    return OrderState.empty(orderId);
  }

  @Override
  public CommandHandlerWithReply<Command, OrderEvent, OrderState> commandHandler() {
    return newCommandHandlerWithReplyBuilder()
        .forAnyState()
        .onCommand(RegisterOrder.class, this::onRegister)
        .onCommand(RecordPayment.class, this::onRecordPayment)
        .onCommand(AdjustInvoice.class, this::onAdjust)
        .onCommand(ResolveDiscrepancy.class, this::onResolve)
        .onCommand(LinkPayments.class, this::onLink)
        .onCommand(GetOrder.class, this::onGet)
        .onCommand(NoteDispute.class, this::onNoteDispute)
        .onCommand(ApplyDisputeResolution.class, this::onApplyDisputeResolution)
        .onCommand(ResendReceipt.class, this::onResend)
        .onCommand(RecordDelivery.class, this::onRecordDelivery)
        .onCommand(CheckDeadlines.class, (state, cmd) -> persist(state, List.of(),
            Discrepancies.AUTOMATIC).thenNoReply())
        .onCommand(DeadlineReached.class, (state, cmd) -> persist(state, List.of(),
            Discrepancies.AUTOMATIC).thenReply(cmd.replyTo(), s -> Done.getInstance()))
        .build();
  }

  private ReplyEffect<OrderEvent, OrderState> onRegister(OrderState state, RegisterOrder cmd) {
    Invoice registered = state.facts().invoice();
    if (registered == null) {
      return persist(state, List.of(new OrderRegistered(orderId, cmd.invoice(), clock.instant())),
          Discrepancies.AUTOMATIC)
          .thenReply(cmd.replyTo(), s -> summary(s, true));
    }
    if (registered.equals(cmd.invoice())) {
      return Effect().reply(cmd.replyTo(), summary(state, false));
    }
    return Effect().reply(cmd.replyTo(), StatusReply.error(Rejection.CONFLICT.message(
        "order " + orderId + " is already registered with a different invoice")));
  }

  private ReplyEffect<OrderEvent, OrderState> onRecordPayment(OrderState state, RecordPayment cmd) {
    PaymentEvent payment = cmd.payment();
    Optional<RecordedPayment> earlier = state.payment(payment.key());
    String linkedTo = state.facts().linkedTo();
    if (earlier.isPresent() && !earlier.get().event().equals(payment)) {
      return Effect().reply(cmd.replyTo(), StatusReply.error(Rejection.CONFLICT.message(
          "event " + payment.eventId() + " from " + payment.gateway()
              + " was already recorded with different content")));
    }
    if (earlier.isPresent() || linkedTo != null) {
      return Effect().reply(cmd.replyTo(), StatusReply.success(
          new PaymentAck(orderId, earlier.isPresent(), state.status(), linkedTo)));
    }
    return persist(state, List.of(new PaymentRecorded(orderId, payment, clock.instant())),
        Discrepancies.AUTOMATIC)
        .thenReply(cmd.replyTo(),
            s -> StatusReply.success(new PaymentAck(orderId, false, s.status(), null)));
  }

  private ReplyEffect<OrderEvent, OrderState> onAdjust(OrderState state, AdjustInvoice cmd) {
    Adjustment adjustment = cmd.adjustment();
    Invoice invoice = state.facts().invoice();
    Optional<Adjustment> earlier = state.adjustment(adjustment.adjustmentId());
    String conflict =
        invoice == null ? "order " + orderId + " is not registered; register it before adjusting"
        : !invoice.currency().equals(adjustment.amount().currency())
            ? "the invoice is in " + invoice.currency() + ", the adjustment in "
                + adjustment.amount().currency()
        : earlier.isPresent() && !earlier.get().sameRequest(adjustment)
            ? "adjustment " + adjustment.adjustmentId() + " was already made with different content"
        : null;
    if (conflict != null) {
      return Effect().reply(cmd.replyTo(), StatusReply.error(Rejection.CONFLICT.message(conflict)));
    }
    if (earlier.isPresent()) {
      return Effect().reply(cmd.replyTo(), summary(state, false));
    }
    Adjustment stamped = new Adjustment(adjustment.adjustmentId(), adjustment.amount(),
        adjustment.reason(), adjustment.actor(), clock.instant());
    return persist(state, List.of(new InvoiceAdjusted(orderId, stamped)),
        new Discrepancies.Closure(Resolution.INVOICE_ADJUSTED, adjustment.actor(), adjustment.reason()))
        .thenReply(cmd.replyTo(), s -> summary(s, true));
  }

  private ReplyEffect<OrderEvent, OrderState> onResolve(OrderState state, ResolveDiscrepancy cmd) {
    Optional<Discrepancy> found = state.discrepancy(cmd.discrepancyId());
    if (found.isEmpty()) {
      return Effect().reply(cmd.replyTo(), StatusReply.error(Rejection.NOT_FOUND.message(
          "order " + orderId + " has no discrepancy " + cmd.discrepancyId())));
    }
    Discrepancy d = found.get();
    if (!d.isOpen()) {
      return d.resolution() == cmd.resolution()
          ? Effect().reply(cmd.replyTo(), summary(state, false))
          : Effect().reply(cmd.replyTo(), StatusReply.error(Rejection.CONFLICT.message(
              d.id() + " was already resolved as " + d.resolution())));
    }
    if (!d.type().manualResolutions().contains(cmd.resolution())) {
      return Effect().reply(cmd.replyTo(), StatusReply.error(Rejection.CONFLICT.message(
          "a " + d.type() + " cannot be resolved as " + cmd.resolution() + "; it can be "
              + d.type().manualResolutions())));
    }
    // Moments that came before the resolution pass first: a late resolution does not undo a breach.
    List<OrderEvent> resolved = new ArrayList<>(
        DiscrepancySla.passing(state, clock.instant(), settings.rules()));
    resolved.add(new DiscrepancyResolved(orderId, d.id(), cmd.resolution(), cmd.actor(), cmd.note(),
        clock.instant()));
    List<OrderEvent> events = withReceipt(state, resolved);
    return Effect()
        .persist(events)
        .thenRun(s -> {
          DiscrepancyAlerts.journaled(events, s);
          armDeadline(s);
        })
        .thenReply(cmd.replyTo(), s -> summary(s, true));
  }

  private ReplyEffect<OrderEvent, OrderState> onLink(OrderState state, LinkPayments cmd) {
    String linkedTo = state.facts().linkedTo();
    if (state.facts().payments().isEmpty() || state.facts().invoice() != null) {
      return Effect().reply(cmd.replyTo(), StatusReply.error(Rejection.NOT_FOUND.message(
          "no payments without an order are held as " + orderId)));
    }
    if (linkedTo != null) {
      return linkedTo.equals(cmd.orderId())
          ? Effect().reply(cmd.replyTo(), summary(state, false))
          : Effect().reply(cmd.replyTo(), StatusReply.error(Rejection.CONFLICT.message(
              "these payments are already linked to order " + linkedTo)));
    }
    return persist(state, List.of(new PaymentsLinked(orderId, cmd.orderId(), cmd.actor(), clock.instant())),
        new Discrepancies.Closure(Resolution.ACCEPTED, cmd.actor(), "linked to order " + cmd.orderId()))
        .thenReply(cmd.replyTo(), s -> summary(s, true));
  }

  private ReplyEffect<OrderEvent, OrderState> onGet(OrderState state, GetOrder cmd) {
    if (state.isEmpty()) {
      return Effect().reply(cmd.replyTo(), StatusReply.error(Rejection.NOT_FOUND.message(
          "order " + orderId + " not found")));
    }
    return Effect().reply(cmd.replyTo(), summary(state, false));
  }

  private ReplyEffect<OrderEvent, OrderState> onNoteDispute(OrderState state, NoteDispute cmd) {
    if (state.disputes().contains(cmd.disputeId())) {
      return Effect().reply(cmd.replyTo(), StatusReply.success(Done.getInstance()));
    }
    return Effect()
        .persist(new DisputeNoted(orderId, cmd.disputeId(), cmd.category(), clock.instant()))
        .thenReply(cmd.replyTo(), s -> StatusReply.success(Done.getInstance()));
  }

  private ReplyEffect<OrderEvent, OrderState> onApplyDisputeResolution(
      OrderState state, ApplyDisputeResolution cmd) {
    GatewayInstruction instruction = cmd.instruction();
    boolean applied = state.instructions().stream()
        .anyMatch(i -> i.disputeId().equals(instruction.disputeId()));
    if (applied) {
      return Effect().reply(cmd.replyTo(), StatusReply.success(Done.getInstance()));
    }
    Invoice invoice = state.facts().invoice();
    if (instruction.amount() != null
        && (invoice == null || !invoice.currency().equals(instruction.amount().currency()))) {
      return Effect().reply(cmd.replyTo(), StatusReply.error(Rejection.CONFLICT.message(
          "the resolution is in " + instruction.amount().currency() + " but order " + orderId
              + (invoice == null ? " is not registered" : " is invoiced in " + invoice.currency()))));
    }
    GatewayInstruction stamped = new GatewayInstruction(instruction.disputeId(),
        instruction.action(), instruction.amount(), instruction.reason(), instruction.actor(),
        clock.instant());
    return persist(state, List.of(new DisputeResolutionApplied(orderId, stamped)),
        new Discrepancies.Closure(Resolution.INVOICE_ADJUSTED, instruction.actor(),
            "dispute " + instruction.disputeId()))
        .thenReply(cmd.replyTo(), s -> StatusReply.success(Done.getInstance()));
  }

  private ReplyEffect<OrderEvent, OrderState> onResend(OrderState state, ResendReceipt cmd) {
    Receipt receipt = state.comms().receipt();
    if (receipt == null || state.comms().receiptWithheld()) {
      return Effect().reply(cmd.replyTo(), StatusReply.error(Rejection.CONFLICT.message(
          receipt == null ? "order " + orderId + " has no receipt yet: it is not fully paid"
              : "the receipt of order " + orderId + " was withheld: "
                  + state.comms().receiptMismatches())));
    }
    String notificationId = "receipt:" + orderId + ":resend-" + (state.comms().resends() + 1);
    return Effect()
        .persist(new ReceiptResendRequested(orderId, notificationId, cmd.channel(), cmd.actor(),
            clock.instant(), receipt))
        .thenReply(cmd.replyTo(), s -> summary(s, true));
  }

  private ReplyEffect<OrderEvent, OrderState> onRecordDelivery(OrderState state, RecordDelivery cmd) {
    DeliveryReport report = cmd.report();
    if (state.comms().reported(report.notificationId())) {
      return Effect().reply(cmd.replyTo(), StatusReply.success(Done.getInstance()));
    }
    OrderEvent event = !report.delivered() ? new NotificationFailed(orderId, report)
        : report.kind().equals("RECEIPT") ? new ReceiptDelivered(orderId, report)
        : new CustomerNotified(orderId, report);
    return Effect().persist(event)
        .thenReply(cmd.replyTo(), s -> StatusReply.success(Done.getInstance()));
  }

  private List<OrderEvent> withReceipt(OrderState state, List<OrderEvent> events) {
    return Receipts.withReceipt(state, events, clock.instant(), settings.rules());
  }

  /**
   * Journals the facts together with the discrepancy changes they cause and the SLA moments that
   * have come, in one atomic write.
   */
  private org.apache.pekko.persistence.typed.javadsl.EffectBuilder<OrderEvent, OrderState> persist(
      OrderState state, List<OrderEvent> facts, Discrepancies.Closure closure) {
    List<OrderEvent> events =
        Discrepancies.withConsequences(state, facts, clock.instant(), settings.rules(), closure);
    if (events.isEmpty()) {
      return Effect().none().thenRun(this::armDeadline);
    }
    List<OrderEvent> withReceipt = withReceipt(state, events);
    return Effect().persist(withReceipt).thenRun(s -> {
      DiscrepancyAlerts.journaled(withReceipt, s);
      armDeadline(s);
    });
  }

  private void armDeadline(OrderState state) {
    Instant now = clock.instant();
    if (!Discrepancies.follow(state, now, settings.rules(), Discrepancies.AUTOMATIC).isEmpty()
        || !DiscrepancySla.due(state, now, settings.rules()).isEmpty()) {
      timers.startSingleTimer(CheckDeadlines.INSTANCE, Duration.ZERO);
      return;
    }
    WakeUp.of(state, settings.rules()).filter(at -> at.isAfter(now))
        .ifPresentOrElse(
            at -> timers.startSingleTimer(CheckDeadlines.INSTANCE, Duration.between(now, at)),
            () -> timers.cancel(CheckDeadlines.INSTANCE));
  }

  private static StatusReply<Summary> summary(OrderState state, boolean changed) {
    return StatusReply.success(new Summary(state, state.status(),
        Reconciliation.totals(state.facts()), state.autoReconciled(), changed));
  }

  @Override
  public SignalHandler<OrderState> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(RecoveryCompleted.instance(), state -> {
          chain.resume(state.lastHash());
          armDeadline(state);
        })
        .build();
  }

  @Override
  public EventHandler<OrderState, OrderEvent> eventHandler() {
    return newEventHandlerBuilder().forAnyState()
        .onAnyEvent((state, event) -> HashChain.follow(state, event, OrderState::apply));
  }

  @Override
  public ChainAdapter<OrderEvent> eventAdapter() {
    return chain;
  }

  @Override
  public Set<String> tagsFor(OrderEvent event) {
    return Set.of(tagFor(event.orderId()));
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return settings.snapshotEvery() > 0
        ? RetentionCriteria.snapshotEvery(settings.snapshotEvery(), 2)
        : RetentionCriteria.disabled();
  }

  /** Without snapshots, a start does not ask the snapshot store at all (one read less per order). */
  @Override
  public Recovery recovery() {
    return settings.snapshotEvery() > 0 ? super.recovery()
        : Recovery.withSnapshotSelectionCriteria(SnapshotSelectionCriteria.none());
  }
}
