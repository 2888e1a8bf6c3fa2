package payledger.load;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Warms the service up in steps at a modest rate until its JIT compiler threads took under 5 % of
 * its CPU in the last step, or {@code -Dwarmup} seconds have passed (a fixed 90 s left them at a
 * fifth to a quarter of it through both phases); then waits for its read models and receipts to
 * catch up, so that its backlog is not counted in the first measured phase.
 *
 * @param jitShare the JIT threads' share of the service's CPU in the last step
 */
record Warmup(int steps, long seconds, double rate, double jitShare) {

  static final double ENOUGH = 0.05;

  static Warmup run(Rig rig, Duration step, Duration max, double rate)
      throws IOException, InterruptedException {
    Settlements.reset();
    long done = 0;
    int steps = 0;
    double share = 1;
    while (done < max.toSeconds() && share >= ENOUGH) {
      long seconds = Math.min(step.toSeconds(), max.toSeconds() - done);
      CpuTime before = rig.cpu();
      Load.run("warmup-" + ++steps, Map.of("rate", Double.toString(rate), "seconds", Long.toString(seconds)));
      share = rig.cpu().since(before).jitShare();
      done += seconds;
      System.out.printf(Locale.ROOT, "warm-up step %d: %d s, JIT %.1f %% of the service's CPU%n",
          steps, done, 100 * share);
    }
    ProjectionLag.drained(Benchmark.SERVICE_URL, Duration.ofSeconds(5), Duration.ofMinutes(3));
    rig.mail().awaitReceipts(Settlements.snapshot().keySet(), Duration.ofSeconds(10), Duration.ofMinutes(3));
    return new Warmup(steps, done, rate, share);
  }

  boolean warm() {
    return jitShare < ENOUGH;
  }
}
