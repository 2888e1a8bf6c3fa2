package payledger.notify;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import payledger.money.Money;
import payledger.order.Discrepancy;
import payledger.order.DiscrepancyType;
import payledger.order.OrderEvent;
import payledger.order.PaymentEvent;
import payledger.order.PaymentEventType;

/** Retries with backoff, fallback across channels, and which events notify whom. */
class DeliveryPolicyTest {

  static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
  private final DeliveryPolicy policy = new DeliveryPolicy(3, Duration.ofSeconds(10), Duration.ofSeconds(25));
  private final List<Channel> channels = List.of(Channel.EMAIL, Channel.IN_APP);

  @Test
  void transientFailuresBackOffExponentiallyThenFallBackToTheNextChannel() {
    DeliveryPolicy.Step first = policy.after(DeliveryState.QUEUED, channels, Outcome.failed("refused"), T0);
    assertEquals(T0.plusSeconds(10), first.nextAttemptAt());
    assertEquals(1, first.state().attempts());
    DeliveryPolicy.Step second = policy.after(first.state(), channels, Outcome.failed("refused"), T0);
    assertEquals(T0.plusSeconds(20), second.nextAttemptAt());
    DeliveryPolicy.Step third = policy.after(second.state(), channels, Outcome.failed("refused"), T0);
    assertEquals(T0, third.nextAttemptAt(), "the next channel at once");
    assertEquals(1, third.state().channelIndex());
    assertEquals(DeliveryState.Status.QUEUED, third.state().status());

    DeliveryPolicy.Step inApp = policy.after(third.state(), channels, Outcome.sent(), T0.plusSeconds(1));
    assertNull(inApp.nextAttemptAt());
    assertEquals(DeliveryState.Status.DELIVERED, inApp.state().status());
    assertEquals("IN_APP", inApp.state().deliveredChannel());
    assertEquals(4, inApp.state().attempts());
    assertEquals(List.of("EMAIL attempt 1: refused", "EMAIL attempt 2: refused",
        "EMAIL attempt 3: refused"), inApp.state().failures());
    assertEquals(Duration.ofSeconds(25), policy.backoff(5), "capped");
  }

  @Test
  void aBounceFallsBackAtOnceAndTheLastChannelsFailureIsFinal() {
    DeliveryPolicy.Step bounced = policy.after(DeliveryState.QUEUED, channels,
        Outcome.bounced("SMTP 550: no such user"), T0);
    assertEquals(1, bounced.state().channelIndex());
    assertEquals(T0, bounced.nextAttemptAt());
    DeliveryPolicy.Step gone = policy.after(bounced.state(), channels, Outcome.bounced("x"), T0);
    assertEquals(DeliveryState.Status.FAILED, gone.state().status());
    assertNull(gone.nextAttemptAt());
  }

  @Test
  void channelPreferencesEndInTheInbox() {
    assertEquals(List.of(Channel.EMAIL, Channel.IN_APP), Channel.preferences(List.of()));
    assertEquals(List.of(Channel.WEBHOOK, Channel.EMAIL, Channel.IN_APP),
        Channel.preferences(List.of("webhook", "email")));
    assertEquals(List.of(Channel.IN_APP), Channel.preferences(List.of("in_app")));
  }

  @Test
  void eventsMapToNotificationsWithStableIds() {
    NotificationPlan plan = new NotificationPlan(Duration.ofHours(1));
    PaymentEvent failed = new PaymentEvent("evt_1", "stripe", PaymentEventType.FAILED, "order-1",
        "pi_1", new Money(3090, "EUR"), "card", T0, "cust-1", "card_declined");
    var drafts = plan.forOrder(new OrderEvent.PaymentRecorded("order-1", failed, T0), "de");
    assertEquals(1, drafts.size());
    assertEquals(NotificationKind.PAYMENT_FAILED, drafts.get(0).kind());
    assertEquals("payment:order-1:stripe:evt_1", drafts.get(0).id());
    assertEquals("30,90\u00a0€", drafts.get(0).values().get("amount"), "German amount");
    assertEquals("22. November 2026, 11:00 UTC", drafts.get(0).values().get("retryBy"));
    assertEquals(drafts, plan.forOrder(new OrderEvent.PaymentRecorded("order-1", failed, T0), "de"),
        "a replay yields the same notifications");

    Discrepancy under = new Discrepancy("D1", DiscrepancyType.UNDERPAYMENT, "order",
        new Money(3090, "EUR"), new Money(1000, "EUR"), List.of(), "short", T0,
        T0.plus(Duration.ofHours(24)), T0.plus(Duration.ofHours(48)), null, null, null, null);
    var partial = plan.forOrder(new OrderEvent.DiscrepancyOpened("order-1", under), "en").get(0);
    assertEquals(NotificationKind.PAYMENT_UPDATE, partial.kind());
    assertEquals("€20.90", partial.values().get("outstanding"));
    assertEquals("November 24, 2026, 10:00 UTC", partial.values().get("resolveBy"));
    assertEquals("D1", partial.subjectId());
  }
}
