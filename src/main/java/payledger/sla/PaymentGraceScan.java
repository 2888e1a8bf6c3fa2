package payledger.sla;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.stream.javadsl.Sink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import payledger.order.OrderLedger;

/**
 * The payment grace of orders still awaiting payment, without a row per order in the deadlines
 * table: once per cluster (a singleton), the orders listed as awaiting payment whose grace has
 * passed ({@link UnpaidOrders}, by time of registration) are each sent the deadline command
 * ({@link OrderLedger.DeadlineReached}, idempotent: whatever is due fires once), slice by slice
 * of registration time behind a durable watermark, so each slice is read once.
 *
 * <p>A slice is read only once the order projection has written everything that happened up to
 * the end of its orders' grace ({@link Progress}; less the deadlines' lead, for the latency of a
 * journal write and the clocks of the nodes): an order's registration is then listed, and its
 * payment, if it came in time, has taken it off the list, so a paid order is not woken. A read
 * side that lags delays the scan, never skips an order. The order projection writes a wake-up row
 * instead ({@link payledger.order.WakeUp#row}) for an order that can still miss its payment while not
 * awaiting payment (e.g. a refund with nothing paid), and while it is listed as awaiting payment
 * it needs none; a row due within the lead is never taken back, and the scan never reads a slice
 * whose grace ends within it, so the two never both leave an order out.
 *
 * <p>A failed wake-up stops the watermark just before that order's registration: the slice from
 * there is read again at the next tick (the others are woken again: harmless).
 */
public final class PaymentGraceScan {

  private static final Logger log = LoggerFactory.getLogger(PaymentGraceScan.class);

  /** How far the order projection has come, in journal (wall-clock) time. */
  public interface Progress {
    /**
     * Every order event journaled before the answer is projected; {@code wanted}: an answer at or
     * after it is enough (the implementation may stop looking there).
     */
    CompletionStage<Instant> processedUpTo(Instant wanted);
  }

  /**
   * @param interval how often the scan looks
   * @param grace the payment grace ({@code payledger.reconciliation.payment-grace})
   * @param lead see {@link DeadlineSettings#lead()}
   * @param start with no saved watermark, the scan begins this far before the first grace end
   */
  public record Settings(Duration interval, Duration grace, Duration lead, int parallelism,
      Duration start) {}

  sealed interface Command {}

  private enum Tick implements Command {
    INSTANCE
  }

  private record Started(Instant scanned) implements Command {}

  private record Scanned(Instant upTo, int woken, int failed) implements Command {}

  private PaymentGraceScan() {}

  /** @param wall the wall clock (the journal's), beside the service clock {@code clock} */
  public static Behavior<Command> create(UnpaidOrders orders, Progress progress, Clock clock,
      Clock wall, DeadlineScheduler.WakeUp wakeUp, Settings settings) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
      timers.startTimerWithFixedDelay(Tick.INSTANCE, settings.interval());
      ctx.pipeToSelf(orders.scanned(), (saved, failure) ->
          new Started(failure == null ? saved.orElse(null) : null));
      ClockSamples samples = new ClockSamples();
      return Behaviors.receive(Command.class)
          .onMessage(Started.class, started -> new Scan(ctx, orders, progress, clock, wall, wakeUp,
              settings, samples).idle(started.scanned()))
          .onMessageEquals(Tick.INSTANCE, Behaviors::same)
          .build();
    }));
  }

  private record Scan(ActorContext<Command> ctx, UnpaidOrders orders, Progress progress,
      Clock clock, Clock wall, DeadlineScheduler.WakeUp wakeUp, Settings settings,
      ClockSamples samples) {

    /** @param scanned null before the first scan of a cluster */
    Behavior<Command> idle(Instant scanned) {
      return Behaviors.receive(Command.class)
          .onMessageEquals(Tick.INSTANCE, () -> {
            Instant now = clock.instant();
            Instant wallNow = wall.instant();
            samples.add(wallNow, now);
            Instant due = now.minus(settings.grace());
            // None saved yet, or ahead of the clock (a test clock moved back): from a while ago.
            Instant from = scanned == null || scanned.isAfter(due)
                ? due.minus(settings.start()) : scanned;
            ctx.pipeToSelf(scan(from, due, wallNow),
                (done, failure) -> failure == null ? done : new Scanned(from, 0, 1));
            return busy(from);
          })
          .onMessage(Scanned.class, s -> Behaviors.same())
          .build();
    }

    /** While a scan runs, ticks are dropped: one scan at a time. */
    private Behavior<Command> busy(Instant from) {
      return Behaviors.receive(Command.class)
          .onMessageEquals(Tick.INSTANCE, Behaviors::same)
          .onMessage(Scanned.class, s -> {
            if (s.woken() > 0 || s.failed() > 0) {
              log.info("Payment grace: {} unpaid orders woken, {} to retry", s.woken(), s.failed());
            }
            return idle(s.upTo());
          })
          .build();
    }

    /** Wakes the unpaid orders registered in {@code (from, up to what is projected]}. */
    private CompletionStage<Scanned> scan(Instant from, Instant due, Instant wallNow) {
      Instant wanted = wallNow.minus(settings.lead()).minusSeconds(2);
      return progress.processedUpTo(wanted).thenCompose(projected -> {
        Optional<Instant> graceEnded = samples.serviceAt(projected.minus(settings.lead()));
        Instant upTo = graceEnded.map(at -> at.minus(settings.grace()))
            .filter(at -> at.isBefore(due)).orElse(due);
        if (graceEnded.isEmpty() || !upTo.isAfter(from)) {
          return CompletableFuture.completedFuture(new Scanned(from, 0, 0));
        }
        return orders.registered(from, upTo)
            .mapAsyncUnordered(settings.parallelism(), order -> wakeUp.deliver(new Deadline(
                    OrderLedger.ENTITY_KEY.name(), order.orderId(),
                    order.registeredAt().plus(settings.grace())))
                .handle((done, failure) -> {
                  if (failure != null) {
                    return Optional.of(order.registeredAt());
                  }
                  log.debug("Payment grace of order {} passed unpaid: woken", order.orderId());
                  return Optional.<Instant>empty();
                }))
            .runWith(Sink.fold(new Tally(0, 0, upTo), Tally::add), ctx.getSystem())
            .thenCompose(tally -> {
              Instant scanned = tally.failed() == 0 ? upTo : tally.firstFailure().minusMillis(1);
              Scanned result = new Scanned(scanned.isAfter(from) ? scanned : from,
                  tally.woken(), tally.failed());
              return scanned.isAfter(from)
                  ? orders.saveScanned(scanned).thenApply(done -> result)
                  : CompletableFuture.completedFuture(result);
            });
      });
    }
  }

  private record Tally(int woken, int failed, Instant firstFailure) {
    Tally add(Optional<Instant> failure) {
      return failure
          .map(at -> new Tally(woken, failed + 1, at.isBefore(firstFailure) ? at : firstFailure))
          .orElseGet(() -> new Tally(woken + 1, failed, firstFailure));
    }
  }
}
