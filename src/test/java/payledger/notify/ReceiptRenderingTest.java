package payledger.notify;

import static org.junit.jupiter.api.Assertions.*;

import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import payledger.order.Invoice;
import payledger.order.Receipt;
import payledger.time.ServiceClock;
import payledger.testing.TestConfigs;

/** Receipts as HTML, PDF and mail text from one receipt; templates per locale; signed links. */
class ReceiptRenderingTest {

  static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
  private final ServiceClock clock = ServiceClock.frozenAt(T0);
  private final Messages messages =
      Notifications.messages(NotificationSettings.from(TestConfigs.service("")), clock);

  static Receipt receipt(String locale) {
    return new Receipt("R-order-7", "order-7", "cust-1", "ada@example.com", locale, "EUR",
        List.of(new Receipt.Line("SKU-MUG", "Mug", 2, 1250, 2500)), 495,
        List.of(new Invoice.Charge("VAT", 595)), List.of(new Invoice.Charge("WELCOME5", 500)),
        List.of(), 3090, 0, 3090,
        List.of(new Receipt.Payment("stripe", "pi_7", "card", 3090, T0.minusSeconds(5))),
        T0.minusSeconds(5), T0);
  }

  @Test
  void thePdfIsARealPdfWithTheOrderNumberAndTotal() throws IOException {
    byte[] pdf = messages.receiptPdf(receipt("en"));

    assertEquals("%PDF-", new String(pdf, 0, 5));
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      assertEquals(1, doc.getNumberOfPages());
      String text = new PDFTextStripper().getText(doc);
      assertTrue(text.contains("order-7"), text);
      assertTrue(text.contains("R-order-7"), text);
      assertTrue(text.contains("Total paid   30.90 EUR"), text);
      assertTrue(text.contains("2 x SKU-MUG Mug   12.50 EUR   25.00 EUR"), text);
      assertTrue(text.contains("Tax VAT   5.95 EUR"), text);
      assertTrue(text.contains("card via stripe, reference pi_7"), text);
      assertTrue(text.contains("Example Marketplace"), text);
    }
  }

  @Test
  void htmlAndMailComeFromTheSameReceiptInTheCustomersLocale() {
    String html = messages.receiptHtml(receipt("de"));
    assertTrue(html.contains("<h2>Quittung R-order-7</h2>"), html);
    assertTrue(html.contains("30,90 EUR"), "German number format");

    Notification n = new Notification("receipt:order-7", NotificationKind.RECEIPT, "order-7", null,
        "R-order-7", "cust-1", "ada@example.com", "en", List.of(Channel.EMAIL, Channel.IN_APP),
        Map.of(), receipt("en"), T0);
    Messages.Rendered mail = messages.render(n);
    assertEquals("Your receipt R-order-7 for order order-7", mail.subject());
    assertTrue(mail.text().contains("30.90 EUR"));
    assertTrue(mail.text().contains("http://127.0.0.1:8080/v1/receipts/"), "a self-service link");
    assertTrue(mail.html().contains("<h2>Receipt R-order-7</h2>"));
    assertTrue(mail.text().contains("Total paid"), "the receipt itself, not an attachment");
  }

  @Test
  void everyKindHasATemplateInEveryLocaleAndUnknownLocalesFallBackToEnglish() {
    Templates templates = new Templates();
    Map<String, Object> model = Map.of("orderId", "order-7", "amount", "30.90 EUR",
        "trackingNumber", "PL-1", "merchant", Merchant.from(ConfigFactory.load()));
    for (NotificationKind kind : NotificationKind.values()) {
      for (String locale : List.of("en", "de")) {
        Templates.Text text = templates.notification(kind, locale, model);
        assertFalse(text.subject().isBlank(), kind + " " + locale);
        assertTrue(text.body().contains("Example Marketplace"), kind + " " + locale);
      }
    }
    assertEquals(templates.notification(NotificationKind.PAYMENT_FAILED, "en", model),
        templates.notification(NotificationKind.PAYMENT_FAILED, "fr", model));
    String failed = templates.notification(NotificationKind.PAYMENT_FAILED, "en",
        Map.of("orderId", "o", "amount", "1.00 EUR", "retryBy", "2026-11-22 11:00 UTC",
            "merchant", Merchant.from(ConfigFactory.load()))).body();
    assertTrue(failed.contains("Retry the payment from your order page before 2026-11-22 11:00 UTC"), failed);
  }

  @Test
  void aReceiptLinkOpensOneReceiptUntilItExpires() {
    ReceiptLinks links = new ReceiptLinks("a-test-secret-of-some-length", Duration.ofDays(1),
        "http://shop/", clock);
    String token = links.token("order-7", T0.plusSeconds(60));

    assertEquals("order-7", links.verify(token).orElseThrow());
    String forged = links.token("order-8", T0.plusSeconds(60));
    String[] a = token.split("\\.");
    String[] b = forged.split("\\.");
    assertTrue(links.verify(b[0] + "." + a[1] + "." + a[2]).isEmpty(), "another order, this signature");
    assertTrue(links.verify(a[0] + "." + (T0.getEpochSecond() + 999) + "." + a[2]).isEmpty(), "a longer life");
    assertTrue(links.verify("garbage").isEmpty());
    assertTrue(new ReceiptLinks("another-secret-entirely", Duration.ofDays(1), "http://shop", clock)
        .verify(token).isEmpty());
    clock.advance(Duration.ofSeconds(61));
    assertTrue(links.verify(token).isEmpty(), "expired");
    assertTrue(links.link("order-7").startsWith("http://shop/v1/receipts/"));
  }
}
