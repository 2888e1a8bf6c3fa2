package payledger.notify;

import static org.junit.jupiter.api.Assertions.*;

import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import payledger.order.Receipt;
import payledger.testing.TestConfigs;
import payledger.time.ServiceClock;

/**
 * Receipts as HTML, PDF and mail text from one receipt and one layout; labels per locale; every
 * character of every name and label in the PDF (its fonts embedded); signed links.
 */
class ReceiptRenderingTest {

  static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
  static final List<String> LOCALES = List.of("en", "de", "pl");
  private final ServiceClock clock = ServiceClock.frozenAt(T0);
  private final Messages messages =
      Notifications.messages(NotificationSettings.from(TestConfigs.service("")), clock);

  /** The receipt of {@code ReceiptBench}: one line, one tax, one card payment. */
  static Receipt receipt(String locale) {
    return ReceiptSamples.singleRate(locale);
  }

  static Stream<Arguments> everySampleInEveryLocale() {
    List<Arguments> all = new ArrayList<>();
    for (String sample : ReceiptSamples.NAMES) {
      for (String locale : LOCALES) {
        all.add(Arguments.of(sample, locale));
      }
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0} in {1}")
  @MethodSource("everySampleInEveryLocale")
  void everyCharacterOfTheNamesAndLabelsIsInThePdfInAnEmbeddedFont(String sample, String locale)
      throws IOException {
    Receipt r = ReceiptSamples.sample(sample, locale);
    // A fresh renderer per locale: PDFs are kept by receipt number, and the samples share numbers.
    Messages fresh = Notifications.messages(NotificationSettings.from(TestConfigs.service("")), clock);
    byte[] pdf = fresh.receiptPdf(r);

    assertEquals("%PDF-", new String(pdf, 0, 5));
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      assertEquals(1, doc.getNumberOfPages(), "a receipt fits one page");
      String text = new PDFTextStripper().getText(doc);
      String flat = flat(text);
      Map<String, String> t = new Templates().receiptLabels(locale);
      List<String> expected = new ArrayList<>();
      r.items().forEach(l -> {
        expected.add(l.description());
        expected.add(l.sku());
      });
      r.discounts().forEach(d -> expected.add(d.name()));
      r.taxes().forEach(d -> expected.add(d.name()));
      r.adjustments().forEach(a -> expected.add(a.description()));
      expected.addAll(List.of(r.number(), r.orderId(), r.customerEmail(),
          "Example Marketplace", "support@example.com"));
      for (String key : List.of("receipt", "receiptNumber", "orderNumber", "datePaid", "issued",
          "billedTo", "paymentMethod", "amountPaid", "paidOn", "item", "itemNumber", "qty",
          "unitPrice", "amount", "subtotal", "total", "taxSummary", "rate", "net", "gross",
          "payments", "date", "method", "questions", "thanks", "vatId", "utcNote")) {
        expected.add(t.get(key));
      }
      for (String s : expected) {
        assertTrue(flat.contains(flat(s)), "'" + s + "' missing in " + sample + "/" + locale + ":\n" + text);
      }
      String leftover = flat;
      expected.sort((x, y) -> y.length() - x.length()); // "Quittung" is in a longer label too
      for (String s : expected) {
        leftover = leftover.replace(flat(s), "");
      }
      assertFalse(leftover.contains("?") || leftover.contains("#") || leftover.contains("\ufffd"),
          "a character the font could not show:\n" + text);

      List<PDFont> fonts = fonts(doc);
      assertFalse(fonts.isEmpty());
      for (PDFont font : fonts) {
        assertTrue(font.isEmbedded(), font.getName() + " is embedded");
        assertTrue(font.getName().contains("NotoSans"), font.getName() + " is the project's font");
      }
    }
  }

  @Test
  void thePdfIsTheHtmlReceiptWithAmountsDatesAndNumbersOfTheLocale() throws IOException {
    String en = pdfText(ReceiptSamples.twoRates("en"));
    assertTrue(en.contains("€107.46"), en);
    assertTrue(en.contains("November 22, 2026, 09:41 UTC"), en);
    assertTrue(en.contains("VAT 7% on €19.43"), "the tax line names its base: " + en);
    assertTrue(en.contains("VAT 19% 19% €72.79 €13.83 €86.62"), "net, tax and gross by rate: " + en);
    assertTrue(en.contains("Mastercard •••• 5454 (Apple Pay), SEPA Direct Debit"), en);

    String de = pdfText(ReceiptSamples.twoRates("de"));
    assertTrue(de.contains("107,46 €"), de);
    assertTrue(de.contains("22. November 2026, 09:41 UTC"), de);
    assertTrue(de.contains("MwSt. 19 % 19 % 72,79 € 13,83 € 86,62 €"), de);
    assertTrue(de.contains("Mastercard •••• 5454 (Apple Pay) 50,00 €"), de);
    assertTrue(de.contains("SEPA-Lastschrift 57,46 €"), de);

    String pl = pdfText(ReceiptSamples.refunded("pl"));
    assertTrue(pl.contains("147,11 zł"), pl);
    assertTrue(pl.contains("22 listopada 2026"), pl);
    assertTrue(pl.contains("Zwrócono -19,99 zł"), pl);
    assertTrue(pl.contains("Korekta: Rabat za opóźnioną dostawę -10,00 zł"), pl);
  }

  @Test
  void noInternalIdsReachTheCustomer() {
    Receipt r = ReceiptSamples.twoRates("en");
    Notification n = new Notification("receipt:order-8", NotificationKind.RECEIPT, "order-8", null,
        "R-order-8", "cust-2", r.customerEmail(), "en", List.of(Channel.EMAIL), Map.of(), r, T0);
    Messages.Rendered mail = messages.render(n);
    for (String text : List.of(messages.receiptHtml(r), mail.text(), mail.html())) {
      for (String internal : List.of("cust-2", "pi_3Q7xZa", "8835511210681130", "stripe", "adyen")) {
        assertFalse(text.toLowerCase(Locale.ROOT).contains(internal), internal + " in\n" + text);
      }
    }
  }

  @Test
  void htmlAndMailComeFromTheSameReceiptInTheCustomersLocale() {
    String html = messages.receiptHtml(receipt("de"));
    assertTrue(html.contains("<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"de\">"), html);
    assertTrue(html.contains(">Quittung</div>"), html);
    assertTrue(html.contains("29,69\u00a0€"), "German number format");

    Notification n = new Notification("receipt:order-7", NotificationKind.RECEIPT, "order-7", null,
        "R-order-7", "cust-1", "ada@example.com", "en", List.of(Channel.EMAIL, Channel.IN_APP),
        Map.of(), receipt("en"), T0);
    Messages.Rendered mail = messages.render(n);
    assertEquals("Your receipt R-order-7 for order order-7", mail.subject());
    assertTrue(mail.text().contains("Amount paid: €29.69"), mail.text());
    assertTrue(mail.text().contains("2 × Kaffeebecher „Groß“ – weiß"),
        "the receipt itself, not an attachment: " + mail.text());
    assertTrue(mail.text().contains("http://127.0.0.1:8080/v1/receipts/"), "a self-service link");
    assertTrue(mail.html().contains("href=\"http://127.0.0.1:8080/v1/receipts/"), "the link in HTML");
    assertTrue(mail.html().contains(">Receipt</div>"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("locales")
  void theCardIsShownAsTheCustomerKnowsItInHtmlPdfAndMail(String locale) throws IOException {
    Receipt r = receipt(locale);
    Notification n = new Notification("receipt:order-7", NotificationKind.RECEIPT, "order-7", null,
        "R-order-7", "cust-1", "ada@example.com", locale, List.of(Channel.EMAIL), Map.of(), r, T0);
    Messages.Rendered mail = messages.render(n);
    for (String text : List.of(messages.receiptHtml(r), pdfText(r), mail.text(), mail.html())) {
      assertTrue(text.contains("Visa •••• 4242"), text);
      assertFalse(text.contains("Xt5EWLLDS7FJjR1c"), "the fingerprint is the gateway's, not the customer's");
    }
    String twoPayments = pdfText(ReceiptSamples.refunded(locale));
    assertTrue(twoPayments.contains("Visa •••• 1881 (Google Pay), BLIK"), "no card: the method's name: " + twoPayments);
    Receipt anonymous = new Receipt("R-x", "x", "c", "a@example.com", locale, "EUR",
        List.of(new Receipt.Line("S1", "Mug", 1, 100, 100)), 0, List.of(), List.of(), List.of(), 100, 0, 100,
        List.of(new Receipt.Payment("g", "p", "card", 100, T0,
            new payledger.order.PaymentEvent.Card("card", "0005", null, null, null))), T0, T0);
    String word = Map.of("en", "Card", "de", "Karte", "pl", "Karta płatnicza").get(locale);
    assertTrue(messages.receiptHtml(anonymous).contains(word + " •••• 0005"), "a card of no named brand");
  }

  static Stream<String> locales() {
    return LOCALES.stream();
  }

  @Test
  void outsideTextIsEscapedAndCannotBreakThePdf() throws IOException {
    Receipt hostile = new Receipt("R-x", "x", "c", "a@example.com", "en", "EUR",
        List.of(new Receipt.Line("S<1>", "<script>alert(1)</script> & \u0001\u0007 \"quoted\"", 1,
            100, 100)), 0, List.of(), List.of(), List.of(), 100, 0, 100,
        List.of(new Receipt.Payment("g", "p", "card", 100, T0)), T0, T0);
    assertFalse(messages.receiptHtml(hostile).contains("<script>"));
    String text = pdfText(hostile);
    assertTrue(text.contains("<script>alert(1)</script> &"), text);
  }

  @Test
  void everyKindHasATemplateInEveryLocaleAndUnknownLocalesFallBackToEnglish() {
    Templates templates = new Templates();
    Map<String, Object> model = Map.of("orderId", "order-7", "amount", "€30.90",
        "trackingNumber", "PL-1", "merchant", Merchant.from(ConfigFactory.load()));
    for (NotificationKind kind : NotificationKind.values()) {
      for (String locale : LOCALES) {
        Templates.Text text = templates.notification(kind, locale, model);
        assertFalse(text.subject().isBlank(), kind + " " + locale);
        assertTrue(text.body().contains("Example Marketplace"), kind + " " + locale);
      }
    }
    assertEquals(templates.notification(NotificationKind.PAYMENT_FAILED, "en", model),
        templates.notification(NotificationKind.PAYMENT_FAILED, "fr", model));
    assertEquals(templates.notification(NotificationKind.PAYMENT_FAILED, "de", model),
        templates.notification(NotificationKind.PAYMENT_FAILED, "de-AT", model), "by language");
    assertEquals("Quittung", templates.receiptLabels("de-CH").get("receipt"));
    assertEquals("Receipt", templates.receiptLabels("fr").get("receipt"));
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

  /** The PDF's text, each run of white space (line ends, no-break spaces) as one space. */
  private String pdfText(Receipt r) throws IOException {
    try (PDDocument doc = Loader.loadPDF(Notifications.messages(NotificationSettings.from(TestConfigs.service("")), clock)
        .receiptPdf(r))) {
      return new PDFTextStripper().getText(doc).replaceAll("[\\s\\u00a0\\u202f]+", " ");
    }
  }

  /** Without white space and in capitals (labels are set in capitals where the layout says). */
  private static String flat(String s) {
    return s.replaceAll("[\\s\\u00a0\\u202f]+", "").toUpperCase(Locale.ROOT);
  }

  private static List<PDFont> fonts(PDDocument doc) throws IOException {
    List<PDFont> fonts = new ArrayList<>();
    for (PDPage page : doc.getPages()) {
      for (COSName name : page.getResources().getFontNames()) {
        fonts.add(page.getResources().getFont(name));
      }
    }
    return fonts;
  }
}
