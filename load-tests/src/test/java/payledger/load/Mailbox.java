package payledger.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The benchmark's side of {@link SmtpSink}: starts the sink's JVM and keeps when each notification
 * (by its {@code X-Payledger-Notification} id) was first accepted, and how many mails came in all.
 */
final class Mailbox implements AutoCloseable {

  private final Process process;
  private final Map<String, Long> accepted = new ConcurrentHashMap<>();
  private final AtomicLong mails = new AtomicLong();

  private Mailbox(Process process) {
    this.process = process;
  }

  static Mailbox start(int port, Path log) throws IOException {
    Process process = new ProcessBuilder("java", "-Xmx256m", "-XX:+UseSerialGC",
        "-cp", System.getProperty("java.class.path"), SmtpSink.class.getName(), Integer.toString(port))
        .redirectError(log.toFile()).start();
    BufferedReader lines = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    if (!"ready".equals(lines.readLine())) {
      process.destroy();
      throw new IllegalStateException("the SMTP sink did not start; see " + log);
    }
    Mailbox mailbox = new Mailbox(process);
    Thread reader = new Thread(() -> mailbox.read(lines), "smtp-sink-records");
    reader.setDaemon(true);
    reader.start();
    return mailbox;
  }

  private void read(BufferedReader lines) {
    try {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        int space = line.indexOf(' ');
        accepted.putIfAbsent(line.substring(space + 1), Long.parseLong(line.substring(0, space)));
        mails.incrementAndGet();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // the sink died: the run's mail figures show it
    }
  }

  long pid() {
    return process.pid();
  }

  /** Every mail accepted so far, a repeated notification included. */
  long mails() {
    return mails.get();
  }

  /** When the notification was first accepted (epoch ms), or null. */
  Long acceptedAt(String notificationId) {
    return accepted.get(notificationId);
  }

  /** The notifications first accepted in [from, to) (epoch ms) whose id starts with the prefix. */
  List<String> acceptedBetween(String prefix, long from, long to) {
    List<String> ids = new ArrayList<>();
    accepted.forEach((id, at) -> {
      if (id.startsWith(prefix) && at >= from && at < to) {
        ids.add(id);
      }
    });
    return ids;
  }

  /** Waits until each order has its receipt, or none came for {@code quiet}, at most {@code limit}. */
  void awaitReceipts(Collection<String> orderIds, Duration quiet, Duration limit)
      throws InterruptedException {
    long until = System.nanoTime() + limit.toNanos();
    long lastCount = -1;
    long lastChange = System.nanoTime();
    while (System.nanoTime() < until) {
      long missing = orderIds.stream().filter(o -> acceptedAt(Receipts.id(o)) == null).count();
      if (missing == 0) {
        return;
      }
      if (mails() != lastCount) {
        lastCount = mails();
        lastChange = System.nanoTime();
      } else if (System.nanoTime() - lastChange > quiet.toNanos()) {
        return;
      }
      TimeUnit.MILLISECONDS.sleep(500);
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    process.waitFor(30, TimeUnit.SECONDS);
  }
}
