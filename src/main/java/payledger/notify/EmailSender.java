package payledger.notify;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.UnsupportedEncodingException;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * Email over SMTP (Jakarta Mail, Angus Mail): every message as plain text with an HTML alternative
 * (for a receipt, the HTML receipt), from the merchant's name at the configured address, with
 * Reply-To the merchant's support address. The Message-ID comes from the notification id, so a message sent twice (a crash
 * between a send and its record) is the same message to the customer's mail client. Sending blocks, so it runs on its own small pool, one SMTP
 * connection per thread kept open between messages. An SMTP 5xx or an unusable address bounces; a
 * refused connection, a timeout or a 4xx is a failure worth retrying.
 */
public final class EmailSender implements ChannelSender, AutoCloseable {

  /** From {@code payledger.notify.smtp}; an empty user means no authentication. */
  public record Settings(String host, int port, String from, String user, String password,
      boolean startTls, Duration timeout, int connections) {}

  private final Settings settings;
  private final Session session;
  private final ExecutorService pool;
  private final ThreadLocal<Transport> transport = new ThreadLocal<>();

  public EmailSender(Settings settings) {
    MailStreams.pinProvider();
    this.settings = settings;
    Properties props = new Properties();
    props.put("mail.smtp.host", settings.host());
    props.put("mail.smtp.port", Integer.toString(settings.port()));
    String millis = Long.toString(settings.timeout().toMillis());
    props.put("mail.smtp.connectiontimeout", millis);
    props.put("mail.smtp.timeout", millis);
    props.put("mail.smtp.writetimeout", millis);
    props.put("mail.smtp.auth", Boolean.toString(!settings.user().isEmpty()));
    props.put("mail.smtp.starttls.enable", Boolean.toString(settings.startTls()));
    this.session = Session.getInstance(props);
    this.pool = Executors.newFixedThreadPool(settings.connections(), r -> {
      Thread t = new Thread(r, "payledger-smtp");
      t.setDaemon(true);
      return t;
    });
  }

  @Override
  public CompletionStage<Outcome> send(Notification n, Messages.Rendered m) {
    if (n.email() == null || n.email().isBlank()) {
      return CompletableFuture.completedFuture(Outcome.bounced("no email address"));
    }
    return CompletableFuture.supplyAsync(() -> deliver(n, m), pool);
  }

  private Outcome deliver(Notification n, Messages.Rendered m) {
    try {
      MimeMessage message = message(n, m);
      Transport t = connected();
      try {
        t.sendMessage(message, message.getAllRecipients());
      } catch (MessagingException e) {
        close(t);
        throw e;
      }
      return Outcome.sent();
    } catch (AddressException e) {
      return Outcome.bounced("invalid address: " + e.getMessage());
    } catch (SMTPSendFailedException e) {
      return e.getReturnCode() >= 500 ? Outcome.bounced(smtp(e.getReturnCode(), e))
          : Outcome.failed(smtp(e.getReturnCode(), e));
    } catch (SendFailedException e) {
      Exception next = e.getNextException();
      if (next instanceof SMTPAddressFailedException refused) {
        return refused.getReturnCode() >= 500 ? Outcome.bounced(smtp(refused.getReturnCode(), refused))
            : Outcome.failed(smtp(refused.getReturnCode(), refused));
      }
      Address[] invalid = e.getInvalidAddresses();
      return invalid != null && invalid.length > 0 ? Outcome.bounced("rejected: " + e.getMessage())
          : Outcome.failed(e.getMessage());
    } catch (MessagingException | RuntimeException e) {
      return Outcome.failed(e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private MimeMessage message(Notification n, Messages.Rendered m) throws MessagingException {
    MimeMessage message = new StableIdMessage(session, n.id(), settings.from());
    message.setFrom(sender(m.senderName()));
    if (!m.replyTo().isBlank()) {
      message.setReplyTo(InternetAddress.parse(m.replyTo(), true));
    }
    message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(n.email(), true));
    message.setSubject(m.subject(), "UTF-8");
    // Lets a mail client (and the tests) tell notifications apart, and spot a duplicate.
    message.setHeader("X-Payledger-Notification", n.id());
    MimeMultipart alternative = new MimeMultipart("alternative");
    MimeBodyPart text = new MimeBodyPart();
    text.setText(m.text(), "UTF-8");
    alternative.addBodyPart(text);
    MimeBodyPart html = new MimeBodyPart();
    html.setContent(m.html(), "text/html; charset=UTF-8");
    alternative.addBodyPart(html);
    message.setContent(alternative);
    return message;
  }

  /** The configured address, under the merchant's name ("Example Marketplace" <receipts@…>). */
  private InternetAddress sender(String name) throws AddressException {
    InternetAddress from = new InternetAddress(settings.from());
    try {
      return name.isBlank() ? from : new InternetAddress(from.getAddress(), name, "UTF-8");
    } catch (UnsupportedEncodingException e) {
      return from;
    }
  }

  private Transport connected() throws MessagingException {
    Transport t = transport.get();
    if (t == null || !t.isConnected()) {
      t = session.getTransport("smtp");
      if (settings.user().isEmpty()) {
        t.connect();
      } else {
        t.connect(settings.host(), settings.port(), settings.user(), settings.password());
      }
      transport.set(t);
    }
    return t;
  }

  private void close(Transport t) {
    transport.remove();
    try {
      t.close();
    } catch (MessagingException ignored) {
      // The connection is broken either way; the next message opens a new one.
    }
  }

  private static String smtp(int code, Exception e) {
    return "SMTP " + code + ": " + e.getMessage();
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
