package payledger.readmodel;

import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.projection.ProjectionId;
import org.apache.pekko.projection.javadsl.ProjectionManagement;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSession;

/**
 * Drops the read models and rebuilds them from the journal: pauses every read-model projection
 * instance, truncates their tables, clears their offsets (so they start again from the first
 * event) and resumes them. The deadlines projections are left alone. Safe to repeat; while it runs
 * the lists and the report are empty or partial.
 */
public final class ReadModelRebuild {

  /** Every table the read-model projections write (and nothing else). */
  public static final List<String> TABLES = List.of("rm_order_view", "rm_dispute_view",
      "rm_orders_by_hour", "rm_orders_by_status_hour", "rm_orders_by_customer", "rm_open_discrepancies",
      "rm_resolved_discrepancies", "rm_active_disputes", "rm_closed_disputes",
      "rm_disputes_by_order", "rm_list_gateways", "rm_kpi_facts", "rm_kpi_tally");

  private static final Duration TRUNCATE_TIMEOUT = Duration.ofSeconds(60);

  private ReadModelRebuild() {}

  public static CompletionStage<Done> run(ActorSystem<?> system, CassandraSession session, String keyspace) {
    ProjectionManagement management = ProjectionManagement.get(system);
    List<ProjectionId> ids = ReadModelProjections.ids();
    return each(ids, management::pause)
        .thenCompose(done -> {
          CompletionStage<Done> truncated = CompletableFuture.completedFuture(Done.getInstance());
          for (String table : TABLES) {
            truncated = truncated.thenCompose(d -> session.executeWrite(SimpleStatement
                .newInstance("TRUNCATE " + keyspace + "." + table).setTimeout(TRUNCATE_TIMEOUT)));
          }
          return truncated;
        })
        .thenCompose(done -> each(ids, management::clearOffset))
        .thenCompose(done -> each(ids, management::resume));
  }

  private static CompletionStage<Done> each(List<ProjectionId> ids,
      java.util.function.Function<ProjectionId, CompletionStage<Done>> operation) {
    CompletionStage<Done> chain = CompletableFuture.completedFuture(Done.getInstance());
    for (ProjectionId id : ids) {
      chain = chain.thenCompose(d -> operation.apply(id));
    }
    return chain;
  }
}
