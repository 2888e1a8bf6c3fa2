package payledger.web;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * How urgent a deadline is at {@code now}: {@code ok}, {@code warn} once 75 % of its window (from
 * {@code start} to {@code deadline}) has passed — when the SLA's pre-breach warning goes out — and
 * {@code breach} after it. The page shows the time left (or overdue) and the deadline as epoch
 * milliseconds with the service's now, so a script can count down from service time (which a test
 * clock may have moved) instead of the browser's.
 */
public record Countdown(Instant deadline, String level, String left) {

  public static final double WARN_AT = 0.75;

  public static Countdown of(Instant start, Instant deadline, Instant now) {
    if (deadline == null) {
      return null;
    }
    String level;
    if (now.isAfter(deadline)) {
      level = "breach";
    } else {
      long window = start == null ? 0 : Duration.between(start, deadline).toMillis();
      long used = start == null ? 0 : Duration.between(start, now).toMillis();
      level = window > 0 && used >= WARN_AT * window ? "warn" : "ok";
    }
    return new Countdown(deadline, level, span(Duration.between(now, deadline)));
  }

  /** {@code 2d 3h}, {@code 3h 12m}, {@code 4m 5s}; negative spans as {@code -3h 12m}. */
  public static String span(Duration d) {
    String sign = d.isNegative() ? "-" : "";
    long s = Math.abs(d.getSeconds());
    long days = s / 86_400;
    long hours = s % 86_400 / 3_600;
    long minutes = s % 3_600 / 60;
    if (days > 0) {
      return sign + days + "d " + hours + "h";
    }
    if (hours > 0) {
      return sign + hours + "h " + minutes + "m";
    }
    return sign + minutes + "m " + s % 60 + "s";
  }

  public boolean overdue() {
    return level.equals("breach");
  }

  /** For templates: level, left, deadline (ISO) and its epoch milliseconds. */
  public Map<String, Object> view(Instant now) {
    Map<String, Object> m = new HashMap<>();
    m.put("level", level);
    m.put("left", left);
    m.put("at", deadline.toString());
    m.put("ms", deadline.toEpochMilli());
    m.put("now", now.toEpochMilli());
    m.put("overdue", overdue());
    return m;
  }
}
