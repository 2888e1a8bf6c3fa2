package payledger.load;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;

/**
 * The notification lag of a set of paid orders: from the 2xx of the payment event that settled
 * each ({@link Settlements}) to the moment the SMTP sink accepted its receipt mail
 * ({@code X-Payledger-Notification: receipt:<orderId>}), in ms; and how many receipts never came.
 */
record Receipts(long expected, long received, long p50, long p99, long max) {

  static String id(String orderId) {
    return "receipt:" + orderId;
  }

  static Receipts of(Map<String, Long> paidAt, Mailbox mail) {
    long[] lags = paidAt.entrySet().stream()
        .filter(e -> mail.acceptedAt(id(e.getKey())) != null)
        .mapToLong(e -> mail.acceptedAt(id(e.getKey())) - e.getValue()).sorted().toArray();
    return new Receipts(paidAt.size(), lags.length, at(lags, 0.5), at(lags, 0.99),
        lags.length == 0 ? 0 : lags[lags.length - 1]);
  }

  /** The receipts among {@code ids} (accepted in one soak window), against their orders' payment. */
  static Receipts ofAccepted(Collection<String> ids, Mailbox mail) {
    long[] lags = ids.stream()
        .filter(id -> Settlements.paidAt(id.substring("receipt:".length())) != null)
        .mapToLong(id -> mail.acceptedAt(id) - Settlements.paidAt(id.substring("receipt:".length())))
        .sorted().toArray();
    return new Receipts(lags.length, lags.length, at(lags, 0.5), at(lags, 0.99),
        lags.length == 0 ? 0 : lags[lags.length - 1]);
  }

  private static long at(long[] sorted, double p) {
    return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (p * sorted.length))];
  }

  /** e.g. "p50 410 / p99 1,900 ms (max 2,400; 2,310 of 2,312 receipts)". */
  String summary() {
    return String.format(Locale.ROOT, "p50 %,d / p99 %,d ms (max %,d; %,d of %,d receipts)",
        p50, p99, max, received, expected);
  }
}
