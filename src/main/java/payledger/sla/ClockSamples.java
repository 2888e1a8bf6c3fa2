package payledger.sla;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Readings of the service clock beside the wall clock, to tell what service time it was at a wall
 * time: journal offsets are wall time, registrations service time, and the two differ once a test
 * clock was moved. Conservative: the answer is the latest reading taken at or before the wall
 * time asked, never later than the service time it really was. Confined to one actor.
 */
final class ClockSamples {

  private record Sample(Instant wall, Instant service) {}

  /** Readings kept at most; thinned (every other one dropped) beyond: answers only get earlier. */
  private static final int LIMIT = 1_000;

  private final Deque<Sample> samples = new ArrayDeque<>();

  void add(Instant wall, Instant service) {
    samples.addLast(new Sample(wall, service));
    if (samples.size() > LIMIT) {
      Deque<Sample> kept = new ArrayDeque<>();
      boolean keep = true;
      for (Sample s : samples) {
        if (keep || s == samples.peekLast()) {
          kept.addLast(s);
        }
        keep = !keep;
      }
      samples.clear();
      samples.addAll(kept);
    }
  }

  /**
   * The service time of the latest reading taken at or before {@code wall}, if any; readings before
   * that one are dropped (later questions ask about later wall times).
   */
  Optional<Instant> serviceAt(Instant wall) {
    Sample best = null;
    while (!samples.isEmpty() && !samples.peekFirst().wall().isAfter(wall)) {
      best = samples.pollFirst();
    }
    if (best == null) {
      return Optional.empty();
    }
    samples.addFirst(best);
    return Optional.of(best.service());
  }
}
