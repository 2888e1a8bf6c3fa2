package payledger.notify;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import payledger.order.Invoice;
import payledger.order.OrderEvent;
import payledger.order.OrderState;
import payledger.readmodel.OrderFollower;

/**
 * An order's customer notifications, on the order projection's pass: the events of a group call for
 * them ({@link NotificationPlan}), the order's fold says who to tell (its invoice), and the group's
 * notifications are handed to {@link Delivery#start}, which keeps them pending and sends them
 * without holding up the pass; one order's go one after the other, so they arrive in the order of
 * the events. Payments of an order not registered yet have no known customer to tell.
 */
public final class OrderNotifications implements OrderFollower {

  private final NotificationPlan plan;
  private final Delivery delivery;

  public OrderNotifications(NotificationPlan plan, Delivery delivery) {
    this.plan = plan;
    this.delivery = delivery;
  }

  @Override
  public CompletionStage<Done> follow(OrderState before, List<OrderEvent> events, OrderState after) {
    return follow(List.of(new Change(before, events, after)));
  }

  @Override
  public CompletionStage<Done> follow(List<Change> group) {
    List<List<Notification>> byOrder = new ArrayList<>();
    for (Change change : group) {
      Invoice invoice = change.after().facts().invoice();
      if (invoice == null) {
        continue;
      }
      Contact contact = Contact.of(invoice, change.after().orderId());
      List<Notification> notifications = plan.forOrder(change.events(), invoice.locale()).stream()
          .map(draft -> draft.to(contact)).toList();
      if (!notifications.isEmpty()) {
        byOrder.add(notifications);
      }
    }
    return delivery.start(byOrder);
  }
}
