package payledger.load;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each order was paid, as the generator saw it: the moment (epoch ms) the service answered 2xx
 * to the payment event that settles it — the service answers only after the journal write, so this
 * is the latest the payment can have been journaled. The start of the notification lag.
 */
final class Settlements {

  private static final Map<String, Long> PAID_AT = new ConcurrentHashMap<>();

  private Settlements() {}

  static void settled(String orderId) {
    PAID_AT.putIfAbsent(orderId, System.currentTimeMillis());
  }

  static void reset() {
    PAID_AT.clear();
  }

  static Map<String, Long> snapshot() {
    return new TreeMap<>(PAID_AT);
  }

  static Long paidAt(String orderId) {
    return PAID_AT.get(orderId);
  }
}
