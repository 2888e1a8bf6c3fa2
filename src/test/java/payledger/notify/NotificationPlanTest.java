package payledger.notify;

import static org.junit.jupiter.api.Assertions.*;
import static payledger.order.Fixtures.*;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import payledger.order.OrderEvent;
import payledger.order.OrderState;
import payledger.order.PaymentEventType;
import payledger.order.Receipts;

class NotificationPlanTest {

  private final NotificationPlan plan = new NotificationPlan(Duration.ofHours(1));
  private final OrderEvent registered = new OrderEvent.OrderRegistered("order-1", invoice(), T0);

  @Test
  void aPaymentThatSettlesTheOrderIsToldByItsReceiptAlone() {
    OrderEvent paid = new OrderEvent.PaymentRecorded("order-1",
        event("evt_1", PaymentEventType.SUCCEEDED, DUE), T0.plusSeconds(60));
    OrderEvent receipt = receiptAfter(registered, paid);

    List<NotificationPlan.Draft> drafts = plan.forOrder(List.of(registered, paid, receipt), "en");

    assertEquals(List.of(NotificationKind.RECEIPT),
        drafts.stream().map(NotificationPlan.Draft::kind).toList());
  }

  @Test
  void aPaymentThatLeavesABalanceIsConfirmed() {
    OrderEvent part = new OrderEvent.PaymentRecorded("order-1",
        event("evt_1", PaymentEventType.SUCCEEDED, 1000), T0.plusSeconds(60));

    assertEquals(List.of(NotificationKind.PAYMENT_CONFIRMED), plan.forOrder(List.of(registered, part), "en")
        .stream().map(NotificationPlan.Draft::kind).toList());
  }

  @Test
  void aRunCutBetweenThePaymentAndItsReceiptSendsBothRatherThanNone() {
    OrderEvent paid = new OrderEvent.PaymentRecorded("order-1",
        event("evt_1", PaymentEventType.SUCCEEDED, DUE), T0.plusSeconds(60));
    OrderEvent receipt = receiptAfter(registered, paid);

    assertEquals(NotificationKind.PAYMENT_CONFIRMED, plan.forOrder(List.of(paid), "en").get(0).kind());
    assertEquals(NotificationKind.RECEIPT, plan.forOrder(List.of(receipt), "en").get(0).kind());
  }

  private static OrderEvent receiptAfter(OrderEvent... events) {
    OrderState state = OrderState.empty("order-1");
    for (OrderEvent e : events) {
      state = state.apply(e);
    }
    return new OrderEvent.ReceiptIssued("order-1",
        Receipts.issue("order-1", state.facts(), T0.plusSeconds(60)), List.of());
  }
}
