package payledger.readmodel;

import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.projection.ProjectionId;
import org.apache.pekko.projection.javadsl.ProjectionManagement;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drops the read models and rebuilds them from the journal: pauses every read-model projection
 * instance, truncates their tables, clears their offsets (so they start again from the first
 * event) and resumes them. The deadlines projections are left alone. Safe to repeat; while it runs
 * the lists and the report are empty or partial.
 *
 * <p>The order projections resume first. A case's KPI facts take their order's payment method and
 * gateway from the order's view, so the dispute projections resume only once every order
 * projection is back at the offset it had reached before the rebuild: replayed alone, a case would
 * be counted under no method and no gateway, for good. The vendor projections (payout periods)
 * resume with them; they need no order. A node stopped before then leaves the
 * dispute projections paused (the pause is stored): running the rebuild again resumes them.
 */
public final class ReadModelRebuild {

  /** Every table the read-model projections write (and nothing else). */
  public static final List<String> TABLES = List.of("rm_order_view", "rm_dispute_view",
      ReadModelRows.ORDERS_BY_HOUR, ReadModelRows.ORDERS_BY_STATUS, "rm_orders_by_customer",
      ReadModelRows.OPEN_DISCREPANCIES, "rm_resolved_discrepancies_hour", ReadModelRows.ACTIVE_DISPUTES,
      WorkingSets.INDEX,
      "rm_closed_disputes_hour", "rm_disputes_by_order", "rm_list_gateways", "rm_list_hours",
      ReadModelRows.KPI_FACTS, "rm_kpi_tally",
      "rm_vendor_view");

  private static final Duration TRUNCATE_TIMEOUT = Duration.ofSeconds(60);
  private static final Logger log = LoggerFactory.getLogger(ReadModelRebuild.class);

  private ReadModelRebuild() {}

  public static CompletionStage<Done> run(ActorSystem<?> system, CassandraSession session, String keyspace) {
    ProjectionManagement management = ProjectionManagement.get(system);
    List<ProjectionId> ids = ReadModelProjections.ids();
    List<ProjectionId> orders = ids.stream().filter(id -> id.name().equals(ReadModelProjections.ORDERS)).toList();
    List<ProjectionId> cases = ids.stream().filter(id -> !orders.contains(id)).toList();
    return reached(management, orders).thenCompose(reached -> each(ids, management::pause)
        .thenCompose(done -> {
          CompletionStage<Done> truncated = CompletableFuture.completedFuture(Done.getInstance());
          for (String table : TABLES) {
            truncated = truncated.thenCompose(d -> session.executeWrite(SimpleStatement
                .newInstance("TRUNCATE " + keyspace + "." + table).setTimeout(TRUNCATE_TIMEOUT)));
          }
          return truncated;
        })
        .thenCompose(done -> each(ids, management::clearOffset))
        .thenCompose(done -> each(orders, management::resume))
        .thenApply(done -> {
          resumeOnceBack(management, reached, cases);
          return Done.getInstance();
        }));
  }

  /** Where each order projection has got to (an empty offset: nothing yet). */
  private static CompletionStage<List<Reached>> reached(ProjectionManagement management,
      List<ProjectionId> orders) {
    List<Reached> reached = new ArrayList<>();
    CompletionStage<Done> chain = CompletableFuture.completedFuture(Done.getInstance());
    for (ProjectionId id : orders) {
      chain = chain.thenCompose(d -> management.getOffset(id)
          .thenApply(offset -> {
            reached.add(new Reached(id, offset));
            return Done.getInstance();
          }));
    }
    return chain.thenApply(done -> reached);
  }

  private record Reached(ProjectionId id, Optional<Object> offset) {}

  /** Resumes the dispute projections once every order projection is back where it was. */
  private static void resumeOnceBack(ProjectionManagement management, List<Reached> reached,
      List<ProjectionId> cases) {
    allBack(management, reached).whenComplete((back, failure) -> {
      if (failure == null && back) {
        log.info("read-model rebuild: the order projections are back where they were; resuming {}", cases);
        each(cases, management::resume).whenComplete((done, f) -> {
          if (f != null) {
            log.warn("read-model rebuild: resuming {} failed ({}); resume them by hand", cases, f.toString());
          }
        });
      } else {
        CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS)
            .execute(() -> resumeOnceBack(management, reached, cases));
      }
    });
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static CompletionStage<Boolean> allBack(ProjectionManagement management, List<Reached> reached) {
    CompletionStage<Boolean> all = CompletableFuture.completedFuture(true);
    for (Reached r : reached) {
      all = all.thenCompose(back -> !back || r.offset().isEmpty() ? CompletableFuture.completedFuture(back)
          : management.getOffset(r.id()).thenApply(now -> now
              .map(at -> ((Comparable) at).compareTo(r.offset().get()) >= 0).orElse(false)));
    }
    return all;
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
