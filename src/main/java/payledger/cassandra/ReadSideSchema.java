package payledger.cassandra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionStage;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.projection.cassandra.javadsl.CassandraProjection;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSession;

/**
 * Creates the read-side tables in dev and tests: {@code cassandra/read-side.cql} (one file, also
 * applied by hand in production) and the projections' offset tables.
 */
public final class ReadSideSchema {

  private ReadSideSchema() {}

  /** Schema changes wait for agreement between nodes: far slower than the driver's 2 s default. */
  private static final Duration DDL_TIMEOUT = Duration.ofSeconds(30);

  /**
   * Creates the keyspace too (the journal creates it lazily, possibly later), with the journal's
   * dev replication factor.
   */
  public static CompletionStage<Done> create(
      ActorSystem<?> system, CassandraSession session, String keyspace, int replicationFactor) {
    CompletionStage<Done> done = ddl(session, "CREATE KEYSPACE IF NOT EXISTS " + keyspace
        + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': "
        + replicationFactor + "}");
    done = done.thenCompose(ignored -> CassandraProjection.createTablesIfNotExists(system));
    for (String statement : statements(keyspace)) {
      done = done.thenCompose(ignored -> ddl(session, statement));
    }
    return done;
  }

  private static CompletionStage<Done> ddl(CassandraSession session, String statement) {
    return session.executeWrite(SimpleStatement.newInstance(statement).setTimeout(DDL_TIMEOUT));
  }

  static List<String> statements(String keyspace) {
    try (InputStream in = ReadSideSchema.class.getResourceAsStream("/cassandra/read-side.cql")) {
      String cql = new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .replaceAll("(?m)^--.*$", "")
          .replace("${keyspace}", keyspace);
      return Arrays.stream(cql.split(";")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
