package payledger.notify;

import java.util.List;

/**
 * How to reach the customer of an order (its invoice) or a case (its order's customer, or the
 * inbox alone).
 *
 * @param email null when unknown (a case opened without an order): the inbox still works
 * @param locale e.g. "en", "de"; null for the default
 */
public record Contact(
    String customerId, String email, String locale, List<Channel> channels, String orderId) {

  public Contact {
    channels = List.copyOf(channels);
  }

  /** The customer of an order, as its invoice names them. */
  public static Contact of(payledger.order.Invoice invoice, String orderId) {
    return new Contact(invoice.customerId(), invoice.customerEmail(), invoice.locale(),
        Channel.preferences(invoice.notificationChannels()), orderId);
  }
}
