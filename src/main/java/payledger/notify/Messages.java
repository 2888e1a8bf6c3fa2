package payledger.notify;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import payledger.order.Receipt;

/**
 * Renders a notification for sending, in the customer's locale, as plain text and as HTML, from the
 * merchant (its name as the sender, its support address to reply to). A receipt's message carries
 * the receipt itself, as text and as HTML, with a fresh self-service link that opens it (HTML in a
 * browser, or the PDF rendered from the same HTML); other messages get their text as HTML, with
 * the merchant's payment link where a balance is open. The PDF is rendered when asked for, not
 * per mail: it was the most expensive step of a payment's whole path. Rendered PDFs of recent
 * receipts are kept (a receipt never changes once issued), so a customer opening the link twice
 * costs one rendering.
 */
public final class Messages {

  /**
   * @param senderName who the message is from, as the customer knows them (the merchant's name)
   * @param replyTo where a reply goes (the merchant's support address), or empty
   * @param sms the short text for the SMS channel, or null when the kind has none
   */
  public record Rendered(String subject, String text, String html, String senderName,
      String replyTo, String sms) {}

  private static final int PDFS_KEPT = 256;

  private final Templates templates;
  /**
   * Where the vendor portal shows one case (web/vendorportal/CaseLink): opened without a session it
   * asks for a sign-in link, which leads back to the case.
   */
  public static final String VENDOR_CASE_PAGE = "/vendors/portal/cases/";

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
      Map<String, Object> view = view(r, links.link(r.orderId()));
      Templates.Text text = templates.notification(n.kind(), n.locale(), view);
      return rendered(text.subject(),
          text.body() + "\n\n" + templates.receiptText(view), templates.receiptHtml(view),
          templates.sms(n.kind(), n.locale(), view));
    }
    Map<String, Object> model = new HashMap<>(n.fields());
    model.put("merchant", merchant);
    if (n.fields().containsKey("method")) {
      Map<String, String> labels = templates.receiptLabels(n.locale());
      String card = CardText.of(n.fields(), labels);
      model.put("method", card != null ? card : ReceiptView.method(n.fields().get("method"), labels));
    }
    if (n.orderId() != null) {
      model.put("paymentLink", merchant.paymentLinkFor(n.orderId()));
    }
    if (n.kind() == NotificationKind.VENDOR_CASE_ACKNOWLEDGED
        || n.kind() == NotificationKind.VENDOR_CASE_RESOLVED) {
      model.put("caseLink", links.base() + VENDOR_CASE_PAGE + n.fields().get("trackingNumber"));
    }
    Templates.Text text = templates.notification(n.kind(), n.locale(), model);
    String html = templates.messageHtml(Map.of("lang", Formats.locale(n.locale()).getLanguage(),
        "subject", text.subject(), "merchant", merchant, "body", MessageHtml.body(text.body())));
    return rendered(text.subject(), text.body(), html, templates.sms(n.kind(), n.locale(), model));
  }

  private Rendered rendered(String subject, String text, String html, String sms) {
    return new Rendered(subject, text, html, merchant.name(), merchant.email(), sms);
  }

  /** The receipt as the self-service copy shows it (no link: it is that copy). */
  public Map<String, Object> receiptView(Receipt r) {
    return view(r, null);
  }

  public String receiptHtml(Receipt r) {
    return templates.receiptHtml(receiptView(r));
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

  /**
   * A vendor's statement as a PDF, rendered like a receipt (its XHTML through {@link ReceiptPdf}).
   *
   * @param vendorName as registered, or the vendor id for a vendor not registered
   */
  public byte[] vendorStatementPdf(payledger.vendor.Statement statement, String vendorName,
      java.time.Instant now) {
    return vendorStatementPdf(statement, vendorName, now, null);
  }

  /** The same in the vendor's language ({@code VendorProfile#locale}; null: English). */
  public byte[] vendorStatementPdf(payledger.vendor.Statement statement, String vendorName,
      java.time.Instant now, String language) {
    return ReceiptPdf.render(templates.vendorStatementHtml(VendorStatementView.of(statement, vendorName,
        merchant, now, templates.vendorStatementLabels(language), language)));
  }

  public Merchant merchant() {
    return merchant;
  }

  private Map<String, Object> view(Receipt r, String link) {
    return ReceiptView.of(r, merchant, templates.receiptLabels(r.locale()), link);
  }

  private byte[] pdf(Receipt r, Map<String, Object> view) {
    return ReceiptPdf.render(templates.receiptHtml(view));
  }
}
