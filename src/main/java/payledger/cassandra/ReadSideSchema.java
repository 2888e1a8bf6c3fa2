package payledger.cassandra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionStage;
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

  public static CompletionStage<Done> create(
      ActorSystem<?> system, CassandraSession session, String keyspace) {
    CompletionStage<Done> done = CassandraProjection.createTablesIfNotExists(system);
    for (String statement : statements(keyspace)) {
      done = done.thenCompose(ignored -> session.executeDDL(statement));
    }
    return done;
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
