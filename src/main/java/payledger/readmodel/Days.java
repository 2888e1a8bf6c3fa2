package payledger.readmodel;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The time buckets of the read models: UTC hours ({@code yyyy-MM-ddTHH}) and days
 * ({@code yyyy-MM-dd}).
 */
public final class Days {

  private static final DateTimeFormatter HOUR =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH").withZone(ZoneOffset.UTC);

  private Days() {}

  public static String hour(Instant at) {
    return HOUR.format(at);
  }

  /** The hours from {@code from}'s to {@code to}'s, both included, in order. */
  public static List<String> hours(Instant from, Instant to) {
    List<String> hours = new ArrayList<>();
    for (Instant h = from.truncatedTo(ChronoUnit.HOURS); !h.isAfter(to); h = h.plus(1, ChronoUnit.HOURS)) {
      hours.add(hour(h));
    }
    return hours;
  }

  public static String day(Instant at) {
    return LocalDate.ofInstant(at, ZoneOffset.UTC).toString();
  }

  public static LocalDate date(Instant at) {
    return LocalDate.ofInstant(at, ZoneOffset.UTC);
  }

  public static Instant startOf(LocalDate day) {
    return day.atStartOfDay(ZoneOffset.UTC).toInstant();
  }
}
