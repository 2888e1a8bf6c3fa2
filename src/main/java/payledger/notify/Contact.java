package payledger.notify;

import java.util.List;

/**
 * How to reach the customer of an order or a case, as the notification projection learnt it from
 * the order's registration (or the case's opening).
 *
 * @param email null when unknown (a case opened without an order): the inbox still works
 * @param locale e.g. "en", "de"; null for the default
 */
public record Contact(
    String customerId, String email, String locale, List<Channel> channels, String orderId) {

  public Contact {
    channels = List.copyOf(channels);
  }
}
