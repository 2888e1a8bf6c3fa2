package payledger.notify;

import java.util.List;

/**
 * How to reach the customer of an order (its invoice) or a case (its order's customer, or the
 * inbox alone).
 *
 * @param email null when unknown (a case opened without an order): the inbox still works
 * @param locale e.g. "en", "de"; null for the default
 * @param phone E.164, for SMS; null when unknown
 */
public record Contact(
    String customerId, String email, String locale, List<Channel> channels, String orderId,
    String phone) {

  public Contact {
    channels = List.copyOf(channels);
  }

  /** A contact without a phone number. */
  public Contact(String customerId, String email, String locale, List<Channel> channels, String orderId) {
    this(customerId, email, locale, channels, orderId, null);
  }

  /** The customer of an order, as its invoice names them. */
  public static Contact of(payledger.order.Invoice invoice, String orderId) {
    return new Contact(invoice.customerId(), invoice.customerEmail(), invoice.locale(),
        Channel.preferences(invoice.notificationChannels()), orderId, invoice.customerPhone());
  }
}
