package payledger.load;

import java.util.Locale;
import java.util.Map;

/**
 * One measured phase: the requests, and everything counted from its first request until every
 * consumer caught up (the read models and the receipts): CPU, Cassandra's work, mails, lags.
 *
 * @param loadSeconds from the first answer to the last (the rate's denominator)
 * @param cpu from the phase's start until the consumers caught up
 * @param gc the service's GC pauses over the same time
 * @param readModelP99Seconds the slowest projection's p99, as a bucket bound
 * @param backlog how far behind the journal each projection was during the load, and when it
 *     caught up after it (every projection, also those without a lag histogram)
 * @param mails every mail the SMTP sink accepted in the phase (receipts and other notices)
 */
record Phase(String name, Map<String, String> settings, Map<String, Recorder.Summary> requests,
    double loadSeconds, CpuTime cpu, GcPauses gc, long serviceRssKb, long cassandraRssKb, double loadAverage,
    CassandraWork cassandra, String readModelLag, double readModelP99Seconds,
    ProjectionBacklog.Result backlog, Receipts receipts, long mails) {

  private static final Recorder.Summary NONE = new Recorder.Summary(0, 0, 0, 0, 0, 0, 0);

  /**
   * Payment events (generic and Stripe) answered 2xx — a redelivery too: the gateway sent it and
   * the service acknowledged it. Order registrations are not payment events.
   */
  long paymentEvents() {
    return event(Ingestion.EVENT).ok() + event(Ingestion.STRIPE).ok();
  }

  double paymentEventsPerSecond() {
    return loadSeconds > 0 ? paymentEvents() / loadSeconds : 0;
  }

  /** ms of CPU per acknowledged payment event. */
  double perEvent(double ms) {
    return ms / Math.max(1, paymentEvents());
  }

  double mutationsPerEvent() {
    return perEvent(cassandra.totalWrites());
  }

  double readsPerEvent() {
    return perEvent(cassandra.totalReads());
  }

  /** The service's GC pause time per 1,000 acknowledged payment events (ms). */
  double gcPauseMsPerThousand() {
    return 1000 * perEvent(gc.totalMs());
  }

  double errorPercent() {
    long ok = requests.values().stream().mapToLong(Recorder.Summary::ok).sum();
    long failed = requests.values().stream().mapToLong(Recorder.Summary::failed).sum();
    return ok + failed == 0 ? 0 : 100.0 * failed / (ok + failed);
  }

  /** Generic payment events' latency (the bulk of them; Stripe's are 10 %). */
  Recorder.Summary events() {
    return event(Ingestion.EVENT);
  }

  private Recorder.Summary event(String name) {
    return requests.getOrDefault(name, NONE);
  }

  String summary() {
    return String.format(Locale.ROOT, "%s: %,.0f payment events/s, errors %.2f %%, p50/p99 %d/%d ms; "
            + "CPU-ms per payment event: service %.2f (JIT %.0f %%), Cassandra %.2f, generator %.2f, "
            + "SMTP sink %.2f, rest %.2f; GC pauses %d, p99 %.1f ms, %.0f ms per 1,000 payment events; Cassandra per payment event %.1f mutations, %.1f reads (%s); "
            + "receipts %s; read models: %s; projections behind the journal: %s",
        name, paymentEventsPerSecond(), errorPercent(), events().p50(), events().p99(),
        perEvent(cpu.serviceMs()), 100 * cpu.jitShare(), perEvent(cpu.cassandraMs()),
        perEvent(cpu.generatorMs()), perEvent(cpu.sinkMs()), perEvent(cpu.restMs()),
        gc.count(), gc.p99Ms(), gcPauseMsPerThousand(), mutationsPerEvent(), readsPerEvent(), cassandra.top(Math.max(1, paymentEvents()), 6),
        receipts.summary(), readModelLag, backlog.summary());
  }
}
