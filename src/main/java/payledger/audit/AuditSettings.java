package payledger.audit;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * Settings of the audit, from {@code payledger.audit} and the journal's configuration.
 *
 * @param journalOnCassandra false when the journal is not Cassandra (the in-memory journal of some
 *     tests): there is nothing to audit then
 * @param readSideOn whether this node runs the read side (the deadlines table is compared only then)
 * @param keyspace the journal's keyspace
 * @param pageSize rows per Cassandra page when reading the journal
 * @param parallelism entities verified (or export batches rendered) at once
 * @param progressEvery how often a verification streams a progress line
 * @param projectionLag events younger than this may not have reached the read models: not compared
 */
public record AuditSettings(
    boolean journalOnCassandra,
    boolean readSideOn,
    String keyspace,
    int pageSize,
    int parallelism,
    Duration progressEvery,
    Duration projectionLag) {

  public static AuditSettings from(Config config) {
    Config c = config.getConfig("payledger.audit");
    return new AuditSettings(
        config.getString("pekko.persistence.journal.plugin")
            .equals("pekko.persistence.cassandra.journal"),
        config.getBoolean("payledger.read-side.enabled"),
        config.getString("pekko.persistence.cassandra.journal.keyspace"),
        c.getInt("page-size"),
        c.getInt("parallelism"),
        c.getDuration("progress-every"),
        c.getDuration("projection-lag"));
  }
}
