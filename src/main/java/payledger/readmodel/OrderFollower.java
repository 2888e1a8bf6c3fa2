package payledger.readmodel;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import payledger.order.OrderEvent;
import payledger.order.OrderState;

/**
 * Work that rides the order projection's one pass over each tag (customer notifications, the
 * deadlines table), so an order event is read from the journal once and one offset is kept for
 * all of it. Called once per group with each order's projection fold before the group's events of
 * that order and after them, before the read-model rows and the folds are written: a failure fails
 * the group, which is delivered again. So a follower must be idempotent, and may see the same
 * events again (after a failure, or a read-model rebuild).
 */
public interface OrderFollower {

  /** One order's part of a group. */
  record Change(OrderState before, List<OrderEvent> events, OrderState after) {}

  CompletionStage<Done> follow(OrderState before, List<OrderEvent> events, OrderState after);

  /** A group's changes, in the order of the orders' first events: by default each one, all at once. */
  default CompletionStage<Done> follow(List<Change> group) {
    return CompletableFuture.allOf(group.stream()
            .map(c -> follow(c.before(), c.events(), c.after()).toCompletableFuture())
            .toArray(CompletableFuture[]::new))
        .thenApply(v -> Done.getInstance());
  }
}
