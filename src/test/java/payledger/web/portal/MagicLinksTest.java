package payledger.web.portal;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A magic link signs its customer in once, until it expires, and only under its own secret. */
class MagicLinksTest {

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
  void aMagicLinkSignsItsCustomerInOnceUntilItExpires() {
    MagicLinks links = new MagicLinks("a-portal-secret-of-length", Duration.ofMinutes(30), "http://shop", clock);
    String token = token(links, "cust-7");
    assertEquals("cust-7", links.redeem(token).orElseThrow());
    assertTrue(links.redeem(token).isEmpty(), "once");

    String forged = token(links, "cust-7").replaceFirst("^[^.]+", java.util.Base64.getUrlEncoder()
        .withoutPadding().encodeToString("cust-8".getBytes()));
    assertTrue(links.redeem(forged).isEmpty(), "another customer's id under this MAC");
    MagicLinks other = new MagicLinks("another-secret-entirely", Duration.ofMinutes(30), "http://shop", clock);
    assertTrue(other.redeem(token(links, "cust-7")).isEmpty(), "another secret");

    String late = token(links, "cust-7");
    advance(Duration.ofMinutes(31));
    assertTrue(links.redeem(late).isEmpty(), "expired");
    assertTrue(links.redeem("garbage").isEmpty());
    assertTrue(links.redeem("a.b.c.d").isEmpty());
  }

  private String token(MagicLinks links, String customer) {
    return links.token(customer, clock.instant().plus(Duration.ofMinutes(30)));
  }
}
