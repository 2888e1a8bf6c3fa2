package payledger.load;

import com.datastax.oss.driver.api.core.CqlSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The processes under measurement (service, Cassandra, SMTP sink), and one measured phase on them.
 *
 * @param gcLog the service's GC log ({@link GcPauses})
 */
record Rig(long servicePid, long cassandraPid, Mailbox mail, Path gcLog) {

  CpuTime cpu() {
    return CpuTime.of(servicePid, cassandraPid, mail.pid());
  }

  /**
   * Runs the load, then waits for every consumer: every projection (each holds the events its tags
   * had when the load ended, {@link ProjectionBacklog}, and the lag histogram stops moving for 5 s)
   * and the receipts (each paid order's came, or none for 10 s); 3 min at most each.
   */
  Phase measure(String name, Map<String, String> settings) throws IOException, InterruptedException {
    try (CqlSession session = BenchNode.connect()) {
      CassandraWork work = CassandraWork.of(session);
      ProjectionLag lag = ProjectionLag.scrape(Benchmark.SERVICE_URL);
      long mails = mail.mails();
      Settlements.reset();
      CpuTime before = cpu();
      Instant start = Instant.now();
      ProjectionBacklog.Result backlog;
      Map<String, Recorder.Summary> requests;
      try (ProjectionBacklog sampled = ProjectionBacklog.start(session)) {
        requests = Load.run(name, settings);
        backlog = sampled.awaitCaughtUp(Duration.ofMinutes(3));
      }
      double loadSeconds = Recorder.seconds();
      ProjectionLag projected = ProjectionLag.drained(Benchmark.SERVICE_URL, Duration.ofSeconds(5),
          Duration.ofMinutes(3)).since(lag);
      Map<String, Long> paid = Settlements.snapshot();
      mail.awaitReceipts(paid.keySet(), Duration.ofSeconds(10), Duration.ofMinutes(3));
      CpuTime cpu = cpu().since(before);
      GcPauses gc = GcPauses.between(gcLog, start, Instant.now());
      Phase phase = new Phase(name, settings, requests, loadSeconds, cpu, gc,
          ProcessStats.of(servicePid).rssKb(), ProcessStats.of(cassandraPid).rssKb(), loadAverage(),
          CassandraWork.of(session).since(work),
          projected.summary(Duration.ofSeconds(Long.parseLong(settings.get("seconds")))),
          projected.p99Seconds(), backlog, Receipts.of(paid, mail), mail.mails() - mails);
      System.out.println(phase.summary());
      return phase;
    }
  }

  private static double loadAverage() throws IOException {
    return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
  }
}
