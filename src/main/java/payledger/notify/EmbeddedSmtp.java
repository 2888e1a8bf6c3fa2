package payledger.notify;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local SMTP sink of the embedded default ({@code payledger.notify.smtp.embedded.enabled}, off
 * in production): GreenMail on loopback, SMTP on the configured SMTP port and IMAP beside it, where
 * any mail client reads a customer's mail (user and password: the customer's email address). When
 * the port is taken (another node on the same machine already runs one) the node uses that one.
 */
public final class EmbeddedSmtp implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedSmtp.class);

  private final GreenMail server;

  private EmbeddedSmtp(GreenMail server) {
    this.server = server;
  }

  /** Starts it, or returns null when the port is taken (the existing server is used). */
  public static EmbeddedSmtp start(String host, int smtpPort, int imapPort) {
    MailStreams.pinProvider();
    GreenMail server = new GreenMail(new ServerSetup[] {
        new ServerSetup(smtpPort, host, ServerSetup.PROTOCOL_SMTP),
        new ServerSetup(imapPort, host, ServerSetup.PROTOCOL_IMAP)});
    try {
      server.start();
    } catch (RuntimeException taken) {
      log.warn("Embedded SMTP not started on {}:{} ({}); using the server already there", host,
          smtpPort, taken.getMessage());
      return null;
    }
    log.info("Embedded SMTP sink on {}:{}; read the mail over IMAP on {}:{} (user and password: "
        + "the customer's email address)", host, smtpPort, host, imapPort);
    return new EmbeddedSmtp(server);
  }

  @Override
  public void close() {
    server.stop();
  }
}
