package payledger.cassandra;

import static org.junit.jupiter.api.Assertions.*;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import payledger.Service;
import payledger.testing.ApiClient;
import payledger.testing.LocalCassandraExtension;
import payledger.testing.Requests;
import payledger.testing.TestConfigs;

/**
 * The production schema files are what the service really needs: apply schema.cql,
 * read-side.cql and settlements.cql (to their own keyspace, one replica on this one node) and run
 * the service with schema creation off.
 */
@ExtendWith(LocalCassandraExtension.class)
class SchemaIT {

  private static final String KEYSPACE = "payledger_schema_it";

  @Test
  void theServiceRunsOnTheProductionSchemaWithAutocreateOff() throws IOException {
    try (CqlSession session =
        LocalCassandraExtension.session()) {
      // Schema changes wait for agreement and may take longer than the driver's 2 s default.
      session.execute(SimpleStatement.newInstance("DROP KEYSPACE IF EXISTS " + KEYSPACE)
          .setTimeout(Duration.ofSeconds(60)));
      List<String> statements = new ArrayList<>(Schema.statements("schema.cql", KEYSPACE));
      statements.addAll(Schema.serviceTables(KEYSPACE));
      for (String statement : statements) {
        // The production keyspace wants three replicas; this node is one.
        String onOneNode = statement.replace("'datacenter1': 3", "'datacenter1': 1");
        session.execute(SimpleStatement.newInstance(onOneNode).setTimeout(Duration.ofSeconds(60)));
      }
    }

    String config =
        "pekko.persistence.cassandra.journal.keyspace = " + KEYSPACE + "\n"
            + "payledger.cassandra.create-schema = false\n";
    try (Service service = Service.start(TestConfigs.service(config), Clock.systemUTC())) {
      ApiClient api = new ApiClient(service.httpPort());
      api.awaitJournal();
      ApiClient.Reply created = api.post("/v1/orders", Requests.order("schema-1"));
      assertEquals(201, created.status(), created.body());
      assertEquals(
          201,
          api.post("/v1/payment-events", Requests.payment("evt-s1", "schema-1", "SUCCEEDED", 100))
              .status());
    }
  }
}
