package payledger.cassandra;

import static org.junit.jupiter.api.Assertions.*;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import payledger.Service;
import payledger.testing.ApiClient;
import payledger.testing.LocalCassandraExtension;
import payledger.testing.Requests;
import payledger.testing.TestConfigs;

/**
 * The production schema file is what the journal really needs: apply it (to its own keyspace, one
 * replica on this one node) and run the service with schema creation off.
 */
@ExtendWith(LocalCassandraExtension.class)
class SchemaIT {

  private static final String KEYSPACE = "payledger_schema_it";

  @Test
  void theServiceRunsOnTheProductionSchemaWithAutocreateOff() throws IOException {
    try (CqlSession session =
        CqlSession.builder()
            .addContactPoint(new InetSocketAddress("127.0.0.1", 9042))
            .withLocalDatacenter("datacenter1")
            // DDL waits for schema agreement and DROP KEYSPACE snapshots first: on a busy two-core
            // machine that exceeds the driver's 2 s default, which made this test flaky.
            .withConfigLoader(
                DriverConfigLoader.programmaticBuilder()
                    .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(30))
                    .build())
            .build()) {
      session.execute("DROP KEYSPACE IF EXISTS " + KEYSPACE);
      for (String statement : statements()) {
        session.execute(statement);
      }
    }

    String config =
        "pekko.persistence.cassandra.journal.keyspace = " + KEYSPACE + "\n"
            + "pekko.persistence.cassandra.journal.keyspace-autocreate = false\n"
            + "pekko.persistence.cassandra.journal.tables-autocreate = false\n";
    try (Service service = Service.start(TestConfigs.service(config), Clock.systemUTC())) {
      ApiClient api = new ApiClient(service.httpPort());
      ApiClient.Reply created = api.post("/v1/orders", Requests.order("schema-1"));
      assertEquals(201, created.status(), created.body());
      assertEquals(
          201,
          api.post("/v1/payment-events", Requests.payment("evt-s1", "schema-1", "SUCCEEDED", 100))
              .status());
    }
  }

  private static List<String> statements() throws IOException {
    try (InputStream in = SchemaIT.class.getResourceAsStream("/cassandra/schema.cql")) {
      String cql = new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .replaceAll("(?m)^--.*$", "")
          .replace("payledger.", KEYSPACE + ".")
          .replace("KEYSPACE IF NOT EXISTS payledger", "KEYSPACE IF NOT EXISTS " + KEYSPACE)
          .replace("'datacenter1': 3", "'datacenter1': 1");
      return Arrays.stream(cql.split(";")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
  }
}
