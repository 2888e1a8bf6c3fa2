package payledger.notify;

import static org.junit.jupiter.api.Assertions.*;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import payledger.money.Money;
import payledger.order.OrderEvent;
import payledger.order.PaymentEvent;
import payledger.order.PaymentEventType;
import payledger.testing.TestConfigs;
import payledger.time.ServiceClock;

/** The short texts of the SMS channel: one per customer kind and locale, with the mails' values. */
class SmsTextsTest {

  static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
  private static final List<NotificationKind> CUSTOMER_KINDS = List.of(
      NotificationKind.PAYMENT_CONFIRMED, NotificationKind.PAYMENT_FAILED, NotificationKind.PAYMENT_UPDATE,
      NotificationKind.DISCREPANCY_NOTICE, NotificationKind.DISPUTE_ACKNOWLEDGED,
      NotificationKind.DISPUTE_UPDATE, NotificationKind.DISPUTE_RESOLVED, NotificationKind.RECEIPT);

  private final Templates templates = new Templates();
  private final Messages messages = Notifications.messages(NotificationSettings.from(TestConfigs.service("")),
      ServiceClock.frozenAt(T0));

  @Test
  void everyCustomerKindHasAShortTextInEveryLocale() {
    Map<String, Object> model = new HashMap<>(Map.of("orderId", "order-7", "amount", "€30.90",
        "trackingNumber", "PL-1", "number", "R-order-7", "totalPaid", "€30.90", "retryBy", "Nov 22",
        "method", "Visa •••• 4242", "update", "waiting for you", "action", "REFUND",
        "merchant", Merchant.from(ConfigFactory.load())));
    model.put("resolveBy", "Nov 24");
    model.put("onHold", "true");
    for (NotificationKind kind : CUSTOMER_KINDS) {
      for (String locale : List.of("en", "de", "pl")) {
        String sms = templates.sms(kind, locale, model);
        assertNotNull(sms, kind + " " + locale);
        assertTrue(sms.startsWith("Example Marketplace: "), "signed first: " + sms);
        assertFalse(sms.contains("{{") || sms.contains("\n"), sms);
        assertTrue(sms.length() <= 200, "short: " + sms.length() + " " + sms);
      }
    }
    assertNull(templates.sms(NotificationKind.DISCREPANCY_SLA, "en", model), "the support queue's is no text");
    assertEquals(templates.sms(NotificationKind.RECEIPT, "en", model), templates.sms(NotificationKind.RECEIPT, "fr", model));
    assertEquals(templates.sms(NotificationKind.RECEIPT, "de", model), templates.sms(NotificationKind.RECEIPT, "de-AT", model));
  }

  @Test
  void aRenderedMessageCarriesItsTextWithTheCardAndTheAmountOfTheLocale() {
    PaymentEvent paid = new PaymentEvent("evt_1", "stripe", PaymentEventType.SUCCEEDED, "order-1", "ch_1",
        new Money(3090, "EUR"), "card", T0, "cust-1", null,
        new PaymentEvent.Card("visa", "4242", null, "credit", null), null);
    NotificationPlan.Draft draft = new NotificationPlan(Duration.ofHours(1))
        .forOrder(List.of(new OrderEvent.PaymentRecorded("order-1", paid, T0)), "pl").get(0);
    Messages.Rendered m = messages.render(draft.to(new Contact("cust-1", "jan@example.pl", "pl",
        List.of(Channel.SMS), "order-1", "+48601234567")));
    assertEquals("Example Marketplace: otrzymaliśmy 30,90\u00a0€ za zamówienie order-1 (Visa •••• 4242). Dziękujemy!",
        m.sms());
  }

  @Test
  void aReceiptsTextLinksItsSelfServiceCopy() {
    Notification n = new Notification("receipt:order-7", NotificationKind.RECEIPT, "order-7", null,
        "R-order-7", "cust-1", "ada@example.com", "de", List.of(Channel.SMS), Map.of(),
        ReceiptSamples.singleRate("de"), T0, "+4915112345678");
    String sms = messages.render(n).sms();
    assertTrue(sms.startsWith("Example Marketplace: Quittung R-order-7 für Bestellung order-7, 29,69\u00a0€ bezahlt."), sms);
    assertTrue(sms.contains("http://127.0.0.1:8080/v1/receipts/"), sms);
  }
}
