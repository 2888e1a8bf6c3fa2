package payledger.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Moments as people read them on the pages: {@code 2026-12-07 01:47 UTC}. */
public final class Times {

  private static final DateTimeFormatter MINUTES =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private Times() {}

  public static String at(Instant at) {
    return at == null ? "" : MINUTES.format(at);
  }
}
