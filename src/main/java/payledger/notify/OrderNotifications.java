package payledger.notify;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import payledger.order.Invoice;
import payledger.order.OrderEvent;
import payledger.order.OrderState;
import payledger.readmodel.OrderFollower;

/**
 * An order's customer notifications, on the order projection's pass: the events of a group call for
 * them ({@link NotificationPlan}), the order's fold says who to tell (its invoice), and each is
 * sent at once ({@link Delivery#first}), one after the other so they arrive in the order of the
 * events. Payments of an order not registered yet have no known customer to tell.
 */
public final class OrderNotifications implements OrderFollower {

  private static final CompletionStage<Done> DONE = CompletableFuture.completedFuture(Done.getInstance());

  private final NotificationPlan plan;
  private final Delivery delivery;

  public OrderNotifications(NotificationPlan plan, Delivery delivery) {
    this.plan = plan;
    this.delivery = delivery;
  }

  @Override
  public CompletionStage<Done> follow(OrderState before, List<OrderEvent> events, OrderState after) {
    Invoice invoice = after.facts().invoice();
    if (invoice == null) {
      return DONE;
    }
    Contact contact = Contact.of(invoice, after.orderId());
    CompletionStage<Done> all = DONE;
    for (NotificationPlan.Draft draft : plan.forOrder(events, invoice.locale())) {
      all = all.thenCompose(done -> delivery.first(draft.to(contact)));
    }
    return all;
  }
}
