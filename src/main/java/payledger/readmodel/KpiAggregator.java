package payledger.readmodel;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the daily KPI summaries current, once per cluster (a singleton): every interval it
 * recomputes the summary of each (day, shard) partition of facts marked stale, from the whole
 * partition ({@link KpiSummary}), then clears the mark unless a newer one was set meanwhile. The
 * report reads only these summaries, a few rows per day, whatever the number of orders.
 */
public final class KpiAggregator {

  private static final Logger log = LoggerFactory.getLogger(KpiAggregator.class);

  sealed interface Command {}

  private enum Tick implements Command {
    INSTANCE
  }

  private record Finished(int partitions, Throwable failure) implements Command {}

  private KpiAggregator() {}

  public static Behavior<Command> create(KpiStore store, Duration interval) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
      timers.startTimerWithFixedDelay(Tick.INSTANCE, interval);
      return idle(ctx, store);
    }));
  }

  private static Behavior<Command> idle(ActorContext<Command> ctx, KpiStore store) {
    return Behaviors.receive(Command.class)
        .onMessageEquals(Tick.INSTANCE, () -> {
          ctx.pipeToSelf(runOnce(store, ctx.getSystem()), (n, failure) -> new Finished(n == null ? 0 : n, failure));
          return busy(ctx, store);
        })
        .onMessage(Finished.class, f -> Behaviors.same())
        .build();
  }

  /** One pass at a time: ticks during a pass are dropped. */
  private static Behavior<Command> busy(ActorContext<Command> ctx, KpiStore store) {
    return Behaviors.receive(Command.class)
        .onMessageEquals(Tick.INSTANCE, Behaviors::same)
        .onMessage(Finished.class, f -> {
          if (f.failure() != null) {
            log.warn("KPI summaries not refreshed, retrying next tick: {}", f.failure().getMessage());
          }
          return idle(ctx, store);
        })
        .build();
  }

  /** Recomputes every stale partition; the number of partitions refreshed. */
  public static CompletionStage<Integer> runOnce(KpiStore store, ActorSystem<?> system) {
    return store.dirty().thenCompose(dirty -> Source.from(dirty)
        .mapAsync(2, d -> store.facts(d.day(), d.shard())
            .thenCompose(facts -> store.replaceSummary(d.day(), d.shard(), KpiSummary.of(facts)))
            .thenCompose(done -> store.clear(d)))
        .runWith(Sink.<Done>seq(), system)
        .thenApply(List::size));
  }
}
