package payledger.sla;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;

/** The durable deadlines table: filled by a projection, drained by the scheduler. */
public interface DeadlineRepository {

  /** Stores a wake-up in {@code bucket} (the hour of its time, or a later hour when late). */
  CompletionStage<Done> schedule(Deadline deadline, String bucket);

  /** The wake-ups of one hour bucket due by {@code upTo}, earliest first. */
  CompletionStage<List<Deadline>> due(String bucket, Instant upTo);

  /** Removes a delivered wake-up. */
  CompletionStage<Done> remove(Deadline deadline, String bucket);

  /** Where the scheduler's scan starts: every earlier bucket is drained. */
  CompletionStage<Optional<Instant>> watermark();

  CompletionStage<Done> saveWatermark(Instant watermark);
}
