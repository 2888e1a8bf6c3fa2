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
import payledger.order.WakeUp;
import payledger.order.ReconciliationSettings;
import payledger.readmodel.OrderFollower;

/**
 * An order's wake-up in the deadlines table, on the order projection's pass: written when the
 * order's next deadline that needs a row ({@link WakeUp#row}) changes, and only while
 * there is one. The payment grace of an order awaiting payment needs none ({@link
 * PaymentGraceScan} finds the order in the list of orders awaiting payment), so a registered order
 * gets no row, and its payment, in whichever group, deletes none. A wake-up made moot while still
 * ahead (e.g. a failed attempt retried successfully) is taken back ({@link
 * DeadlineRepository#cancel}) instead of recovering the order later for nothing.
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
    Optional<Instant> was = WakeUp.row(before, rules);
    Optional<Instant> next = WakeUp.row(after, rules);
    if (next.equals(was)) {
      return DONE;
    }
    Instant earliest = clock.instant().plus(lead);
    CompletionStage<Done> scheduled = next.isEmpty() ? DONE
        : repository.schedule(wakeUp(after, next.get()).notBefore(earliest));
    // The wake-up of a deadline that no longer stands is taken back while it is still ahead (it
    // was then written at its own time, not moved by the lead); one about to fire fires for nothing.
    return was.isPresent() && was.get().isAfter(earliest)
        ? scheduled.thenCompose(done -> repository.cancel(wakeUp(after, was.get())))
        : scheduled;
  }

  private static Deadline wakeUp(OrderState order, Instant at) {
    return new Deadline(OrderLedger.ENTITY_KEY.name(), order.orderId(), at);
  }
}
