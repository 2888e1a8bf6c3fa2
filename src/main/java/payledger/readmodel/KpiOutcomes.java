package payledger.readmodel;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import payledger.order.DeliveryReport;
import payledger.order.PaymentEvent;
import payledger.order.Receipt;

/**
 * Pure: how the KPI facts classify what the ledger recorded — a failed payment as a decline or a
 * failure, and the receipt's automatic send as delivered on the first channel, after falling back,
 * or never.
 */
public final class KpiOutcomes {

  /** Words in a gateway's failure reason that say the customer's bank or card refused the payment. */
  private static final List<String> DECLINE_WORDS = List.of("declin", "refus", "insufficient", "expired");

  private static final String RECEIPT = "RECEIPT";

  private KpiOutcomes() {}

  /** How the receipt's automatic send ended. */
  public enum Delivery {
    FIRST_CHANNEL,
    AFTER_FALLBACK,
    NEVER
  }

  /**
   * Whether a failed payment was declined: its reason says the customer's bank or card refused it
   * (contains "declin", "refus", "insufficient" or "expired", any case: Stripe's
   * {@code card_declined}, {@code expired_card}, Adyen's {@code Refused}); any other failure
   * (processing errors, timeouts, a failed capture, no reason) is a failure, not a decline.
   */
  public static boolean declined(PaymentEvent failed) {
    String reason = failed.failureReason();
    if (reason == null) {
      return false;
    }
    String lower = reason.toLowerCase(Locale.ROOT);
    return DECLINE_WORDS.stream().anyMatch(lower::contains);
  }

  /**
   * How the automatic send of {@code receipt} ended, empty while it has not. The automatic send is
   * the first queued of the order's RECEIPT notifications (support's resends are queued later). A
   * report names the channel that delivered it, and its failures each begin with the channel they
   * were on ({@link DeliveryReport#failures()}: "EMAIL attempt 2: connection refused"); channels
   * are tried in the customer's order, so the first failure's channel is the first one tried, and
   * a delivery on another channel came after falling back. Retries on the first channel are no
   * fallback.
   */
  public static Optional<Delivery> receipt(Receipt receipt, List<DeliveryReport> reports) {
    if (receipt == null) {
      return Optional.empty();
    }
    return reports.stream()
        .filter(r -> r.kind().equals(RECEIPT) && receipt.number().equals(r.subjectId()))
        .min(Comparator.comparing(DeliveryReport::queuedAt, Comparator.nullsLast(Comparator.<Instant>naturalOrder())))
        .map(KpiOutcomes::delivery);
  }

  static Delivery delivery(DeliveryReport r) {
    if (!r.delivered()) {
      return Delivery.NEVER;
    }
    boolean fellBack = !r.failures().isEmpty() && r.channel() != null
        && !r.failures().get(0).startsWith(r.channel() + " ");
    return fellBack ? Delivery.AFTER_FALLBACK : Delivery.FIRST_CHANNEL;
  }
}
