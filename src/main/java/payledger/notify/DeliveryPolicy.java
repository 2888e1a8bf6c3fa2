package payledger.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Retries with exponential backoff, then falls back to the customer's next channel: pure, so the
 * worker only carries the decisions out. A transient failure is retried on the same channel up to
 * {@code maxAttempts} times (waiting {@code base}, {@code 2 × base}, … up to {@code max}); a
 * bounce, or the last transient failure, moves on to the next channel at once. When no channel is
 * left the notification has failed.
 */
public record DeliveryPolicy(int maxAttempts, Duration base, Duration max) {

  /** The state after an attempt, and when to try next (null when finished). */
  public record Step(DeliveryState state, Instant nextAttemptAt) {}

  public Step after(DeliveryState state, List<Channel> channels, Outcome outcome, Instant now) {
    Channel channel = channels.get(state.channelIndex());
    if (outcome.result() == Outcome.Result.SENT) {
      return new Step(state.delivered(channel, now), null);
    }
    boolean exhausted = outcome.result() == Outcome.Result.BOUNCED
        || state.channelAttempts() + 1 >= maxAttempts;
    boolean last = exhausted && state.channelIndex() + 1 >= channels.size();
    DeliveryState next = state.failedOn(channel, outcome.detail(), exhausted, last);
    if (last) {
      return new Step(next, null);
    }
    return new Step(next, exhausted ? now : now.plus(backoff(state.channelAttempts() + 1)));
  }

  /** The wait after the n-th failure on a channel (n ≥ 1). */
  public Duration backoff(int failures) {
    Duration wait = base;
    for (int i = 1; i < failures && wait.compareTo(max) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(max) > 0 ? max : wait;
  }
}
