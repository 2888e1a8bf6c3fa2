package payledger.notify;

import com.typesafe.config.Config;
import java.net.URI;
import java.time.Duration;

/**
 * Settings of customer notifications, from {@code payledger.notify} (see payledger.conf).
 *
 * @param merchant who the receipts and notifications are from
 * @param links how the customers' self-service receipt links are signed and where they point
 * @param email the SMTP server the email channel sends through
 * @param embeddedSmtp the embedded default's local SMTP sink on the email channel's host and port,
 *     or null when none is started
 * @param webhook the signed outbound webhook channel
 * @param delivery how the delivery worker retries and falls back
 * @param sms the SMS provider the SMS channel posts to (Twilio's Messages API)
 * @param embeddedSms the embedded default's local SMS sink on the provider's address, or null
 */
public record NotificationSettings(
    Merchant merchant,
    Links links,
    EmailSender.Settings email,
    EmbeddedSmtpSink embeddedSmtp,
    Webhook webhook,
    DeliveryWorker.Settings delivery,
    SmsSender.Settings sms,
    EmbeddedSmsSink embeddedSms) {

  /**
   * @param secret the key links are signed with ({@link ReceiptLinkSecret}: resolved once, here)
   * @param validFor how long a link opens its receipt
   * @param publicBaseUrl where the links point
   */
  public record Links(String secret, Duration validFor, String publicBaseUrl) {}

  /** @param imapPort where the sink's mailbox is read (tests, demos) */
  public record EmbeddedSmtpSink(int imapPort) {}

  /** Where the sink listens: the host and port of the SMS provider's base URL. */
  public record EmbeddedSmsSink(String host, int port) {}

  /** @param url where the channel posts, empty when the channel is off */
  public record Webhook(String url, String secret, Duration timeout) {}

  public static NotificationSettings from(Config config) {
    Config c = config.getConfig("payledger.notify");
    Config smtp = c.getConfig("smtp");
    Config hook = c.getConfig("webhook");
    Config d = c.getConfig("delivery");
    Config sms = c.getConfig("sms");
    String smsUrl = sms.getString("base-url");
    return new NotificationSettings(
        Merchant.from(config),
        new Links(ReceiptLinkSecret.resolve(config), c.getDuration("receipt-links.valid-for"),
            c.getString("public-base-url")),
        new EmailSender.Settings(smtp.getString("host"), smtp.getInt("port"),
            smtp.getString("from"), smtp.getString("user"), smtp.getString("password"),
            smtp.getBoolean("start-tls"), smtp.getDuration("timeout"), smtp.getInt("connections")),
        smtp.getBoolean("embedded.enabled")
            ? new EmbeddedSmtpSink(smtp.getInt("embedded.imap-port")) : null,
        new Webhook(hook.getString("url"), hook.getString("secret"), hook.getDuration("timeout")),
        new DeliveryWorker.Settings(d.getDuration("poll-interval"), d.getDuration("scan-lag"),
            d.getInt("parallelism"), d.getInt("max-batch"), new DeliveryPolicy(
                d.getInt("max-attempts"), d.getDuration("backoff"), d.getDuration("max-backoff")),
            d.getDuration("first-attempt-grace")),
        new SmsSender.Settings(smsUrl, sms.getString("account-sid"), sms.getString("auth-token"),
            sms.getString("from"), sms.getDuration("timeout")),
        sms.getBoolean("embedded.enabled") && !smsUrl.isBlank()
            ? new EmbeddedSmsSink(URI.create(smsUrl).getHost(),
                URI.create(smsUrl).getPort() < 0 ? 80 : URI.create(smsUrl).getPort())
            : null);
  }
}
