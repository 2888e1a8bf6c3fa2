package payledger.notify;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import payledger.testing.TestConfigs;
import payledger.time.ServiceClock;
import payledger.vendor.Movement;
import payledger.vendor.Movement.Kind;
import payledger.vendor.PayoutBook;
import payledger.vendor.PayoutSchedule;
import payledger.vendor.Statement;
import payledger.vendor.VendorProfile;
import payledger.vendor.VendorState;

/**
 * A vendor's statement as a PDF, rendered as receipts are: the opening balance, each sale with its
 * commission, a partial refund, a chargeback and its reversal, a payout, the period summed by group
 * and the closing balance — and they add up (45.00 + 202.50 = 247.50). The PDF is written to
 * {@code target/vendor-statement.pdf} for people to look at ({@code pdftoppm -png -r 80}).
 */
class VendorStatementPdfTest {

  static final Instant FROM = Instant.parse("2026-12-01T00:00:00Z");
  static final Instant TO = Instant.parse("2027-01-01T00:00:00Z");

  private final Messages messages = Notifications.messages(
      NotificationSettings.from(TestConfigs.service("")), ServiceClock.frozenAt(TO));

  private static Movement m(String day, Kind kind, String ref, long gross, long commission) {
    Instant at = Instant.parse(day + "T10:00:00Z");
    return new Movement(at, kind, ref, "EUR", gross, commission,
        kind.isPayout() ? at : at.plusSeconds(7 * 86_400));
  }

  static Statement statement() {
    List<Movement> movements = List.of(
        m("2026-11-20", Kind.SALE, "order-1001", 5_000, 500),
        m("2026-12-02", Kind.SALE, "order-1002", 10_000, 1_000),
        m("2026-12-03", Kind.SALE, "order-1003", 20_000, 2_000),
        m("2026-12-05", Kind.REFUND, "order-1002", -2_500, -250),
        m("2026-12-09", Kind.CHARGEBACK, "order-1003", -20_000, -2_000),
        m("2026-12-19", Kind.CHARGEBACK_REVERSED, "order-1003", 20_000, 2_000),
        m("2026-12-21", Kind.PAYOUT, "po_1NQ4xk", -4_500, 0));
    VendorState acme = new VendorState("acme", new VendorProfile("Acme Lighting Ltd",
        "pay@acme.example", List.of()), PayoutSchedule.DEFAULT, List.of(), Map.of(), movements,
        PayoutBook.EMPTY, null);
    return Statement.of(acme, "EUR", FROM, TO);
  }

  @Test
  void theStatementPdfListsEveryMovementWithItsCommissionAndAddsUp() throws Exception {
    Statement s = statement();
    assertEquals(4_500, s.opening());
    assertEquals(24_750, s.closing());
    byte[] pdf = messages.vendorStatementPdf(s, "Acme Lighting Ltd", TO);
    Files.createDirectories(Path.of("target"));
    Files.write(Path.of("target/vendor-statement.pdf"), pdf);
    String text;
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      text = new PDFTextStripper().getText(doc);
      assertTrue(doc.getDocumentInformation().getProducer().contains("payledger"));
    }
    String flat = text.replaceAll("\\s+", " ");
    assertTrue(flat.contains("Vendor statement"), flat);
    assertTrue(flat.contains("Acme Lighting Ltd") && flat.contains("acme"), flat);
    assertTrue(flat.contains("Opening balance €45.00"), "the opening balance: " + flat);
    assertTrue(flat.contains("Sale order-1002 €100.00 -€10.00 €90.00"), "a sale with its commission: " + flat);
    assertTrue(flat.contains("Refund order-1002 -€25.00 €2.50 -€22.50"), "the refund takes its commission back: " + flat);
    assertTrue(flat.contains("Chargeback order-1003 -€200.00 €20.00 -€180.00"), flat);
    assertTrue(flat.contains("Chargeback reversed order-1003 €200.00 -€20.00 €180.00"), flat);
    assertTrue(flat.contains("Payout po_1NQ4xk -€45.00 -€45.00"), flat);
    assertTrue(flat.contains("Sales, with their commission €300.00 -€30.00 €270.00"), flat);
    assertTrue(flat.contains("Refunds and chargebacks -€25.00 €2.50 -€22.50"), flat);
    assertTrue(flat.contains("Payouts -€45.00 €0.00 -€45.00"), flat);
    assertTrue(flat.contains("Movements of the period €230.00 -€27.50 €202.50"), "they add up: " + flat);
    assertTrue(flat.contains("Closing balance €247.50"), "opening + net = closing: " + flat);
  }

  @Test
  void anEmptyPeriodStillShowsItsBalances() throws Exception {
    Statement s = Statement.of(new VendorState("acme", null, PayoutSchedule.DEFAULT, List.of(),
        Map.of(), List.of(), PayoutBook.EMPTY, null), "JPY", FROM, TO);
    try (PDDocument doc = Loader.loadPDF(messages.vendorStatementPdf(s, "acme", TO))) {
      String flat = new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
      assertTrue(flat.contains("No movements in this period."), flat);
      assertTrue(flat.contains("Closing balance ¥0"), flat);
    }
  }

  @Test
  void aPolishVendorsStatementIsInPolishAndStillAddsUp() throws Exception {
    try (PDDocument doc = Loader.loadPDF(messages.vendorStatementPdf(statement(), "Acme Lighting Ltd", TO, "pl"))) {
      String flat = new PDFTextStripper().getText(doc).replace('\u00a0', ' ').replace('\u202f', ' ')
          .replaceAll("\\s+", " ");
      assertTrue(flat.contains("Zestawienie sprzedawcy"), flat);
      assertTrue(flat.contains("Saldo początkowe 45,00 €"), flat);
      assertTrue(flat.contains("Sprzedaż order-1002 100,00 € -10,00 € 90,00 €"), flat);
      assertTrue(flat.contains("Wypłata po_1NQ4xk"), flat);
      assertTrue(flat.contains("Saldo końcowe 247,50 €"), flat);
      assertFalse(flat.contains("Opening balance") || flat.contains("{{"), flat);
    }
  }
}
