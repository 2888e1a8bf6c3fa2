package payledger.notify;

import java.util.HashMap;
import java.util.Map;
import payledger.order.Receipt;

/**
 * Renders a notification for sending: the text of its kind's template in the customer's locale;
 * for a receipt also the receipt as HTML and as a PDF attachment, with a fresh self-service link.
 */
public final class Messages {

  /** @param html and {@code pdf} only for receipts, else null */
  public record Rendered(String subject, String text, String html, byte[] pdf, String pdfName) {}

  private final Templates templates;
  private final Merchant merchant;
  private final ReceiptLinks links;

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
      return new Rendered(text.subject(), text.body(), templates.receiptHtml(n.locale(), view),
          pdf(r, view), r.number() + ".pdf");
    }
    Map<String, Object> model = new HashMap<>(n.fields());
    model.put("merchant", merchant);
    Templates.Text text = templates.notification(n.kind(), n.locale(), model);
    return new Rendered(text.subject(), text.body(), null, null, null);
  }

  /** The receipt in one of its three formats' common model, for the receipt routes. */
  public Map<String, Object> receiptView(Receipt r) {
    return ReceiptView.of(r, merchant, null);
  }

  public String receiptHtml(Receipt r) {
    return templates.receiptHtml(r.locale(), receiptView(r));
  }

  public byte[] receiptPdf(Receipt r) {
    return pdf(r, receiptView(r));
  }

  public Merchant merchant() {
    return merchant;
  }

  private byte[] pdf(Receipt r, Map<String, Object> view) {
    return ReceiptPdf.render("Receipt " + r.number(), templates.receiptText(r.locale(), view));
  }
}
