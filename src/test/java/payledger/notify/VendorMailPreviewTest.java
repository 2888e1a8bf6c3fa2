package payledger.notify;

import static org.junit.jupiter.api.Assertions.*;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.File;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import payledger.dispute.CaseResolution;
import payledger.dispute.DisputeEvent;
import payledger.dispute.Lifecycle;
import payledger.money.Money;
import payledger.testing.TestConfigs;
import payledger.time.ServiceClock;
import payledger.vendor.PayoutDiscrepancy;
import payledger.vendor.PayoutSettings;
import payledger.vendor.VendorEvent;

/**
 * What a vendor receives, as the SMTP server receives it: the case acknowledgement, the case
 * resolution and the payout discrepancy notice, in English, German and Polish, sent through the
 * real {@link EmailSender} to a real SMTP server (GreenMail) and read back from it. Each message's
 * subject and HTML part (decoded as received) say the right thing in the vendor's language, with
 * its letters intact and what the agent typed escaped. The HTML parts are written to
 * {@code target/vendor-mail-previews/} with the Polish statement PDF; with
 * {@code -Dpayledger.pictures=true} they are photographed there as PNG too ({@code chromium
 * --headless --screenshot}, {@code pdftoppm}), for people to look at:
 * docs/screenshots/vendor-mail-*.png and vendor-statement-pl.png are those.
 */
class VendorMailPreviewTest {

  private static final Instant T0 = Instant.parse("2026-12-14T09:00:00Z");
  private static final Instant DAY = Instant.parse("2026-12-14T00:00:00Z");
  private static final Path DIR = Path.of("target", "vendor-mail-previews");

  private final Messages messages = Notifications.messages(
      NotificationSettings.from(TestConfigs.service("")), ServiceClock.frozenAt(T0));

  /** The three mails of one vendor in {@code locale}, by name. */
  private static Map<String, NotificationPlan.Draft> drafts(String locale) {
    Map<String, NotificationPlan.Draft> d = new LinkedHashMap<>();
    d.put("acknowledged", VendorCasePlan.forCase(new DisputeEvent.ActionTaken("PL-VC7Q2K",
        Lifecycle.Action.ACKNOWLEDGE, "agent-7", null, T0), "acme", locale).get(0));
    d.put("resolved", VendorCasePlan.forCase(new DisputeEvent.Resolved("PL-VC7Q2K",
        new CaseResolution(CaseResolution.Action.PAYMENT_RETRY, new Money(500, "EUR"),
            "Bank <Nord> & Co returned the 5.00 €; sent again \"today\"", "agent-7"),
        T0.plusSeconds(5 * 3600)), "acme", locale).get(0));
    d.put("payout-short", VendorNoticePlan.forVendor(new VendorEvent.PayoutDiscrepancyFound("acme",
        PayoutDiscrepancy.open("PD1", PayoutDiscrepancy.Type.PAYOUT_SHORT, "EUR", 9_000, 8_500,
            "po_1NQ4xk", DAY, T0, PayoutSettings.DEFAULT)), locale).get(0));
    return d;
  }

  @Test
  void whatTheVendorReceivesIsInItsLanguageEscapedAndWhole() throws Exception {
    Files.createDirectories(DIR);
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    List<Path> pages = new ArrayList<>();
    try (EmailSender sender = new EmailSender(new EmailSender.Settings("127.0.0.1", port,
        "payouts@marketplace.example", "", "", false, Duration.ofSeconds(10), 1))) {
      for (String locale : List.of("en", "de", "pl")) {
        for (Map.Entry<String, NotificationPlan.Draft> e : drafts(locale).entrySet()) {
          Notification n = e.getValue().to(new Contact(VendorNoticePlan.recipient("acme"),
              "pay-" + locale + "@acme.example", locale, List.of(Channel.EMAIL), null));
          assertEquals(Outcome.sent().result(), sender.send(n, messages.render(n))
              .toCompletableFuture().get(30, TimeUnit.SECONDS).result());
          MimeMessage received = received(smtp, n.id(), n.email());
          String html = htmlPart(received);
          check(e.getKey(), locale, received.getSubject(), html);
          Path page = DIR.resolve("vendor-mail-" + e.getKey() + "-" + locale + ".html");
          Files.writeString(page, html);
          pages.add(page);
        }
      }
    } finally {
      smtp.stop();
    }
    Path pdf = DIR.resolve("vendor-statement-pl.pdf");
    Files.write(pdf, messages.vendorStatementPdf(VendorStatementPdfTest.statement(),
        "Zakład Oświetleniowy Łódź Sp. z o.o.", Instant.parse("2027-01-01T00:00:00Z"), "pl"));
    if (Boolean.getBoolean("payledger.pictures")) {
      pictures(pages, pdf);
    }
  }

  /** What each mail must say, read from the message as received. */
  private static void check(String name, String locale, String subject, String html) {
    assertFalse(html.contains("{{") || subject.contains("{{"), html);
    assertTrue(html.contains("<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"" + locale + "\">"), html);
    String text = html.replace('\u00a0', ' ').replace('\u202f', ' ');
    switch (name + "-" + locale) {
      case "acknowledged-pl" -> {
        assertEquals("Zajmujemy się Twoim zgłoszeniem PL-VC7Q2K", subject);
        assertTrue(text.contains("potwierdzono 14 grudnia 2026"), text);
      }
      case "resolved-pl" -> {
        assertEquals("Twoje zgłoszenie PL-VC7Q2K zostało rozwiązane", subject);
        assertTrue(text.contains("ponownie wypłacamy 5,00 €."), text);
      }
      case "payout-short-pl" -> {
        assertTrue(subject.startsWith("Twoja wypłata za 14 grudnia 2026: niższa niż należna"), subject);
        assertTrue(text.contains("wyniosła 85,00 €, a należało się 90,00 €: brakuje 5,00 €."), text);
      }
      case "acknowledged-en" -> assertEquals("We are working on your case PL-VC7Q2K", subject);
      case "resolved-en" -> assertTrue(text.contains("we are paying €5.00 again."), text);
      case "payout-short-de" -> assertTrue(text.contains("85,00 €"), text);
      default -> assertFalse(subject.isBlank());
    }
    if (!name.startsWith("payout")) {
      assertTrue(html.contains("/vendors/portal/cases/PL-VC7Q2K"), "the link to the case: " + html);
    }
    if (name.equals("resolved")) {
      assertTrue(html.contains("Bank &lt;Nord&gt; &amp; Co returned the 5.00 €; sent again &quot;today&quot;"),
          "the agent's note, escaped: " + html);
    }
  }

  private static MimeMessage received(GreenMail smtp, String id, String to) throws Exception {
    for (MimeMessage m : smtp.getReceivedMessages()) {
      if (id.equals(m.getHeader("X-Payledger-Notification", null))
          && to.equals(m.getAllRecipients()[0].toString())) {
        return m;
      }
    }
    throw new AssertionError("not received: " + id + " to " + to);
  }

  private static String htmlPart(MimeMessage m) throws Exception {
    Multipart parts = (Multipart) m.getContent();
    for (int i = 0; i < parts.getCount(); i++) {
      BodyPart part = parts.getBodyPart(i);
      if (part.isMimeType("text/html")) {
        assertTrue(part.getContentType().toLowerCase().contains("charset=utf-8"), part.getContentType());
        return (String) part.getContent();
      }
    }
    throw new AssertionError("no HTML part");
  }

  /** PNGs of the mails (Chromium) and of the statement (pdftoppm), when those are installed. */
  private static void pictures(List<Path> pages, Path pdf) throws Exception {
    if (onPath("chromium")) {
      for (Path page : pages) {
        run("chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
            "--window-size=640,440", "--screenshot=" + page.toString().replaceFirst("\\.html$", ".png"),
            page.toAbsolutePath().toUri().toString());
      }
    }
    if (onPath("pdftoppm")) {
      run("pdftoppm", "-png", "-r", "80", "-singlefile", pdf.toString(),
          pdf.toString().replaceFirst("\\.pdf$", ""));
    }
  }

  private static void run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(DIR.resolve("tools.log").toFile()).start();
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IllegalStateException(String.join(" ", command) + " failed: see " + DIR.resolve("tools.log"));
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
