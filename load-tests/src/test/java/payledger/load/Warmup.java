package payledger.load;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Warms the service up in steps at saturation until its JIT compiler threads took under 5 % of its
 * CPU in the last step, or {@code -Dwarmup} seconds of load have passed. Each step is run like a
 * measured phase ({@link Rig#measure}): {@code -DwarmupStep} seconds closed-model at
 * {@code -Dconcurrency}, counted until every consumer caught up, so that no backlog is left for the
 * first measured phase and the JIT share covers the consumers' code too.
 *
 * <p>Steps at saturation, not at a modest rate: at 100 payment events/s the one C2 compiler thread
 * of a 2-core box still had a queue after 270 s (the share rose from 11 % to 39 % as passivation
 * and the deadlines brought new code in), because the code the saturation phase runs reaches the
 * compile thresholds only at its rate.
 *
 * @param jitShare the JIT threads' share of the service's CPU in the last step
 */
record Warmup(int steps, long seconds, int concurrency, double jitShare) {

  static final double ENOUGH = 0.05;

  static Warmup run(Rig rig, Duration step, Duration max, int concurrency)
      throws IOException, InterruptedException {
    long done = 0;
    int steps = 0;
    double share = 1;
    while (done < max.toSeconds() && share >= ENOUGH) {
      long seconds = Math.min(step.toSeconds(), max.toSeconds() - done);
      Phase phase = rig.measure("warmup-" + ++steps, Map.of(
          "concurrency", Integer.toString(concurrency), "seconds", Long.toString(seconds)));
      share = phase.cpu().jitShare();
      done += seconds;
      System.out.printf(Locale.ROOT, "warm-up step %d: %d s, JIT %.1f %% of the service's CPU%n",
          steps, done, 100 * share);
    }
    return new Warmup(steps, done, concurrency, share);
  }

  boolean warm() {
    return jitShare < ENOUGH;
  }
}
