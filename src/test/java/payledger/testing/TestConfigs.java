package payledger.testing;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.apache.pekko.persistence.testkit.PersistenceTestKitPlugin;
import org.apache.pekko.persistence.testkit.PersistenceTestKitSnapshotPlugin;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;

/** The service's own configuration with test overrides on top: free ports, short timeouts. */
public final class TestConfigs {

  private TestConfigs() {}

  /** For EventSourcedBehaviorTestKit: in-memory journal, local provider, the service's serializers. */
  public static Config entityTestKit() {
    return EventSourcedBehaviorTestKit.config()
        .withFallback(ConfigFactory.parseString("pekko.actor.provider = local"))
        .withFallback(ConfigFactory.load());
  }

  /** A one-node service on random ports with the given overrides, resolved like the real one. */
  public static Config service(String overrides) {
    return service(overrides, ConfigFactory.empty());
  }

  /** The in-memory journal of the persistence testkit, which can also inject write failures. */
  public static Config inMemory(String overrides) {
    return service(
        overrides,
        ConfigFactory.parseString(
                """
                payledger.read-side.enabled = false
                payledger.cassandra.create-schema = false
                """)
            .withFallback(PersistenceTestKitPlugin.getInstance().config())
            .withFallback(PersistenceTestKitSnapshotPlugin.getInstance().config()));
  }

  private static Config service(String overrides, Config persistence) {
    return ConfigFactory.parseString(overrides)
        .withFallback(persistence)
        .withFallback(
            ConfigFactory.parseString(
                """
                pekko.remote.artery.canonical.port = 0
                payledger.http.port = 0
                pekko.management.http.port = 0
                payledger.notify.smtp.embedded.enabled = false
                payledger.notify.smtp.port = 1
                payledger.notify.sms.embedded.enabled = false
                payledger.notify.receipt-links.secret = "test-receipt-link-secret"
                """))
        .withFallback(ConfigFactory.defaultApplication())
        .withFallback(ConfigFactory.defaultReference())
        .resolve();
  }
}
