package payledger.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one clock of a node: entities, the deadline scheduler and projections all read it. In
 * production it is the system clock. With the test clock switched on ({@code
 * payledger.test-clock.enabled}, off by default) an admin can move it forward, as Stripe's test
 * clocks do, to run a 48 h SLA end to end in seconds. It never moves backwards: deadlines already
 * fired stay fired.
 */
public final class ServiceClock extends Clock {

  private final Clock base;
  private final boolean adjustable;
  private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

  private ServiceClock(Clock base, boolean adjustable) {
    this.base = base;
    this.adjustable = adjustable;
  }

  /** Service time from {@code base}; {@code adjustable} only for tests and demos. */
  public static ServiceClock of(Clock base, boolean adjustable) {
    return new ServiceClock(base, adjustable);
  }

  public boolean isAdjustable() {
    return adjustable;
  }

  /** A test clock that stands still at {@code start} and moves only when advanced. */
  public static ServiceClock frozenAt(Instant start) {
    return new ServiceClock(Clock.fixed(start, ZoneOffset.UTC), true);
  }

  /** Moves service time forward and returns the new now. */
  public Instant advance(Duration by) {
    if (!adjustable) {
      throw new IllegalStateException("the test clock is off");
    }
    if (by.isNegative()) {
      throw new IllegalArgumentException("service time never moves backwards");
    }
    offset.updateAndGet(current -> current.plus(by));
    return instant();
  }

  @Override
  public Instant instant() {
    return base.instant().plus(offset.get());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("payledger runs on UTC");
  }
}
