package payledger.sla;

import static org.junit.jupiter.api.Assertions.*;
import static payledger.order.Fixtures.*;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.javadsl.Source;
import org.junit.jupiter.api.Test;
import payledger.order.Discrepancy;
import payledger.order.DiscrepancyDeadline;
import payledger.order.DiscrepancyType;
import payledger.order.OrderEvent;
import payledger.order.OrderState;
import payledger.order.PaymentEventType;
import payledger.order.ReconciliationSettings;
import payledger.order.Resolution;

class OrderDeadlinesTest {

  private final List<Deadline> written = new ArrayList<>();
  private final List<Deadline> cancelled = new ArrayList<>();
  private final OrderDeadlines deadlines = new OrderDeadlines(new Written(),
      ReconciliationSettings.DEFAULT, Clock.fixed(T0, ZoneOffset.UTC), Duration.ofSeconds(5));
  private final OrderEvent registered = new OrderEvent.OrderRegistered("order-1", invoice(), T0);
  private final OrderEvent paid = new OrderEvent.PaymentRecorded("order-1",
      event("evt_1", PaymentEventType.SUCCEEDED, DUE), T0.plusSeconds(60));

  @Test
  void anOrderRegisteredAndPaidInOneGroupIsNeverWoken() {
    follow(OrderState.empty("order-1"), registered, paid);

    assertEquals(List.of(), written);
  }

  @Test
  void anOrderAwaitingPaymentHasNoRowItsGraceIsFoundInTheListOfUnpaidOrders() {
    OrderState open = follow(OrderState.empty("order-1"), registered);
    follow(open, new OrderEvent.DisputeNoted("order-1", "dsp-1", "MISSING_PAYMENT", T0));

    assertEquals(List.of(), written);
    assertEquals(List.of(), cancelled);
  }

  @Test
  void anOrderPaidInALaterGroupWritesAndDeletesNothing() {
    OrderState open = follow(OrderState.empty("order-1"), registered);
    follow(open, paid);

    assertEquals(List.of(), written);
    assertEquals(List.of(), cancelled);
  }

  @Test
  void anUnpaidOrderThatLeavesTheListWhileItsPaymentCanStillBeMissingGetsItsGraceAsARow() {
    OrderState open = follow(OrderState.empty("order-1"), registered);
    Instant refundedAt = T0.plusSeconds(600);
    Discrepancy d = new Discrepancy("D1", DiscrepancyType.REFUND_EXCEEDS_PAYMENT, "order", null,
        null, List.of(), "refunded more than paid", refundedAt, refundedAt.plus(Duration.ofHours(24)),
        refundedAt.plus(Duration.ofHours(48)), null, null, null, null);
    OrderState flagged = follow(open, new OrderEvent.PaymentRecorded("order-1",
        event("evt_r", PaymentEventType.REFUNDED, 500), refundedAt),
        new OrderEvent.DiscrepancyOpened("order-1", d));

    assertEquals("DISCREPANCY", flagged.status().name(), "no longer listed as awaiting payment");
    assertEquals(List.of(new Deadline("OrderLedger", "order-1", T0.plus(Duration.ofHours(1)))),
        written);
  }

  @Test
  void aFailedPaymentWakesTheOrderAtTheEndOfItsRetryGrace() {
    OrderState open = follow(OrderState.empty("order-1"), registered);
    Instant failedAt = T0.plusSeconds(600);
    follow(open, new OrderEvent.PaymentRecorded("order-1",
        event("evt_2", PaymentEventType.FAILED, DUE), failedAt));

    assertEquals(List.of(new Deadline("OrderLedger", "order-1", failedAt.plus(Duration.ofHours(1)))),
        written, "a failed attempt is not a missing payment");
    assertEquals(List.of(), cancelled);
  }

  @Test
  void aFailedAttemptOnAPaidOrderWakesNothing() {
    OrderState paidOnce = follow(OrderState.empty("order-1"), registered, paid);
    follow(paidOnce, new OrderEvent.PaymentRecorded("order-1",
        event("evt_2", PaymentEventType.FAILED, DUE), T0.plusSeconds(600)));

    assertEquals(List.of(), written);
  }

  @Test
  void anOpenDiscrepancyWakesTheOrderAtEachSlaMomentUntilItIsResolved() {
    OrderState half = follow(OrderState.empty("order-1"), registered, new OrderEvent.PaymentRecorded(
        "order-1", event("evt_1", PaymentEventType.SUCCEEDED, 1000), T0));
    Discrepancy d = new Discrepancy("D1", DiscrepancyType.UNDERPAYMENT, "order", null, null,
        List.of(), "short", T0, T0.plus(Duration.ofHours(24)), T0.plus(Duration.ofHours(48)),
        null, null, null, null);
    OrderState flagged = follow(half, new OrderEvent.DiscrepancyOpened("order-1", d));
    OrderState warned = follow(flagged, new OrderEvent.DiscrepancyDeadlinePassed("order-1", "D1",
        DiscrepancyType.UNDERPAYMENT, DiscrepancyDeadline.NOTICE_WARNING,
        T0.plus(Duration.ofHours(18)), 0, T0.plus(Duration.ofHours(18))));
    follow(warned, new OrderEvent.DiscrepancyResolved("order-1", "D1", Resolution.WRITTEN_OFF,
        "agent-7", null, T0.plus(Duration.ofHours(20))));

    Deadline notice = new Deadline("OrderLedger", "order-1", T0.plus(Duration.ofHours(18)));
    Deadline overdue = new Deadline("OrderLedger", "order-1", T0.plus(Duration.ofHours(24)));
    assertEquals(List.of(notice, overdue), written);
    assertEquals(List.of(notice, overdue), cancelled, "a resolved discrepancy wakes nothing");
  }

  private OrderState follow(OrderState before, OrderEvent... events) {
    OrderState after = before;
    for (OrderEvent e : events) {
      after = after.apply(e);
    }
    deadlines.follow(before, List.of(events), after).toCompletableFuture().join();
    return after;
  }

  private final class Written implements DeadlineRepository {
    @Override
    public CompletionStage<Done> schedule(Deadline deadline) {
      written.add(deadline);
      return CompletableFuture.completedFuture(Done.getInstance());
    }

    @Override
    public CompletionStage<Done> cancel(Deadline deadline) {
      cancelled.add(deadline);
      return CompletableFuture.completedFuture(Done.getInstance());
    }

    @Override
    public Source<Deadline, NotUsed> due(String bucket, Instant after, Instant upTo) {
      throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<Done> removeDelivered(String bucket, Instant after, Instant upTo) {
      throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<Optional<Instant>> watermark() {
      throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<Done> saveWatermark(Instant watermark) {
      throw new UnsupportedOperationException();
    }
  }
}
