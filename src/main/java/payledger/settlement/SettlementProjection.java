package payledger.settlement;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.projection.cassandra.javadsl.CassandraProjection;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.javadsl.Handler;
import payledger.order.OrderEvent;
import payledger.order.OrderLedger;
import payledger.order.PaymentEventType;
import payledger.projection.TagProjections;

/**
 * {@code settlement-payments}: the settlement's own pass over the order tags, keeping what a
 * settlement line is matched against — each payment, refund and chargeback the ledger journaled,
 * by (gateway, payment id) — in {@code stl_payments} (and the succeeded payments by day, for
 * SETTLEMENT_MISSING). At-least-once; every write an idempotent upsert keyed by the event.
 */
public final class SettlementProjection {

  public static final String NAME = "settlement-payments";

  private static final Set<PaymentEventType> MOVING = Set.of(PaymentEventType.SUCCEEDED,
      PaymentEventType.REFUNDED, PaymentEventType.CHARGEBACK, PaymentEventType.CHARGEBACK_REVERSED);

  private SettlementProjection() {}

  public static void init(ActorSystem<?> system, SettlementStore store) {
    TagProjections.<OrderEvent>init(system, NAME, OrderLedger.TAGS,
        (id, source) -> CassandraProjection.groupedWithin(id, source, () -> new PaymentsHandler(store))
            .withGroup(100, Duration.ofMillis(500)));
  }

  /** The ledger payments an order event journaled; none for other events. */
  static List<LedgerPayment> payments(OrderEvent event) {
    if (event instanceof OrderEvent.PaymentRecorded recorded && MOVING.contains(recorded.payment().type())) {
      var p = recorded.payment();
      return List.of(new LedgerPayment(p.gateway(), p.paymentId(), p.key(), recorded.orderId(), p.type(),
          p.amount(), p.method(), recorded.recordedAt()));
    }
    return List.of();
  }

  private static final class PaymentsHandler extends Handler<List<EventEnvelope<OrderEvent>>> {
    private final SettlementStore store;

    PaymentsHandler(SettlementStore store) {
      this.store = store;
    }

    @Override
    public CompletionStage<Done> process(List<EventEnvelope<OrderEvent>> envelopes) {
      List<LedgerPayment> payments = new ArrayList<>();
      envelopes.forEach(e -> payments.addAll(payments(e.event())));
      return store.recordPayments(payments);
    }
  }
}
