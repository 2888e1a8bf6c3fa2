package payledger.notify;

import static org.junit.jupiter.api.Assertions.*;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import payledger.Service;
import payledger.testing.TestConfigs;

/**
 * Nobody can open a receipt with a secret that was ever published: production sets its own or does
 * not start, and the embedded dev default signs with a secret of its installation.
 */
class ReceiptLinkSecretTest {

  /** The default of earlier releases, as printed in their payledger.conf. */
  private static final String PUBLISHED = "dev-receipt-link-secret-not-for-production";

  private final Clock clock = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

  @TempDir
  Path home;

  /** The packaged configuration as ./payledger start reads it: no secret set, dev keys on. */
  private static Config packaged(String overrides) {
    return ConfigFactory.parseString(overrides).withFallback(ConfigFactory.load()).resolve();
  }

  private ReceiptLinks devLinks(Path installation) {
    return Notifications.links(
        NotificationSettings.from(packaged("payledger.home = \"" + installation + "\"")), clock);
  }

  @Test
  void aLinkSignedWithThePublishedSecretOpensNoReceiptOnADevNode() {
    String forged = new ReceiptLinks(PUBLISHED, Duration.ofDays(1), "http://x", clock)
        .token("someone-elses-order", clock.instant().plusSeconds(3600));

    assertTrue(devLinks(home).verify(forged).isEmpty());
  }

  @Test
  void theDevSecretIsRandomPerInstallationAndKeptUnderVar() throws Exception {
    ReceiptLinks first = devLinks(home);
    String token = first.token("order-1", clock.instant().plusSeconds(3600));

    assertEquals("order-1", devLinks(home).verify(token).orElseThrow(), "kept across restarts");
    assertTrue(Files.isRegularFile(home.resolve("var/receipt-link-secret")));
    assertTrue(devLinks(home.resolve("elsewhere")).verify(token).isEmpty(), "another installation");
  }

  @Test
  void productionWithoutItsOwnSecretRefusesToStartAndSaysWhy() {
    Config production = TestConfigs.inMemory("""
        payledger.auth.dev-keys-enabled = false
        payledger.notify.receipt-links.secret = ""
        """);

    IllegalStateException refused = assertThrows(IllegalStateException.class,
        () -> Service.start(production, Clock.systemUTC()).close());
    assertTrue(refused.getMessage().contains("PAYLEDGER_RECEIPT_LINK_SECRET"), refused.getMessage());
  }

  @Test
  void productionRefusesThePublishedSecretEvenWhenSetExplicitly() {
    Config production = TestConfigs.inMemory("""
        payledger.auth.dev-keys-enabled = false
        payledger.notify.receipt-links.secret = "%s"
        """.formatted(PUBLISHED));

    IllegalStateException refused = assertThrows(IllegalStateException.class,
        () -> Service.start(production, Clock.systemUTC()).close());
    assertTrue(refused.getMessage().contains("published"), refused.getMessage());
  }

  @Test
  void productionWithItsOwnSecretSignsWithIt() {
    Config production = packaged("""
        payledger.auth.dev-keys-enabled = false
        payledger.notify.receipt-links.secret = "a-production-secret-of-32-chars!"
        """);
    String token = new ReceiptLinks("a-production-secret-of-32-chars!", Duration.ofDays(1), "http://x", clock)
        .token("order-2", clock.instant().plusSeconds(3600));

    assertEquals("order-2", Notifications.links(NotificationSettings.from(production), clock)
        .verify(token).orElseThrow());
  }
}
