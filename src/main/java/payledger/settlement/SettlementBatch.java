package payledger.settlement;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EffectBuilder;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import payledger.chain.ChainAdapter;
import payledger.chain.HashChain;
import payledger.metrics.LedgerMetrics;
import payledger.order.Rejection;
import payledger.serialization.CborSerializable;
import payledger.settlement.BatchEvent.FindingDeadlinePassed;
import payledger.settlement.BatchEvent.FindingRaised;
import payledger.settlement.BatchEvent.FindingResolved;

/**
 * The findings of one payout batch ({@code gateway/batch}; a gateway's payments that no batch
 * settled are the batch {@code gateway/}{@link #UNSETTLED}) as discrepancies with deadlines.
 *
 * <p>Commands: {@link Raise} from a reconciliation run (a finding already raised, open or resolved,
 * is not raised again: a re-run or a re-import raises nothing), {@link Resolve} by a finance user
 * (who and why, journaled), {@link Get}, and {@link DeadlineReached} from the deadline scheduler
 * (an idempotent wake-up: the batch knows its moments from its findings). Every command first
 * journals the SLA moments that have come ({@link FindingSla}): the warning at {@code warn-at} of
 * the resolution window and the breach at {@code resolveBy}, once each, none once resolved. A
 * breach escalates the finding, counts in {@code payledger_sla_deadlines_passed_total} and logs an
 * alert on {@code payledger.alerts}. A timer re-armed on recovery fires the next moment while the
 * batch is in memory; the durable wake-ups ({@link SettlementDeadlines}) fire it after passivation
 * and restarts.
 *
 * <p>Events: {@link BatchEvent}, in the batch's hash chain ({@link ChainAdapter}) like orders,
 * disputes and vendors.
 */
public final class SettlementBatch
    extends EventSourcedBehaviorWithEnforcedReplies<SettlementBatch.Command, BatchEvent, BatchState> {

  public static final EntityTypeKey<Command> ENTITY_KEY =
      EntityTypeKey.create(Command.class, "SettlementBatch");

  /** Fixed for the life of the data, like {@code OrderLedger.TAGS}. */
  public static final List<String> TAGS =
      List.of("settlement-batches-0", "settlement-batches-1", "settlement-batches-2", "settlement-batches-3");

  /** The batch name of a gateway's journaled payments that no settlement line covered. */
  public static final String UNSETTLED = "(unsettled)";

  private static final int SNAPSHOT_EVERY = 100;
  private static final Logger alerts = LoggerFactory.getLogger("payledger.alerts");

  public sealed interface Command extends CborSerializable {}

  /** Findings of this batch from a run; those already raised are left as they are. */
  public record Raise(List<Finding> findings, ActorRef<StatusReply<Done>> replyTo) implements Command {}

  public record Resolve(String findingId, String resolvedBy, String reason,
      ActorRef<StatusReply<View>> replyTo) implements Command {}

  public record Get(ActorRef<StatusReply<View>> replyTo) implements Command {}

  public record DeadlineReached(ActorRef<Done> replyTo) implements Command {}

  enum Tick implements Command {
    INSTANCE
  }

  /** @param changed false when the command was a repeat with no effect */
  public record View(BatchState batch, boolean changed) implements CborSerializable {}

  /** The batch a finding belongs to. */
  public static String keyOf(Finding f) {
    return f.gateway() + "/" + (f.batch() == null ? UNSETTLED : f.batch());
  }

  public static void init(ActorSystem<?> system, Clock clock, double warnAt) {
    ClusterSharding.get(system)
        .init(Entity.of(ENTITY_KEY, ctx -> create(ctx.getEntityId(), clock, warnAt)));
  }

  public static Behavior<Command> create(String batchKey, Clock clock, double warnAt) {
    return Behaviors.withTimers(timers -> new SettlementBatch(batchKey, clock, warnAt, timers));
  }

  static String tagFor(String batchKey) {
    return TAGS.get(Math.floorMod(batchKey.hashCode(), TAGS.size()));
  }

  private final String batchKey;
  private final Clock clock;
  private final double warnAt;
  private final TimerScheduler<Command> timers;
  private final ChainAdapter<BatchEvent> chain = new ChainAdapter<>(BatchEvent.class);

  private SettlementBatch(String batchKey, Clock clock, double warnAt, TimerScheduler<Command> timers) {
    super(PersistenceId.of(ENTITY_KEY.name(), batchKey),
        SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(5), 0.2));
    this.batchKey = batchKey;
    this.clock = clock;
    this.warnAt = warnAt;
    this.timers = timers;
  }

  @Override
  public BatchState emptyState() {
    return BatchState.empty(batchKey);
  }

  @Override
  public CommandHandlerWithReply<Command, BatchEvent, BatchState> commandHandler() {
    return newCommandHandlerWithReplyBuilder()
        .forAnyState()
        .onCommand(Raise.class, (b, cmd) -> persist(b, cmd.findings().stream()
                .filter(f -> b.finding(f.findingId()).isEmpty())
                .map(f -> (BatchEvent) new FindingRaised(batchKey, f)).distinct().toList())
            .thenReply(cmd.replyTo(), s -> StatusReply.success(Done.getInstance())))
        .onCommand(Resolve.class, this::onResolve)
        .onCommand(Get.class, (b, cmd) -> b.findings().isEmpty()
            ? Effect().reply(cmd.replyTo(), notFound("no findings in settlement batch " + batchKey))
            : Effect().reply(cmd.replyTo(), StatusReply.success(new View(b, false))))
        .onCommand(DeadlineReached.class, (b, cmd) -> persist(b, List.of())
            .thenReply(cmd.replyTo(), s -> Done.getInstance()))
        .onCommand(Tick.class, (b, cmd) -> persist(b, List.of()).thenNoReply())
        .build();
  }

  private ReplyEffect<BatchEvent, BatchState> onResolve(BatchState b, Resolve cmd) {
    var found = b.finding(cmd.findingId());
    if (found.isEmpty()) {
      return Effect().reply(cmd.replyTo(),
          notFound("no finding " + cmd.findingId() + " in settlement batch " + batchKey));
    }
    FindingStatus f = found.get();
    if (!f.isOpen()) {
      boolean same = f.resolvedBy().equals(cmd.resolvedBy()) && f.reason().equals(cmd.reason());
      return Effect().reply(cmd.replyTo(), same ? StatusReply.success(new View(b, false))
          : StatusReply.error(Rejection.CONFLICT.message("finding " + cmd.findingId()
              + " was resolved at " + f.resolvedAt() + " by " + f.resolvedBy())));
    }
    return persist(b, List.of(new FindingResolved(batchKey, cmd.findingId(), cmd.resolvedBy(),
            cmd.reason(), clock.instant())))
        .thenReply(cmd.replyTo(), s -> StatusReply.success(new View(s, true)));
  }

  /**
   * Journals the SLA moments that came before now (they happened, whatever the command does),
   * then the command's events; raises the moments' alerts once journaled and re-arms the timer.
   */
  private EffectBuilder<BatchEvent, BatchState> persist(BatchState b, List<BatchEvent> events) {
    List<BatchEvent> all = new ArrayList<>(FindingSla.passing(b, clock.instant(), warnAt));
    all.addAll(events);
    if (all.isEmpty()) {
      return Effect().none().thenRun(this::rearm);
    }
    return Effect().persist(all).thenRun(s -> {
      for (BatchEvent e : all) {
        if (e instanceof FindingDeadlinePassed p) {
          alert(p);
        }
      }
      rearm(s);
    });
  }

  private static void alert(FindingDeadlinePassed p) {
    LedgerMetrics.slaDeadlinePassed(p.deadline().metricName(), p.deadline().isBreach(), p.type().name());
    if (p.deadline().isBreach()) {
      alerts.warn("SLA breach {} on settlement finding {} ({}) of batch {} due {} (escalation level {})",
          p.deadline(), p.findingId(), p.type(), p.batchKey(), p.dueAt(), p.escalation());
    } else {
      alerts.info("SLA warning {} on settlement finding {} ({}) of batch {}",
          p.deadline(), p.findingId(), p.type(), p.batchKey());
    }
  }

  private void rearm(BatchState b) {
    FindingSla.next(b, warnAt).ifPresentOrElse(at -> {
      Duration in = Duration.between(clock.instant(), at);
      timers.startSingleTimer(Tick.INSTANCE, in.isNegative() ? Duration.ZERO : in);
    }, () -> timers.cancel(Tick.INSTANCE));
  }

  private static <T> StatusReply<T> notFound(String detail) {
    return StatusReply.error(Rejection.NOT_FOUND.message(detail));
  }

  @Override
  public SignalHandler<BatchState> signalHandler() {
    return newSignalHandlerBuilder().onSignal(RecoveryCompleted.instance(), b -> {
      chain.resume(b.lastHash());
      rearm(b);
    }).build();
  }

  @Override
  public EventHandler<BatchState, BatchEvent> eventHandler() {
    return newEventHandlerBuilder().forAnyState()
        .onAnyEvent((b, event) -> HashChain.follow(b, event, BatchState::apply));
  }

  @Override
  public ChainAdapter<BatchEvent> eventAdapter() {
    return chain;
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(SNAPSHOT_EVERY, 2);
  }

  @Override
  public Set<String> tagsFor(BatchEvent event) {
    return Set.of(tagFor(event.batchKey()));
  }
}
