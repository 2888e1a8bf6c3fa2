package payledger.readmodel;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.persistence.query.TimeBasedUUID;
import org.apache.pekko.projection.ProjectionId;
import org.apache.pekko.projection.javadsl.ProjectionManagement;
import payledger.projection.TagProjections;

/**
 * Where each projection instance stands: the journal time of the last event whose offset it
 * stored, and how far that is behind now. With no new events the "lag" keeps growing although
 * nothing is pending: it is the age of the offset, an upper bound of the real lag (which the
 * {@code payledger_projection_lag_seconds} histogram measures per event).
 */
public final class ProjectionStatus {

  /** @param offsetTime null when the projection stored no offset yet */
  public record Instance(String name, String key, Instant offsetTime, Double lagSeconds) {}

  /** 100-ns intervals between the UUID epoch (1582-10-15) and the Unix epoch. */
  private static final long UUID_EPOCH_OFFSET = 0x01B21DD213814000L;

  private ProjectionStatus() {}

  /** Every projection instance the service runs (each of them keeps an offset). */
  public static List<ProjectionId> all(ActorSystem<?> system) {
    return TagProjections.started(system);
  }

  public static CompletionStage<List<Instance>> of(ActorSystem<?> system, List<ProjectionId> ids, Instant now) {
    ProjectionManagement management = ProjectionManagement.get(system);
    List<CompletableFuture<Instance>> all = ids.stream()
        .map(id -> management.<Object>getOffset(id)
            .thenApply(offset -> instance(id, offset, now)).toCompletableFuture())
        .toList();
    return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
        .thenApply(v -> all.stream().map(CompletableFuture::join).toList());
  }

  private static Instance instance(ProjectionId id, Optional<Object> offset, Instant now) {
    Instant at = offset.filter(TimeBasedUUID.class::isInstance)
        .map(o -> time(((TimeBasedUUID) o).value())).orElse(null);
    Double lag = at == null ? null : Math.max(0, Duration.between(at, now).toMillis()) / 1000.0;
    return new Instance(id.name(), id.key(), at, lag);
  }

  static Instant time(UUID timeBased) {
    long hundredNanos = timeBased.timestamp() - UUID_EPOCH_OFFSET;
    return Instant.ofEpochSecond(hundredNanos / 10_000_000, (hundredNanos % 10_000_000) * 100);
  }
}
