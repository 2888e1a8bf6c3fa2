package payledger.web;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Sessions expire when idle and in any case; countdowns; amounts typed in forms. */
class WebSecurityTest {

  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-07T10:00:00Z"));
  private final Clock clock = new Clock() {
    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now.get();
    }
  };

  private void advance(Duration by) {
    now.updateAndGet(t -> t.plus(by));
  }

  @Test
  void aSessionEndsAfterItsIdleTimeAndAfterItsAbsoluteTimeWhateverItsUse() {
    Sessions sessions = new Sessions(Duration.ofMinutes(30), Duration.ofHours(2), 100, clock);
    Sessions.Session s = sessions.start(new Sessions.Principal.Staff("dev-support", Set.of("SUPPORT")));
    assertNotEquals(s.id(), s.csrf(), "the CSRF token is not the session id");
    advance(Duration.ofMinutes(29));
    assertTrue(sessions.find(s.id()).isPresent(), "used within the idle time");
    advance(Duration.ofMinutes(29));
    assertTrue(sessions.find(s.id()).isPresent(), "each request restarts the idle time");
    for (int i = 0; i < 2; i++) {
      advance(Duration.ofMinutes(25));
      assertTrue(sessions.find(s.id()).isPresent(), "busy at minute " + (58 + 25 * (i + 1)));
    }
    advance(Duration.ofMinutes(25));
    assertTrue(sessions.find(s.id()).isEmpty(), "two hours after sign-in, however busy");

    Sessions.Session idle = sessions.start(new Sessions.Principal.Customer("cust-1"));
    advance(Duration.ofMinutes(31));
    assertTrue(sessions.find(idle.id()).isEmpty(), "idle for too long");
    assertTrue(sessions.find("made-up").isEmpty());
  }

  @Test
  void signingOutEndsTheSessionAndTheOldestGoFirstPastTheLimit() {
    Sessions sessions = new Sessions(Duration.ofMinutes(30), Duration.ofHours(2), 2, clock);
    Sessions.Session a = sessions.start(new Sessions.Principal.Customer("a"));
    Sessions.Session b = sessions.start(new Sessions.Principal.Customer("b"));
    sessions.end(b.id());
    assertTrue(sessions.find(b.id()).isEmpty());
    Sessions.Session c = sessions.start(new Sessions.Principal.Customer("c"));
    Sessions.Session d = sessions.start(new Sessions.Principal.Customer("d"));
    assertTrue(sessions.find(a.id()).isEmpty(), "the least recently used is dropped");
    assertTrue(sessions.find(c.id()).isPresent() && sessions.find(d.id()).isPresent());
  }

  @Test
  void countdownsWarnAtThreeQuartersOfTheWindowAndBreachAfterTheDeadline() {
    Instant start = Instant.parse("2026-12-07T10:00:00Z");
    Instant deadline = start.plus(Duration.ofHours(48));
    assertEquals("ok", Countdown.of(start, deadline, start.plus(Duration.ofHours(35))).level());
    assertEquals("warn", Countdown.of(start, deadline, start.plus(Duration.ofHours(36))).level());
    Countdown late = Countdown.of(start, deadline, deadline.plus(Duration.ofMinutes(90)));
    assertEquals("breach", late.level());
    assertTrue(late.overdue());
  }

  @Test
  void anOverdueDeadlineReadsAsOverdueInEveryLanguageNeverAsANegativeTime() {
    Pages pages = new Pages();
    Instant opened = Instant.parse("2026-12-07T10:00:00Z");
    Instant ackBy = opened.plus(Duration.ofHours(1));
    Countdown late = Countdown.of(opened, ackBy, ackBy.plus(Duration.ofHours(1)));
    assertEquals("overdue by 1 h 0 m", late.text(pages.strings("en")));
    assertEquals("seit 1 Std. 0 Min. überfällig", late.text(pages.strings("de")));
    Countdown early = Countdown.of(opened, ackBy, opened.plus(Duration.ofMinutes(15)));
    assertEquals("45 m 0 s left", early.text(pages.strings("en")));
    assertEquals("noch 45 Min. 0 s", early.text(pages.strings("de")));
    Countdown days = Countdown.of(opened, opened.plus(Duration.ofHours(48)), opened.plus(Duration.ofHours(12)));
    assertEquals("1 d 12 h left", days.text(pages.strings("en")));
    assertEquals("overdue by 2 d 0 h", Countdown.of(opened, ackBy, ackBy.plus(Duration.ofHours(48)))
        .text(pages.strings("en")));
    assertEquals("overdue by 7 s", Countdown.of(opened, ackBy, ackBy.plusSeconds(7)).text(pages.strings("en")));
    assertFalse(late.view(ackBy, pages.strings("en")).get("left").toString().contains("-"));
  }

  @Test
  void amountsAreTypedInMajorUnitsWithTheCurrencysDecimals() {
    assertEquals(1250L, Forms.minorUnits("12.50", "EUR").orElseThrow());
    assertEquals(1250L, Forms.minorUnits("12,5", "EUR").orElseThrow());
    assertEquals(-300L, Forms.minorUnits("-3", "EUR").orElseThrow());
    assertEquals(500L, Forms.minorUnits("500", "JPY").orElseThrow());
    assertTrue(Forms.minorUnits("1.234", "EUR").isEmpty(), "too many decimals");
    assertTrue(Forms.minorUnits("1.5", "JPY").isEmpty());
    assertTrue(Forms.minorUnits("twelve", "EUR").isEmpty());
    assertTrue(Forms.minorUnits("1e40", "EUR").isEmpty());
  }
}
