package payledger.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * {@code -Dsoak=N}: N seconds at half saturation, sampled every 30 s — the service's RSS and heap
 * after its last GC, the read models' and receipts' lag and the payment events' p99 over the last
 * 30 s — and whether each stayed flat: the mean of the last third of the samples at most 20 % (or
 * a small absolute margin) above the mean of the first third.
 */
record Soak(long seconds, double rate, List<Sample> samples) {

  /** @param heapAfterGcMb see {@link JvmMetrics#heapAfterGcMb} */
  record Sample(long second, long rssMb, long heapAfterGcMb, double readModelP99Seconds,
      long receiptP99Ms, long eventP99Ms) {}

  static Soak run(Rig rig, double rate, Duration length, Duration every) throws Exception {
    List<Sample> samples = new ArrayList<>();
    long start = System.currentTimeMillis();
    long[] windowStart = {start};
    ProjectionLag[] lag = {ProjectionLag.scrape(Benchmark.SERVICE_URL)};
    ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
    sampler.scheduleAtFixedRate(() -> {
      try {
        long now = System.currentTimeMillis();
        String metrics = ProjectionLag.metrics(Benchmark.SERVICE_URL);
        ProjectionLag total = ProjectionLag.parse(metrics);
        Receipts receipts = Receipts.ofAccepted(rig.mail().acceptedBetween("receipt:", windowStart[0], now),
            rig.mail());
        Sample sample = new Sample((now - start) / 1000, ProcessStats.of(rig.servicePid()).rssKb() / 1024,
            JvmMetrics.heapAfterGcMb(metrics), total.since(lag[0]).p99Seconds(), receipts.p99(),
            Recorder.p99SinceLastCall(Ingestion.EVENT));
        System.out.println("soak: " + sample);
        synchronized (samples) {
          samples.add(sample);
        }
        windowStart[0] = now;
        lag[0] = total;
      } catch (Exception e) {
        System.out.println("soak: no sample: " + e);
      }
    }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    try {
      Load.run("soak", Map.of("rate", String.format(Locale.ROOT, "%.0f", rate),
          "seconds", Long.toString(length.toSeconds())));
    } finally {
      sampler.shutdownNow();
      sampler.awaitTermination(30, TimeUnit.SECONDS);
    }
    synchronized (samples) {
      return new Soak(length.toSeconds(), rate, List.copyOf(samples));
    }
  }

  /** e.g. "RSS 1,900 → 1,950 MB: flat". */
  List<String> verdicts() {
    return List.of(
        verdict("service RSS", "%,.0f MB", 32, s -> s.rssMb()),
        verdict("heap after GC", "%,.0f MB", 32, s -> s.heapAfterGcMb()),
        verdict("read-model lag p99", "%.1f s", 0.5, Sample::readModelP99Seconds),
        verdict("receipt lag p99", "%,.0f ms", 500, s -> s.receiptP99Ms()),
        verdict("payment event p99", "%,.0f ms", 20, s -> s.eventP99Ms()));
  }

  /** @param format of a value with its unit, e.g. "%,.0f MB" */
  private String verdict(String what, String format, double margin, ToDoubleFunction<Sample> value) {
    int third = samples.size() / 3;
    if (third == 0) {
      return what + ": too few samples";
    }
    double first = samples.subList(0, third).stream().mapToDouble(value).average().orElse(0);
    double last = samples.subList(samples.size() - third, samples.size()).stream()
        .mapToDouble(value).average().orElse(0);
    boolean flat = last <= first * 1.2 || last - first <= margin;
    return String.format(Locale.ROOT, "%s " + format + " → " + format + ": %s", what, first, last,
        flat ? "flat" : "**grew**");
  }
}
