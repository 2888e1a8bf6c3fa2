package payledger.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import payledger.dispute.DisputeEvent;
import payledger.order.OrderEvent;

/**
 * What the notification projection does with one domain event: remember how to reach the
 * customer (from an order's registration or a case's opening), and put the notifications the
 * event calls for ({@link NotificationPlan}) into the outbox. Idempotent: the same event writes
 * the same rows, under the same notification ids.
 *
 * <p>A queue entry is due when it is written. The worker scans {@code scanLag} behind the clock,
 * so an entry is certain to be seen if its write completed within that lag; a write that took
 * longer is written again, due now.
 */
public final class NotificationIntake {

  private static final CompletionStage<Done> DONE = CompletableFuture.completedFuture(Done.getInstance());

  private final NotificationRepository repository;
  private final NotificationPlan plan;
  private final Clock clock;
  private final Duration scanLag;

  public NotificationIntake(
      NotificationRepository repository, NotificationPlan plan, Clock clock, Duration scanLag) {
    this.repository = repository;
    this.plan = plan;
    this.clock = clock;
    this.scanLag = scanLag;
  }

  public CompletionStage<Done> order(OrderEvent event) {
    String key = "order:" + event.orderId();
    CompletionStage<Done> remembered = event instanceof OrderEvent.OrderRegistered r
        ? repository.saveContact(key, new Contact(r.invoice().customerId(),
            r.invoice().customerEmail(), r.invoice().locale(),
            Channel.preferences(r.invoice().notificationChannels()), r.orderId()))
        : DONE;
    if (plan.forOrder(event, null).isEmpty()) {
      return remembered;
    }
    return remembered.thenCompose(done -> repository.contact(key)).thenCompose(contact -> {
      // Payments for an order not registered yet have no known customer to tell.
      if (contact.isEmpty()) {
        return DONE;
      }
      return enqueueAll(plan.forOrder(event, contact.get().locale()), contact.get());
    });
  }

  public CompletionStage<Done> dispute(DisputeEvent event) {
    String key = "dispute:" + event.disputeId();
    CompletionStage<Done> remembered = event instanceof DisputeEvent.Opened o
        ? rememberCase(key, o) : DONE;
    if (plan.forDispute(event, null, null).isEmpty()) {
      return remembered;
    }
    return remembered.thenCompose(done -> repository.contact(key)).thenCompose(contact ->
        contact.isEmpty() ? DONE : enqueueAll(
            plan.forDispute(event, contact.get().orderId(), contact.get().locale()), contact.get()));
  }

  /** A case's customer is reached like its order's customer, or through the inbox alone. */
  private CompletionStage<Done> rememberCase(String key, DisputeEvent.Opened opened) {
    String orderId = opened.details().orderId();
    CompletionStage<Optional<Contact>> order = orderId == null
        ? CompletableFuture.completedFuture(Optional.empty())
        : repository.contact("order:" + orderId);
    return order.thenCompose(found -> {
      String customerId = opened.details().customerId() != null ? opened.details().customerId()
          : found.map(Contact::customerId).orElse(null);
      if (customerId == null) {
        return DONE;
      }
      Contact contact = found.filter(c -> c.customerId().equals(customerId))
          .map(c -> new Contact(customerId, c.email(), c.locale(), c.channels(), orderId))
          .orElse(new Contact(customerId, null, null, List.of(Channel.IN_APP), orderId));
      return repository.saveContact(key, contact);
    });
  }

  private CompletionStage<Done> enqueueAll(List<NotificationPlan.Draft> drafts, Contact contact) {
    CompletionStage<Done> all = DONE;
    for (NotificationPlan.Draft draft : drafts) {
      all = all.thenCompose(done -> enqueue(
          new Notification(draft.id(), draft.kind(), draft.orderId(), draft.disputeId(),
              draft.subjectId(), contact.customerId(), contact.email(), contact.locale(),
              draft.channel() == null ? contact.channels()
                  : Channel.preferences(List.of(draft.channel().name())),
              draft.values(), draft.receipt(), draft.at())));
    }
    return all;
  }

  private CompletionStage<Done> enqueue(Notification notification) {
    Instant due = clock.instant();
    return repository.enqueue(notification, due)
        .thenCompose(done -> surelySeen(notification.id(), due));
  }

  /** Writes the first queue entry again, due now, until a write completes within the lag. */
  private CompletionStage<Done> surelySeen(String notificationId, Instant due) {
    if (!clock.instant().isAfter(due.plus(scanLag.dividedBy(2)))) {
      return DONE;
    }
    Instant again = clock.instant();
    return repository.schedule(new NotificationRepository.QueueEntry(
            DeliveryWorker.bucket(again), again, notificationId, 0))
        .thenCompose(done -> surelySeen(notificationId, again));
  }
}
