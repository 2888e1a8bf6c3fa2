package payledger.report;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

/** How a report's range is cut into periods: UTC days, ISO weeks (Monday to Sunday), months. */
public enum Granularity {
  DAY,
  WEEK,
  MONTH;

  public record Period(LocalDate start, LocalDate end) {}

  /** The periods covering {@code from}..{@code to} (inclusive), the first and last clipped to it. */
  public List<Period> periods(LocalDate from, LocalDate to) {
    List<Period> periods = new ArrayList<>();
    for (LocalDate start = from; !start.isAfter(to); ) {
      LocalDate end = switch (this) {
        case DAY -> start;
        case WEEK -> start.with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY));
        case MONTH -> start.with(TemporalAdjusters.lastDayOfMonth());
      };
      if (end.isAfter(to)) {
        end = to;
      }
      periods.add(new Period(start, end));
      start = end.plusDays(1);
    }
    return periods;
  }
}
