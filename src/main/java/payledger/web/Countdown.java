package payledger.web;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * How urgent a deadline is at {@code now}: {@code ok}, {@code warn} once 75 % of its window (from
 * {@code start} to {@code deadline}) has passed — when the SLA's pre-breach warning goes out — and
 * {@code breach} after it. People read it in words of their language: "3 h 12 m left", and past
 * the deadline "overdue by 1 h 0 m" (never a negative time). The page also carries the deadline as
 * epoch milliseconds with the service's now, so a script can count down from service time (which a
 * test clock may have moved) instead of the browser's, with the same words ({@code web.js}).
 */
public record Countdown(Instant deadline, String level, Duration remaining) {

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
    return new Countdown(deadline, level, Duration.between(now, deadline));
  }

  /**
   * A span without sign, in the page's units ({@code unit_d}, {@code unit_h}, {@code unit_m},
   * {@code unit_s} of {@code t}): {@code 2 d 3 h}, {@code 3 h 12 m}, {@code 4 m 5 s}, {@code 7 s}.
   */
  public static String span(Duration d, Map<String, String> t) {
    long s = Math.abs(d.getSeconds());
    long days = s / 86_400;
    long hours = s % 86_400 / 3_600;
    long minutes = s % 3_600 / 60;
    if (days > 0) {
      return days + " " + unit(t, "d") + " " + hours + " " + unit(t, "h");
    }
    if (hours > 0) {
      return hours + " " + unit(t, "h") + " " + minutes + " " + unit(t, "m");
    }
    if (minutes > 0) {
      return minutes + " " + unit(t, "m") + " " + s % 60 + " " + unit(t, "s");
    }
    return s + " " + unit(t, "s");
  }

  /** "3 h 12 m left" before the deadline, "overdue by 1 h 0 m" after it ({@code countdown_*} of {@code t}). */
  public String text(Map<String, String> t) {
    String pattern = overdue() ? t.getOrDefault("countdown_overdue", "overdue by {0}")
        : t.getOrDefault("countdown_left", "{0} left");
    return pattern.replace("{0}", span(remaining, t));
  }

  public boolean overdue() {
    return level.equals("breach");
  }

  /** For templates: level, the words ({@link #text}), deadline (ISO) and its epoch milliseconds. */
  public Map<String, Object> view(Instant now, Map<String, String> t) {
    Map<String, Object> m = new HashMap<>();
    m.put("level", level);
    m.put("left", text(t));
    m.put("at", deadline.toString());
    m.put("ms", deadline.toEpochMilli());
    m.put("now", now.toEpochMilli());
    m.put("overdue", overdue());
    return m;
  }

  private static String unit(Map<String, String> t, String unit) {
    return t.getOrDefault("unit_" + unit, unit);
  }
}
