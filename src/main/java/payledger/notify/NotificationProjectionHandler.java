package payledger.notify;

import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.Done;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.javadsl.Handler;

/**
 * Hands each order or dispute event to {@link NotificationIntake}. At-least-once: a redelivered
 * event writes the same outbox rows again, and the delivery state of a notification already sent
 * stays as it is, so nothing is sent twice.
 */
public final class NotificationProjectionHandler<E> extends Handler<EventEnvelope<E>> {

  private final Function<E, CompletionStage<Done>> intake;

  public NotificationProjectionHandler(Function<E, CompletionStage<Done>> intake) {
    this.intake = intake;
  }

  @Override
  public CompletionStage<Done> process(EventEnvelope<E> envelope) {
    return intake.apply(envelope.event());
  }
}
