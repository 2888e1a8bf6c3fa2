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
import payledger.testing.TestConfigs;
import payledger.time.ServiceClock;

/**
 * Messages a customer can act on: amounts as money, what is owed or refunded and how to pay, from
 * the merchant with a Reply-To, as text and HTML, and no gateway ids.
 */
class CustomerMessagesTest {

  static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
  private final Messages messages = Notifications.messages(NotificationSettings.from(TestConfigs.service("")),
      ServiceClock.frozenAt(T0));
  private final NotificationPlan plan = new NotificationPlan(Duration.ofHours(1));

  @Test
  void aMissingPaymentNoticeSaysWhatIsOwedAndWhereToPayIt() {
    Messages.Rendered en = render(discrepancy(DiscrepancyType.MISSING_PAYMENT, 3090, 0), "en");
    assertTrue(en.text().contains("€30.90 is due and we received €0.00"), en.text());
    assertTrue(en.text().contains("€30.90 is still open. You can pay the balance here: "
        + "https://shop.example.com/pay/order-1"), en.text());
    assertTrue(en.text().contains("Questions? Reply to this message"), en.text());
    assertFalse(en.text().contains("3090"), "no minor units");
    assertTrue(en.html().contains("<a href=\"https://shop.example.com/pay/order-1\">"), en.html());

    Messages.Rendered pl = render(discrepancy(DiscrepancyType.FAILED_PAYMENT, 25000, 0), "pl");
    assertTrue(pl.text().contains("Do zapłaty pozostaje 250,00\u00a0€"), pl.text());
    assertTrue(pl.subject().contains("płatności"), pl.subject());
  }

  @Test
  void anOverpaymentNoticeSaysWhatWillBeRefunded() {
    Messages.Rendered de = render(discrepancy(DiscrepancyType.OVERPAYMENT, 3090, 3340), "de");
    assertTrue(de.text().contains("Sie haben 2,50\u00a0€ zu viel bezahlt"), de.text());
    assertFalse(de.text().contains("https://shop.example.com/pay/"), "nothing to pay");
    assertFalse(de.text().contains("250 EUR") || de.text().contains("over by"), de.text());
  }

  @Test
  void aPartialPaymentTellsTheBalanceAndTheLink() {
    Messages.Rendered en = render(discrepancy(DiscrepancyType.UNDERPAYMENT, 3090, 2840), "en");
    assertTrue(en.text().contains("so €2.50 is still open"), en.text());
    assertTrue(en.text().contains("https://shop.example.com/pay/order-1"), en.text());
  }

  @Test
  void everyMessageIsFromTheMerchantWithTextHtmlAndNoGatewayIds() {
    PaymentEvent paid = new PaymentEvent("evt_1", "stripe", PaymentEventType.SUCCEEDED, "order-1",
        "pi_3Q7", new Money(1000, "EUR"), "sepa_debit", T0, "cust-1", null);
    NotificationPlan.Draft draft = plan.forOrder(
        List.of(new OrderEvent.PaymentRecorded("order-1", paid, T0)), "de").get(0);
    Messages.Rendered m = messages.render(draft.to(contact("de")));

    assertEquals("Example Marketplace", m.senderName());
    assertEquals("support@example.com", m.replyTo());
    assertTrue(m.text().contains("10,00\u00a0€") && m.text().contains("SEPA-Lastschrift"), m.text());
    assertFalse(m.text().contains("pi_3Q7") || m.text().contains("stripe"), m.text());
    assertTrue(m.html().startsWith("<!DOCTYPE html>") && m.html().contains("lang=\"de\""), m.html());
    assertTrue(m.html().contains("10,00\u00a0€"), m.html());
  }

  @Test
  void aPaymentConfirmationNamesTheCardAsTheCustomerKnowsItInEveryLocale() {
    PaymentEvent paid = new PaymentEvent("evt_2", "stripe", PaymentEventType.SUCCEEDED, "order-1",
        "ch_3Q7", new Money(1000, "EUR"), "card", T0, "cust-1", null,
        new PaymentEvent.Card("visa", "4242", "Xt5EWLLDS7FJjR1c", "credit", null),
        new PaymentEvent.Risk(PaymentEvent.RiskLevel.NORMAL, 20, "normal"));
    for (String locale : List.of("en", "de", "pl")) {
      NotificationPlan.Draft draft = plan.forOrder(
          List.of(new OrderEvent.PaymentRecorded("order-1", paid, T0)), locale).get(0);
      Messages.Rendered m = messages.render(draft.to(contact(locale)));
      assertTrue(m.text().contains("Visa •••• 4242"), m.text());
      assertTrue(m.html().contains("Visa •••• 4242"), m.html());
      assertFalse(m.text().contains("Xt5EWLLDS7FJjR1c") || m.text().contains("normal"), m.text());
    }
  }

  @Test
  void textBecomesEscapedHtmlWithLinks() {
    String html = MessageHtml.body("Hello <b> & 'you',\nline two https://x.example/pay/1.\n\nNext");
    assertEquals("<p>Hello &lt;b&gt; &amp; &#39;you&#39;,<br/>\nline two "
        + "<a href=\"https://x.example/pay/1\">https://x.example/pay/1</a>.</p>\n<p>Next</p>\n", html);
  }

  private Messages.Rendered render(Discrepancy d, String locale) {
    NotificationPlan.Draft draft = plan.forOrder(
        List.of(new OrderEvent.DiscrepancyOpened("order-1", d)), locale).get(0);
    return messages.render(draft.to(contact(locale)));
  }

  private static Contact contact(String locale) {
    return new Contact("cust-1", "ada@example.com", locale, List.of(Channel.EMAIL), "order-1");
  }

  private static Discrepancy discrepancy(DiscrepancyType type, long expected, long actual) {
    return new Discrepancy("D1", type, "order", new Money(expected, "EUR"), new Money(actual, "EUR"),
        List.of(), "short by 250 EUR", T0, T0.plus(Duration.ofHours(24)),
        T0.plus(Duration.ofHours(48)), null, null, null, null);
  }
}
