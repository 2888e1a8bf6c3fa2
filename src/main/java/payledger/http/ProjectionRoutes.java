package payledger.http;

import static org.apache.pekko.http.javadsl.server.Directives.*;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.projection.ProjectionId;
import java.util.function.Supplier;
import payledger.readmodel.ProjectionStatus;
import payledger.readmodel.ReadModelProjections;
import payledger.readmodel.ReadModelRebuild;
import payledger.readmodel.ReadSide;

/**
 * {@code GET /v1/admin/projections}: every projection instance's offset time and its age (lag);
 * {@code POST /v1/admin/projections/rebuild}: drop the read models and rebuild them from the
 * journal ({@link ReadModelRebuild}). Admin only.
 */
final class ProjectionRoutes {

  record Status(Instant asOf, List<ProjectionStatus.Instance> projections) {}

  record Rebuilt(List<String> truncated, List<String> restarted) {}

  private static final Set<Role> ADMIN = EnumSet.of(Role.ADMIN);

  private final ActorSystem<?> system;
  private final Supplier<ReadSide> readSide;
  private final Auth auth;

  ProjectionRoutes(ActorSystem<?> system, Supplier<ReadSide> readSide, Auth auth) {
    this.system = system;
    this.readSide = readSide;
    this.auth = auth;
  }

  Route route() {
    return pathPrefix(segment("admin").slash("projections"), () -> auth.require(ADMIN, () -> concat(
        pathEnd(() -> get(() -> ReadModelRoutes.answer(() -> {
          // Offsets are journal (wall clock) times: compared with the wall clock, not service time.
          Instant now = Instant.now();
          return ProjectionStatus.of(system, ProjectionStatus.all(system), now)
              .thenApply(list -> Json.response(200, new Status(now, list)));
        }))),
        path("rebuild", () -> post(() -> ReadModelRoutes.answer(() ->
            ReadModelRebuild.run(system, readSide.get().session(), readSide.get().keyspace()).thenApply(done -> Json.response(200,
                new Rebuilt(ReadModelRebuild.TABLES,
                    ReadModelProjections.ids().stream().map(ProjectionId::id).toList())))))))));
  }
}
