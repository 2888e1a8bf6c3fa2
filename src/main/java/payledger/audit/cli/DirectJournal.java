package payledger.audit.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import payledger.audit.Audit;
import payledger.audit.AuditSetup;

/**
 * The journal read straight from Cassandra, outside the cluster: a local actor system with the
 * service's own serializers and Cassandra settings, and no entity, projection or HTTP server.
 */
final class DirectJournal implements AutoCloseable {

  private final ActorSystem<Void> system;
  private final Audit audit;

  private DirectJournal(ActorSystem<Void> system, Audit audit) {
    this.system = system;
    this.audit = audit;
  }

  static DirectJournal open(String contactPoint, String keyspace, String datacenter) {
    Config config = ConfigFactory.parseString("pekko.actor.provider = local\npekko.loglevel = WARNING")
        .withFallback(ConfigFactory.parseMap(Map.of(
            "datastax-java-driver.basic.contact-points", List.of(contactPoint),
            "pekko.persistence.cassandra.journal.keyspace", keyspace,
            "datastax-java-driver.basic.load-balancing-policy.local-datacenter", datacenter)))
        .withFallback(ConfigFactory.load())
        .resolve();
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "payledger-audit", config);
    return new DirectJournal(system, AuditSetup.offline(system, config));
  }

  Audit audit() {
    return audit;
  }

  ActorSystem<Void> system() {
    return system;
  }

  @Override
  public void close() {
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().orTimeout(30, TimeUnit.SECONDS).join();
  }
}
