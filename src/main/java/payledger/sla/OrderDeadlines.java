package payledger.sla;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import payledger.order.OrderEvent;
import payledger.order.OrderLedger;
import payledger.order.OrderState;
import payledger.order.ReconciliationSettings;
import payledger.readmodel.OrderFollower;

/**
 * An order's wake-up in the deadlines table, on the order projection's pass: written when the
 * order's next deadline ({@link OrderLedger#wakeUp}) changes, and only while there is one. An order
 * registered and paid within one group is never woken; one paid later is woken once, for nothing.
 */
public final class OrderDeadlines implements OrderFollower {

  private static final CompletionStage<Done> DONE = CompletableFuture.completedFuture(Done.getInstance());

  private final DeadlineRepository repository;
  private final ReconciliationSettings rules;
  private final Clock clock;
  private final Duration lead;

  /** @param lead see {@link DeadlineProjectionHandler} */
  public OrderDeadlines(DeadlineRepository repository, ReconciliationSettings rules, Clock clock,
      Duration lead) {
    this.repository = repository;
    this.rules = rules;
    this.clock = clock;
    this.lead = lead;
  }

  @Override
  public CompletionStage<Done> follow(OrderState before, List<OrderEvent> events, OrderState after) {
    Optional<Instant> next = OrderLedger.wakeUp(after, rules);
    if (next.isEmpty() || next.equals(OrderLedger.wakeUp(before, rules))) {
      return DONE;
    }
    return repository.schedule(new Deadline(OrderLedger.ENTITY_KEY.name(), after.orderId(),
        next.get()).notBefore(clock.instant().plus(lead)));
  }
}
