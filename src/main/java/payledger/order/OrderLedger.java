package payledger.order;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import payledger.CborSerializable;

/**
 * The ledger of one order: its invoice and every payment event the gateways reported for it.
 *
 * <p>States: <em>empty</em> (nothing known), <em>unlinked</em> (payments arrived before the order
 * management system registered the order), <em>registered</em> (invoice known; its status comes from
 * {@link Reconciliation}). Commands: {@link RegisterOrder}, {@link RecordPayment}, {@link GetOrder}.
 * Events: {@link OrderRegistered}, {@link PaymentRecorded}.
 *
 * <p>Gateway events are deduplicated by {@code (gateway, event id)} from the journal itself, so a
 * redelivery after passivation, restart or snapshot has no second effect. Events are kept forever
 * (snapshots never delete them): the journal is the audit trail.
 */
public final class OrderLedger
    extends EventSourcedBehaviorWithEnforcedReplies<
        OrderLedger.Command, OrderLedger.Event, OrderLedger.State> {

  public static final EntityTypeKey<Command> ENTITY_KEY =
      EntityTypeKey.create(Command.class, "OrderLedger");

  /**
   * Events are spread over a fixed set of tags so projections can run one instance per tag. The
   * count is part of the stored data: changing it needs a projection migration, not a config edit.
   */
  public static final List<String> TAGS = List.of("orders-0", "orders-1", "orders-2", "orders-3");

  // ---- commands and replies

  public sealed interface Command extends CborSerializable {}

  /** Registers the invoice; repeating it with the same invoice is a no-op, a different one an error. */
  public record RegisterOrder(Invoice invoice, ActorRef<StatusReply<Registration>> replyTo)
      implements Command {}

  /** Records one gateway event; a redelivery is acknowledged as a duplicate, a conflicting one refused. */
  public record RecordPayment(PaymentEvent payment, ActorRef<StatusReply<PaymentAck>> replyTo)
      implements Command {}

  public record GetOrder(ActorRef<StatusReply<Summary>> replyTo) implements Command {}

  public record Registration(Summary order, boolean created) implements CborSerializable {}

  public record PaymentAck(String orderId, boolean duplicate, OrderStatus status)
      implements CborSerializable {}

  /** A read of the whole order; {@code totals} is null while the order is unlinked. */
  public record Summary(
      String orderId,
      OrderStatus status,
      Invoice invoice,
      Instant registeredAt,
      Reconciliation.Totals totals,
      List<RecordedPayment> payments)
      implements CborSerializable {}

  // ---- events

  public sealed interface Event extends CborSerializable {
    String orderId();
  }

  public record OrderRegistered(String orderId, Invoice invoice, Instant registeredAt)
      implements Event {}

  public record PaymentRecorded(String orderId, PaymentEvent payment, Instant recordedAt)
      implements Event {}

  // ---- state

  public record RecordedPayment(PaymentEvent event, Instant recordedAt) implements CborSerializable {}

  /** @param invoice null until the order is registered */
  public record State(
      String orderId, Invoice invoice, Instant registeredAt, List<RecordedPayment> payments)
      implements CborSerializable {

    static State empty(String orderId) {
      return new State(orderId, null, null, List.of());
    }

    boolean isEmpty() {
      return invoice == null && payments.isEmpty();
    }

    Optional<RecordedPayment> find(String paymentKey) {
      return payments.stream().filter(p -> p.event().key().equals(paymentKey)).findFirst();
    }

    OrderStatus status() {
      return invoice == null
          ? OrderStatus.UNLINKED
          : Reconciliation.assess(invoice, events()).status();
    }

    Summary summary() {
      if (invoice == null) {
        return new Summary(orderId, OrderStatus.UNLINKED, null, null, null, payments);
      }
      Reconciliation.Assessment assessment = Reconciliation.assess(invoice, events());
      return new Summary(
          orderId, assessment.status(), invoice, registeredAt, assessment.totals(), payments);
    }

    private List<PaymentEvent> events() {
      return payments.stream().map(RecordedPayment::event).toList();
    }

    State apply(Event event) {
      if (event instanceof OrderRegistered registered) {
        return new State(orderId, registered.invoice(), registered.registeredAt(), payments);
      }
      PaymentRecorded recorded = (PaymentRecorded) event;
      List<RecordedPayment> more = new ArrayList<>(payments);
      more.add(new RecordedPayment(recorded.payment(), recorded.recordedAt()));
      return new State(orderId, invoice, registeredAt, List.copyOf(more));
    }
  }

  // ---- behavior

  /** Settings from {@code payledger.order}. */
  public record Settings(int snapshotEvery) {}

  public static void init(ActorSystem<?> system, Clock clock, Settings settings) {
    ClusterSharding.get(system)
        .init(Entity.of(ENTITY_KEY, ctx -> create(ctx.getEntityId(), clock, settings)));
  }

  public static Behavior<Command> create(String orderId, Clock clock, Settings settings) {
    return new OrderLedger(orderId, clock, settings);
  }

  static String tagFor(String orderId) {
    return TAGS.get(Math.floorMod(orderId.hashCode(), TAGS.size()));
  }

  private final String orderId;
  private final Clock clock;
  private final Settings settings;

  private OrderLedger(String orderId, Clock clock, Settings settings) {
    super(
        PersistenceId.of(ENTITY_KEY.name(), orderId),
        SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(5), 0.2));
    this.orderId = orderId;
    this.clock = clock;
    this.settings = settings;
  }

  @Override
  public State emptyState() {
    return State.empty(orderId);
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    return newCommandHandlerWithReplyBuilder()
        .forAnyState()
        .onCommand(RegisterOrder.class, this::onRegister)
        .onCommand(RecordPayment.class, this::onRecordPayment)
        .onCommand(GetOrder.class, this::onGet)
        .build();
  }

  private ReplyEffect<Event, State> onRegister(State state, RegisterOrder cmd) {
    if (state.invoice() == null) {
      return Effect()
          .persist(new OrderRegistered(orderId, cmd.invoice(), clock.instant()))
          .thenReply(cmd.replyTo(), s -> StatusReply.success(new Registration(s.summary(), true)));
    }
    if (state.invoice().equals(cmd.invoice())) {
      return Effect()
          .reply(cmd.replyTo(), StatusReply.success(new Registration(state.summary(), false)));
    }
    return Effect()
        .reply(
            cmd.replyTo(),
            StatusReply.error(
                "order " + orderId + " is already registered with a different invoice"));
  }

  private ReplyEffect<Event, State> onRecordPayment(State state, RecordPayment cmd) {
    PaymentEvent payment = cmd.payment();
    Optional<RecordedPayment> earlier = state.find(payment.key());
    if (earlier.isPresent()) {
      if (earlier.get().event().equals(payment)) {
        return Effect()
            .reply(cmd.replyTo(), StatusReply.success(new PaymentAck(orderId, true, state.status())));
      }
      return Effect()
          .reply(
              cmd.replyTo(),
              StatusReply.error(
                  "event "
                      + payment.eventId()
                      + " from "
                      + payment.gateway()
                      + " was already recorded with different content"));
    }
    return Effect()
        .persist(new PaymentRecorded(orderId, payment, clock.instant()))
        .thenReply(
            cmd.replyTo(), s -> StatusReply.success(new PaymentAck(orderId, false, s.status())));
  }

  private ReplyEffect<Event, State> onGet(State state, GetOrder cmd) {
    if (state.isEmpty()) {
      return Effect().reply(cmd.replyTo(), StatusReply.error("order " + orderId + " not found"));
    }
    return Effect().reply(cmd.replyTo(), StatusReply.success(state.summary()));
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder().forAnyState().onAnyEvent(State::apply);
  }

  @Override
  public Set<String> tagsFor(Event event) {
    return Set.of(tagFor(event.orderId()));
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(settings.snapshotEvery(), 2);
  }
}
