package payledger.notify;

/**
 * Jakarta Mail 2.1 looks its stream provider up through {@link java.util.ServiceLoader} on every
 * call — per message built, parsed or encoded, by the sender and by the embedded SMTP sink alike —
 * which scans every jar on the class path: an eighth of the service's CPU while a backlog of
 * notifications went out. Naming the provider in its system property makes the lookup a class
 * load (jakartaee/mail-api#861).
 */
final class MailStreams {

  private static final String PROVIDER = "jakarta.mail.util.StreamProvider";

  private MailStreams() {}

  /** Names Angus Mail's provider, unless a provider is named already. */
  static void pinProvider() {
    if (System.getProperty(PROVIDER) == null) {
      System.setProperty(PROVIDER, "org.eclipse.angus.mail.util.MailStreamProvider");
    }
  }
}
