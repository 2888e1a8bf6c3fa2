package payledger.notify;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import payledger.testing.TestConfigs;
import payledger.time.ServiceClock;

/**
 * Writes every sample receipt in every locale as PDF, and as PNG (80 dpi) when Debian's
 * {@code pdftoppm} (poppler-utils) is installed, for people to look at: under
 * {@code target/receipt-previews}, or the folder named by {@code -Dpayledger.receipt-previews}.
 * The README's images in {@code docs/receipts} are three of them. Without pdftoppm the PNG step is
 * skipped; what the PDFs contain is {@link ReceiptRenderingTest}'s to prove.
 */
class ReceiptPreviewTest {

  @Test
  void writesPreviews() throws Exception {
    Path dir = Path.of(System.getProperty("payledger.receipt-previews", "target/receipt-previews"));
    Files.createDirectories(dir);
    List<Path> pdfs = new ArrayList<>();
    for (String name : ReceiptSamples.NAMES) {
      for (String locale : List.of("en", "de", "pl")) {
        // One per locale: a receipt's PDF is kept by its number, and its locale never changes.
        Messages messages = Notifications.messages(NotificationSettings.from(TestConfigs.service("")),
            ServiceClock.frozenAt(Instant.parse("2026-11-22T10:00:00Z")));
        Path pdf = dir.resolve("receipt-" + name + "-" + locale + ".pdf");
        Files.write(pdf, messages.receiptPdf(ReceiptSamples.sample(name, locale)));
        pdfs.add(pdf);
      }
    }
    assumeTrue(onPath("pdftoppm"), "pdftoppm (poppler-utils) is not installed: PDFs only");
    for (Path pdf : pdfs) {
      String base = pdf.toString().replaceFirst("\\.pdf$", "");
      Process p = new ProcessBuilder("pdftoppm", "-png", "-r", "80", "-singlefile", pdf.toString(), base)
          .inheritIO().start();
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException("pdftoppm failed on " + pdf);
      }
    }
  }

  private static boolean onPath(String command) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, command))) {
        return true;
      }
    }
    return false;
  }
}
