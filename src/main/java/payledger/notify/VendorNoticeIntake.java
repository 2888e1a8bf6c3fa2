package payledger.notify;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import payledger.vendor.VendorEvent;
import payledger.vendor.VendorProfile;

/**
 * What the vendor notification projection ({@code notify-vendors}) does with one vendor event:
 * remember how to reach the vendor when it registers (its email and channels, under
 * {@link VendorNoticePlan#recipient}), and send the notices a discrepancy calls for through the one
 * delivery path ({@link Delivery#first}: once, retried, fallen back, recorded). A vendor that never
 * registered has no contact and is sent nothing. Idempotent: the same event yields the same
 * notification ids, which the outbox already holds.
 */
public final class VendorNoticeIntake {

  private static final CompletionStage<Done> DONE = CompletableFuture.completedFuture(Done.getInstance());

  private final NotificationRepository repository;
  private final Delivery delivery;

  public VendorNoticeIntake(NotificationRepository repository, Delivery delivery) {
    this.repository = repository;
    this.delivery = delivery;
  }

  public CompletionStage<Done> vendor(VendorEvent event) {
    String key = VendorNoticePlan.recipient(event.vendorId());
    if (event instanceof VendorEvent.VendorRegistered registered) {
      return repository.saveContact(key, contact(key, registered.profile()));
    }
    if (event instanceof VendorEvent.VendorProfileChanged changed) {
      return repository.saveContact(key, contact(key, changed.profile()));
    }
    if (VendorNoticePlan.forVendor(event, null).isEmpty()) {
      return DONE;
    }
    return repository.contact(key).thenCompose(contact -> {
      if (contact.isEmpty()) {
        return DONE;
      }
      CompletionStage<Done> all = DONE;
      for (NotificationPlan.Draft draft : VendorNoticePlan.forVendor(event, contact.get().locale())) {
        all = all.thenCompose(done -> delivery.first(draft.to(contact.get())));
      }
      return all;
    });
  }

  /**
   * The vendor's channels as its profile names them (email first by default, the inbox last), and
   * its language: its notices and case mails are written in it.
   */
  static Contact contact(String key, VendorProfile profile) {
    return new Contact(key, profile.email(), profile.locale(),
        Channel.preferences(profile.notificationChannels()), null);
  }
}
