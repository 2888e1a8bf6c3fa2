package payledger.notify;

import java.util.concurrent.CompletionStage;

/** One delivery channel. Never completes exceptionally: a failure is an {@link Outcome}. */
public interface ChannelSender {
  CompletionStage<Outcome> send(Notification notification, Messages.Rendered message);
}
