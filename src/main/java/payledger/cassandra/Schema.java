package payledger.cassandra;

import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSession;

/**
 * Creates the whole schema in dev and tests from the same files production applies by hand:
 * {@code cassandra/schema.cql} (journal and snapshots), {@code cassandra/read-side.cql}
 * (deadlines, projection offsets, outbox, read models, fraud, vendors) and
 * {@code cassandra/settlements.cql}. One statement after the other, before the service starts its
 * entities: concurrent schema changes on a fresh node time out.
 */
public final class Schema {

  /** Schema changes wait for agreement between nodes: far slower than the driver's 2 s default. */
  private static final Duration DDL_TIMEOUT = Duration.ofSeconds(30);

  /** The tables after the journal's, in the order they are applied. */
  private static final List<String> SERVICE_FILES = List.of("read-side.cql", "settlements.cql");

  private Schema() {}

  /** The keyspace gets SimpleStrategy with {@code replicationFactor}: dev and test clusters only. */
  public static CompletionStage<Done> create(
      CassandraSession session, String keyspace, int replicationFactor) {
    List<String> statements = new ArrayList<>();
    statements.add("CREATE KEYSPACE IF NOT EXISTS " + keyspace
        + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': "
        + replicationFactor + "}");
    statements.addAll(statements("schema.cql", keyspace).stream()
        .filter(s -> !s.startsWith("CREATE KEYSPACE")).toList());
    statements.addAll(serviceTables(keyspace));
    CompletionStage<Done> done = CompletableFuture.completedFuture(Done.getInstance());
    for (String statement : statements) {
      done = done.thenCompose(ignored -> session.executeWrite(
          SimpleStatement.newInstance(statement).setTimeout(DDL_TIMEOUT)));
    }
    return done;
  }

  /** Every statement after the journal's: the service's own tables, for {@code keyspace}. */
  public static List<String> serviceTables(String keyspace) {
    return SERVICE_FILES.stream().flatMap(file -> statements(file, keyspace).stream()).toList();
  }

  /** The statements of a schema file, for {@code keyspace} (the files say {@code payledger}). */
  public static List<String> statements(String file, String keyspace) {
    try (InputStream in = Schema.class.getResourceAsStream("/cassandra/" + file)) {
      String cql = new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .replaceAll("(?m)^--.*$", "")
          .replace("${keyspace}", keyspace)
          .replace("payledger.", keyspace + ".")
          .replace("KEYSPACE IF NOT EXISTS payledger", "KEYSPACE IF NOT EXISTS " + keyspace);
      return Arrays.stream(cql.split(";")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
