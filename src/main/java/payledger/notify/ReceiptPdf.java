package payledger.notify;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.outputdevice.helper.ExternalResourceControlPriority;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.util.XRLog;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * A receipt as a PDF: its HTML rendered by openhtmltopdf (on Apache PDFBox) with the project's own
 * Noto Sans embedded (subset), which covers Latin with its Central European letters, Greek and
 * Cyrillic — nothing is taken from the host's fonts, and nothing is fetched: the renderer may read
 * {@code data:} URIs (the merchant's logo) and no other resource.
 */
public final class ReceiptPdf {

  /** The family the receipt's CSS names first. */
  public static final String FONT_FAMILY = "Noto Sans";

  private static final byte[] REGULAR = font("NotoSans-Regular.ttf");
  private static final byte[] BOLD = font("NotoSans-Bold.ttf");

  static {
    XRLog.setLoggerImpl(new PdfRendererLog());
  }

  private ReceiptPdf() {}

  /** @param html well-formed XHTML, as {@link Templates#receiptHtml} renders it */
  public static byte[] render(String html) {
    try (ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024)) {
      new PdfRendererBuilder()
          .useFont(() -> new ByteArrayInputStream(REGULAR), FONT_FAMILY, 400, FontStyle.NORMAL, true)
          .useFont(() -> new ByteArrayInputStream(BOLD), FONT_FAMILY, 700, FontStyle.NORMAL, true)
          .useExternalResourceAccessControl((uri, type) -> uri != null && uri.startsWith("data:"),
              ExternalResourceControlPriority.RUN_BEFORE_RESOLVING_URI)
          .useExternalResourceAccessControl((uri, type) -> uri != null && uri.startsWith("data:"),
              ExternalResourceControlPriority.RUN_AFTER_RESOLVING_URI)
          .withProducer("payledger")
          .withHtmlContent(html, null)
          .toStream(out)
          .run();
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("rendering a receipt PDF failed", e);
    }
  }

  private static byte[] font(String file) {
    String resource = "notify/fonts/" + file;
    try (InputStream in = ReceiptPdf.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("font missing from the classpath: " + resource);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + resource, e);
    }
  }
}
