package payledger.vendor;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import payledger.serialization.CborSerializable;

/**
 * When a vendor's money becomes payable: {@code delayDays} after the order settled (T+N, the
 * refund risk window), then on the next payout day — every day for {@link Frequency#DAILY}, the
 * next {@code weekday} for {@link Frequency#WEEKLY} — at 00:00 UTC. Before that it is pending.
 */
public record PayoutSchedule(Frequency frequency, int delayDays, DayOfWeek weekday)
    implements CborSerializable {

  public enum Frequency {
    DAILY,
    WEEKLY
  }

  /** Weekly on Mondays, seven days after settlement. */
  public static final PayoutSchedule DEFAULT = new PayoutSchedule(Frequency.WEEKLY, 7, DayOfWeek.MONDAY);

  public static final int MAX_DELAY_DAYS = 90;

  public PayoutSchedule {
    if (frequency == null || delayDays < 0 || delayDays > MAX_DELAY_DAYS) {
      throw new IllegalArgumentException("a frequency and a delay of 0-90 days");
    }
    weekday = frequency == Frequency.WEEKLY && weekday == null ? DayOfWeek.MONDAY : weekday;
    weekday = frequency == Frequency.DAILY ? null : weekday;
  }

  /** When money of an order that settled at {@code settledAt} becomes payable. */
  public Instant availableAt(Instant settledAt) {
    LocalDate day = LocalDate.ofInstant(settledAt.plus(Duration.ofDays(delayDays)), ZoneOffset.UTC)
        .plusDays(1);
    if (frequency == Frequency.WEEKLY) {
      day = day.with(TemporalAdjusters.nextOrSame(weekday));
    }
    return day.atStartOfDay(ZoneOffset.UTC).toInstant();
  }
}
