package payledger.notify;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import payledger.readmodel.PageToken;

/**
 * The durable side of notifications: the contacts of cases, the outbox (one row per notification
 * id, with its delivery state), the time-bucketed queue of retries, every failed attempt, and each
 * customer's notifications (the in-app inbox).
 */
public interface NotificationRepository {

  /**
   * One wake-up for the delivery worker: act on notification {@code id} if it is still at {@code
   * attempt}. A first attempt handed off ({@link #keepPending}) carries its notification, for the
   * case its attempt never recorded anything.
   */
  record QueueEntry(String bucket, Instant dueAt, String notificationId, int attempt,
      Notification pending) {

    public QueueEntry(String bucket, Instant dueAt, String notificationId, int attempt) {
      this(bucket, dueAt, notificationId, attempt, null);
    }
  }

  /** A notification with its delivery state. */
  record Tracked(Notification notification, DeliveryState state) {}

  /**
   * One entry of a customer's notifications (the in-app inbox): what it said, whatever the channel
   * it went out on, and whether the customer has read it.
   *
   * @param subjectId what it is about within the order or case (receipt number, discrepancy id),
   *     null in entries written before it was kept
   * @param readAt when the customer first read it, null while unread
   */
  record CustomerNotification(
      String notificationId,
      String kind,
      String orderId,
      String disputeId,
      String subjectId,
      Instant createdAt,
      String status,
      String channel,
      String subject,
      String body,
      Instant readAt,
      Instant updatedAt) {}

  /** A page of a customer's notifications, newest first; {@code next} is null on the last page. */
  record InboxPage(List<CustomerNotification> entries, PageToken next) {}

  /** A case's contact, under {@code dispute:{id}}. */
  CompletionStage<Done> saveContact(String key, Contact contact);

  CompletionStage<Optional<Contact>> contact(String key);

  /**
   * Stores a notification with its state after its first attempt (the outbox row is written once,
   * with the outcome), and lists it for its customer with its {@code subject} and {@code body}
   * (null when it could not be rendered), whatever the channel.
   */
  CompletionStage<Done> record(Notification notification, String subject, String body,
      DeliveryState state, Instant at);

  CompletionStage<Done> schedule(QueueEntry entry);

  /**
   * Keeps notifications whose first attempt is starting, due at {@code due}: should an attempt
   * record nothing by then (the node stopped), the worker sends it. A few writes for the lot (they
   * share a queue partition), where a queue entry each would cost one.
   */
  CompletionStage<Done> keepPending(List<Notification> notifications, Instant due);

  /**
   * Queue entries of {@code bucket} with {@code after < dueAt <= upTo}, earliest first: retries,
   * and the pending first attempts.
   */
  CompletionStage<List<QueueEntry>> queued(String bucket, Instant after, Instant upTo);

  CompletionStage<Optional<Tracked>> load(String notificationId);

  /** Saves the delivery state of a recorded notification, and shows it on the customer's list. */
  CompletionStage<Done> saveState(Notification notification, DeliveryState state, Instant at);

  /** A failed attempt: why, on which channel (a successful one is the row's own state). */
  CompletionStage<Done> recordAttempt(
      String notificationId, int attempt, Channel channel, Outcome outcome, Instant at);

  /** The in-app channel: the message lands on the customer's list. */
  CompletionStage<Done> deliverInApp(Notification notification, String subject, String body, Instant at);

  /**
   * A customer's notifications, newest first, {@code limit} at most, strictly after {@code after}
   * (a page's {@link InboxPage#next}) or from the newest when null.
   */
  CompletionStage<InboxPage> forCustomer(String customerId, int limit, PageToken after);

  /**
   * Marks a customer's notification read at {@code at} (the first time only: reading it again
   * keeps the first moment); empty when the customer has no such notification.
   */
  CompletionStage<Optional<CustomerNotification>> markRead(String customerId, String notificationId,
      Instant at);

  CompletionStage<Optional<Instant>> watermark();

  CompletionStage<Done> saveWatermark(Instant watermark);
}
