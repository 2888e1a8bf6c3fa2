package payledger.notify;

import java.time.Clock;
import java.util.concurrent.CompletionStage;

/** The in-app inbox: the message lands on the customer's list of notifications. */
public final class InAppSender implements ChannelSender {

  private final NotificationRepository repository;
  private final Clock clock;

  public InAppSender(NotificationRepository repository, Clock clock) {
    this.repository = repository;
    this.clock = clock;
  }

  @Override
  public CompletionStage<Outcome> send(Notification n, Messages.Rendered m) {
    return repository.deliverInApp(n, m.subject(), m.text(), clock.instant())
        .handle((done, failure) -> failure == null ? Outcome.sent()
            : Outcome.failed("inbox write failed: " + failure.getMessage()));
  }
}
