package payledger.notify;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A mail whose Message-ID is derived from its notification id (a digest, as ids hold characters a
 * Message-ID may not), on the sender's domain: the same notification sent twice is one message.
 */
final class StableIdMessage extends MimeMessage {

  private final String messageId;

  StableIdMessage(Session session, String notificationId, String from) {
    super(session);
    String domain = from.contains("@") ? from.substring(from.lastIndexOf('@') + 1) : "payledger";
    this.messageId = "<" + digest(notificationId) + "@" + domain + ">";
  }

  @Override
  protected void updateMessageID() throws MessagingException {
    setHeader("Message-ID", messageId);
  }

  private static String digest(String id) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
