package payledger.sla;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.javadsl.Source;

/**
 * The orders still awaiting payment, by the time of their registration (the order list
 * {@code rm_orders_by_status_hour_shard}, status AWAITING_PAYMENT, the shards of each hour merged
 * in time order), and how far {@link PaymentGraceScan} has woken them: what replaces a
 * payment-grace row per order in the deadlines table.
 */
public interface UnpaidOrders {

  record Unpaid(String orderId, Instant registeredAt) {}

  /** The orders listed as awaiting payment that were registered in {@code (after, upTo]}. */
  Source<Unpaid, NotUsed> registered(Instant after, Instant upTo);

  /** Every order registered up to this instant and still unpaid at its grace's end was woken. */
  CompletionStage<Optional<Instant>> scanned();

  CompletionStage<Done> saveScanned(Instant upTo);
}
