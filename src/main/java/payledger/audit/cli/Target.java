package payledger.audit.cli;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** Where the journal is: a running service (default) or a Cassandra node. */
final class Target {

  @ArgGroup(exclusive = true)
  Where where = new Where();

  static final class Where {
    @Option(names = "--url", description = "the service's base URL (default ${DEFAULT-VALUE})",
        defaultValue = "http://127.0.0.1:8080")
    String url = "http://127.0.0.1:8080";

    @Option(names = "--cassandra", paramLabel = "HOST:PORT",
        description = "read the journal directly from this Cassandra node instead")
    String cassandra;
  }

  @Option(names = "--key", defaultValue = "${env:PAYLEDGER_AUDITOR_KEY}",
      description = "auditor API key for --url (default: $PAYLEDGER_AUDITOR_KEY)")
  String key;

  @Option(names = "--keyspace", defaultValue = "payledger",
      description = "keyspace for --cassandra (default ${DEFAULT-VALUE})")
  String keyspace;

  @Option(names = "--datacenter", defaultValue = "datacenter1",
      description = "local datacenter for --cassandra (default ${DEFAULT-VALUE})")
  String datacenter;

  boolean direct() {
    return where.cassandra != null;
  }

  ServiceClient service() {
    if (key == null || key.isBlank()) {
      throw new IllegalArgumentException("give the auditor API key with --key or PAYLEDGER_AUDITOR_KEY");
    }
    return new ServiceClient(where.url, key);
  }

  DirectJournal cassandra() {
    return DirectJournal.open(where.cassandra, keyspace, datacenter);
  }
}
