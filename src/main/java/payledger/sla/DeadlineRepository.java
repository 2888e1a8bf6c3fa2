package payledger.sla;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.javadsl.Source;

/** The durable deadlines table: filled by a projection, drained by the scheduler. */
public interface DeadlineRepository {

  /** Stores a wake-up in the bucket of its time. */
  CompletionStage<Done> schedule(Deadline deadline);

  /** Takes back a wake-up made moot before its time: one row, by its exact key. */
  CompletionStage<Done> cancel(Deadline deadline);

  /** The wake-ups of one hour bucket due in the window {@code (after, upTo]}, earliest first. */
  Source<Deadline, NotUsed> due(String bucket, Instant after, Instant upTo);

  /** Removes the window {@code (after, upTo]} of a bucket, once all of it was delivered. */
  CompletionStage<Done> removeDelivered(String bucket, Instant after, Instant upTo);

  /** Where the scheduler's scan starts: every wake-up up to it was delivered. */
  CompletionStage<Optional<Instant>> watermark();

  CompletionStage<Done> saveWatermark(Instant watermark);
}
