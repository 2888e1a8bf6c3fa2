package payledger.load;

import com.icegreen.greenmail.user.MessageDeliveryHandler;
import com.icegreen.greenmail.user.UserManager;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark's SMTP server, a JVM of its own so that its CPU is not the service's (which runs
 * with {@code PAYLEDGER_SMTP_EMBEDDED=false} and sends here): GreenMail on loopback. For each
 * message it accepts it prints {@code <epoch ms> <X-Payledger-Notification>} on stdout, the only
 * thing written there, for {@link Mailbox}; the stored mail is dropped every few seconds, so a
 * soak does not fill its heap. {@code java -cp <the load tests' classpath> payledger.load.SmtpSink <port>}
 */
public final class SmtpSink {

  private SmtpSink() {}

  public static void main(String[] args) throws Exception {
    PrintStream records = System.out;
    System.setOut(System.err); // a library that prints goes to the sink's log
    GreenMail server = new GreenMail(new ServerSetup(Integer.parseInt(args[0]), "127.0.0.1",
        ServerSetup.PROTOCOL_SMTP));
    server.start();
    UserManager users = server.getUserManager();
    MessageDeliveryHandler store = users.getMessageDeliveryHandler();
    // Called once the message's data is in, before the server answers 250: "accepted".
    users.setMessageDeliveryHandler((message, to) -> {
      long at = System.currentTimeMillis();
      String id = message.getMessage().getHeader("X-Payledger-Notification", null);
      synchronized (records) {
        records.println(at + " " + (id == null ? "-" : id));
        records.flush();
      }
      return store.handle(message, to);
    });
    ScheduledExecutorService purge = Executors.newSingleThreadScheduledExecutor();
    purge.scheduleWithFixedDelay(() -> {
      try {
        server.purgeEmailFromAllMailboxes();
      } catch (Exception e) {
        e.printStackTrace(); // to the log; the next purge tries again
      }
    }, 5, 5, TimeUnit.SECONDS);
    synchronized (records) {
      records.println("ready");
      records.flush();
    }
    Thread.currentThread().join(); // until the benchmark stops it (SIGTERM)
  }
}
