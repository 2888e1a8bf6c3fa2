package payledger.notify;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import payledger.order.Receipt;

/**
 * Renders a notification for sending: the text of its kind's template in the customer's locale;
 * for a receipt also the receipt itself, as text and as HTML, with a fresh self-service link that
 * opens it (HTML in a browser, or the PDF). The PDF is rendered when asked for, not per mail: it
 * was the most expensive step of a payment's whole path. Rendered PDFs of recent receipts are kept
 * (a receipt never changes once issued), so a customer opening the link twice costs one rendering.
 */
public final class Messages {

  /** @param html only for receipts, else null */
  public record Rendered(String subject, String text, String html) {}

  private static final int PDFS_KEPT = 256;

  private final Templates templates;
  private final Merchant merchant;
  private final ReceiptLinks links;
  private final Map<String, byte[]> pdfs = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
      return size() > PDFS_KEPT;
    }
  };

  public Messages(Templates templates, Merchant merchant, ReceiptLinks links) {
    this.templates = templates;
    this.merchant = merchant;
    this.links = links;
  }

  public Rendered render(Notification n) {
    if (n.kind() == NotificationKind.RECEIPT && n.receipt() != null) {
      Receipt r = n.receipt();
      Map<String, Object> view = ReceiptView.of(r, merchant, links.link(r.orderId()));
      Templates.Text text = templates.notification(n.kind(), n.locale(), view);
      return new Rendered(text.subject(),
          text.body() + "\n\n" + templates.receiptText(n.locale(), view),
          templates.receiptHtml(n.locale(), view));
    }
    Map<String, Object> model = new HashMap<>(n.fields());
    model.put("merchant", merchant);
    Templates.Text text = templates.notification(n.kind(), n.locale(), model);
    return new Rendered(text.subject(), text.body(), null);
  }

  /** The receipt in one of its three formats' common model, for the receipt routes. */
  public Map<String, Object> receiptView(Receipt r) {
    return ReceiptView.of(r, merchant, null);
  }

  public String receiptHtml(Receipt r) {
    return templates.receiptHtml(r.locale(), receiptView(r));
  }

  public byte[] receiptPdf(Receipt r) {
    String key = r.number() + "@" + r.issuedAt();
    synchronized (pdfs) {
      byte[] kept = pdfs.get(key);
      if (kept != null) {
        return kept;
      }
    }
    byte[] pdf = pdf(r, receiptView(r));
    synchronized (pdfs) {
      pdfs.put(key, pdf);
    }
    return pdf;
  }

  public Merchant merchant() {
    return merchant;
  }

  private byte[] pdf(Receipt r, Map<String, Object> view) {
    return ReceiptPdf.render("Receipt " + r.number(), templates.receiptText(r.locale(), view));
  }
}
