package payledger.notify;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * A receipt as a PDF (Apache PDFBox): the lines of the receipt's text template, laid out on A4
 * pages in a fixed-width font so the columns of the template line up.
 */
public final class ReceiptPdf {

  private static final float MARGIN = 50;
  private static final float FONT_SIZE = 10;
  private static final float LEADING = 13;

  private ReceiptPdf() {}

  public static byte[] render(String title, String text) {
    PDType1Font font = new PDType1Font(Standard14Fonts.FontName.COURIER);
    try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      PDDocumentInformation info = doc.getDocumentInformation();
      info.setTitle(title);
      info.setProducer("payledger");
      int perPage = (int) ((PDRectangle.A4.getHeight() - 2 * MARGIN) / LEADING);
      List<String> lines = List.of(text.split("\r?\n", -1));
      for (int start = 0; start < lines.size(); start += perPage) {
        PDPage page = new PDPage(PDRectangle.A4);
        doc.addPage(page);
        try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
          content.beginText();
          content.setFont(font, FONT_SIZE);
          content.setLeading(LEADING);
          content.newLineAtOffset(MARGIN, PDRectangle.A4.getHeight() - MARGIN);
          for (String line : lines.subList(start, Math.min(lines.size(), start + perPage))) {
            content.showText(printable(line));
            content.newLine();
          }
          content.endText();
        }
      }
      doc.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("rendering a receipt PDF failed", e);
    }
  }

  /** The standard fonts encode WinAnsi (Latin-1) only: anything else would throw. */
  private static String printable(String line) {
    StringBuilder out = new StringBuilder(line.length());
    for (char c : line.toCharArray()) {
      out.append(c == '\t' ? ' ' : (c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xff) ? c : '?');
    }
    return out.toString();
  }
}
