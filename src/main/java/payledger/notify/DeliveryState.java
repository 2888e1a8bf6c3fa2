package payledger.notify;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the delivery of one notification stands, as the outbox row keeps it.
 *
 * @param channelIndex the channel (in the notification's preference order) being tried
 * @param channelAttempts failed attempts on that channel so far
 * @param attempts every attempt so far; also the number of the one queue entry allowed to act
 *     next, so stale entries (a replay's, a rewritten one's) are recognised and dropped
 * @param reported whether the order or case has recorded the outcome
 */
public record DeliveryState(
    Status status,
    int channelIndex,
    int channelAttempts,
    int attempts,
    List<String> failures,
    String deliveredChannel,
    Instant deliveredAt,
    boolean reported) {

  public enum Status {
    QUEUED,
    DELIVERED,
    FAILED
  }

  public static final DeliveryState QUEUED =
      new DeliveryState(Status.QUEUED, 0, 0, 0, List.of(), null, null, false);

  public DeliveryState {
    failures = failures == null ? List.of() : List.copyOf(failures);
  }

  public boolean finished() {
    return status != Status.QUEUED;
  }

  DeliveryState delivered(Channel channel, Instant at) {
    return new DeliveryState(Status.DELIVERED, channelIndex, channelAttempts, attempts + 1,
        failures, channel.name(), at, false);
  }

  DeliveryState failedOn(Channel channel, String detail, boolean nextChannel, boolean last) {
    List<String> more = new ArrayList<>(failures);
    more.add(channel.name() + " attempt " + (channelAttempts + 1) + ": " + detail);
    return nextChannel
        ? new DeliveryState(last ? Status.FAILED : Status.QUEUED, channelIndex + 1, 0, attempts + 1,
            more, null, null, false)
        : new DeliveryState(Status.QUEUED, channelIndex, channelAttempts + 1, attempts + 1, more,
            null, null, false);
  }

  DeliveryState markReported() {
    return new DeliveryState(status, channelIndex, channelAttempts, attempts, failures,
        deliveredChannel, deliveredAt, true);
  }
}
