package payledger.notify;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.Done;
import payledger.dispute.DisputeEvent;

/**
 * What the case notification projection does with one case event: remember how to reach the
 * case's customer (when the case opens), and send the notifications the event calls for
 * ({@link NotificationPlan}) at once ({@link Delivery#first}). Idempotent: the same event yields the
 * same notification ids, which the outbox already holds.
 */
public final class NotificationIntake {

  private static final CompletionStage<Done> DONE = CompletableFuture.completedFuture(Done.getInstance());

  private final NotificationRepository repository;
  private final NotificationPlan plan;
  private final Delivery delivery;
  private final Function<String, CompletionStage<Optional<Contact>>> orderContacts;

  /** @param orderContacts the customer of an order, as the order read model knows them */
  public NotificationIntake(NotificationRepository repository, NotificationPlan plan,
      Delivery delivery, Function<String, CompletionStage<Optional<Contact>>> orderContacts) {
    this.repository = repository;
    this.plan = plan;
    this.delivery = delivery;
    this.orderContacts = orderContacts;
  }

  public CompletionStage<Done> dispute(DisputeEvent event) {
    String key = "dispute:" + event.disputeId();
    CompletionStage<Done> remembered = event instanceof DisputeEvent.Opened o
        ? rememberCase(key, o) : event instanceof DisputeEvent.VendorReferenced v
        ? rememberVendor(v) : DONE;
    if (VendorCasePlan.mayNotify(event)) {
      remembered = remembered.thenCompose(done -> toVendor(event));
    }
    if (plan.forDispute(event, null, null).isEmpty()) {
      return remembered;
    }
    return remembered.thenCompose(done -> repository.contact(key)).thenCompose(contact -> {
      if (contact.isEmpty()) {
        return DONE;
      }
      CompletionStage<Done> all = DONE;
      for (NotificationPlan.Draft draft :
          plan.forDispute(event, contact.get().orderId(), contact.get().locale())) {
        all = all.thenCompose(done -> delivery.first(draft.to(contact.get())));
      }
      return all;
    });
  }

  /**
   * A vendor's case remembers its vendor (the key of the vendor's contact, which the vendor
   * notification projection keeps from its registration), so its acknowledgement and resolution
   * reach the vendor ({@link VendorCasePlan}); its customer, it has none, is told nothing.
   */
  private CompletionStage<Done> rememberVendor(DisputeEvent.VendorReferenced v) {
    return repository.saveContact(VendorCasePlan.caseKey(v.disputeId()),
        new Contact(VendorNoticePlan.recipient(v.vendorId()), null, null, List.of(Channel.IN_APP), null));
  }

  /** The vendor's mails about its case, when the case is a vendor's and the vendor has a contact. */
  private CompletionStage<Done> toVendor(DisputeEvent event) {
    return repository.contact(VendorCasePlan.caseKey(event.disputeId())).thenCompose(vendorCase -> {
      if (vendorCase.isEmpty()) {
        return DONE;
      }
      String key = vendorCase.get().customerId();
      String vendorId = key.substring(VendorNoticePlan.recipient("").length());
      return repository.contact(key).thenCompose(contact -> {
        CompletionStage<Done> all = DONE;
        for (NotificationPlan.Draft draft : contact.isEmpty() ? List.<NotificationPlan.Draft>of()
            : VendorCasePlan.forCase(event, vendorId, contact.get().locale())) {
          all = all.thenCompose(done -> delivery.first(draft.to(contact.get())));
        }
        return all;
      });
    });
  }

  /**
   * A case's customer is reached like its order's customer, or through the inbox alone; a case
   * its customer is not told of gets no contact, so nothing about it is ever sent.
   */
  private CompletionStage<Done> rememberCase(String key, DisputeEvent.Opened opened) {
    if (!opened.details().customerIsTold()) {
      return DONE;
    }
    String orderId = opened.details().orderId();
    CompletionStage<Optional<Contact>> order = orderId == null
        ? CompletableFuture.completedFuture(Optional.empty())
        : orderContacts.apply(orderId);
    return order.thenCompose(found -> {
      String customerId = opened.details().customerId() != null ? opened.details().customerId()
          : found.map(Contact::customerId).orElse(null);
      if (customerId == null) {
        return DONE;
      }
      Contact contact = found.filter(c -> c.customerId().equals(customerId))
          .map(c -> new Contact(customerId, c.email(), c.locale(), c.channels(), orderId, c.phone()))
          .orElse(new Contact(customerId, null, null, List.of(Channel.IN_APP), orderId));
      return repository.saveContact(key, contact);
    });
  }
}
