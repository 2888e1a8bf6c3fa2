package payledger.notify;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.projection.cassandra.javadsl.CassandraProjection;
import payledger.dispute.Dispute;
import payledger.dispute.DisputeClient;
import payledger.dispute.DisputeEvent;
import payledger.order.OrderClient;
import payledger.projection.ReadSideNodes;
import payledger.projection.TagProjections;
import payledger.readmodel.OrderFollower;
import payledger.vendor.VendorClient;
import payledger.vendor.VendorEvent;
import payledger.vendor.VendorLedger;

/**
 * Customer notifications: sent at once by the pass that meets the event calling for them — the
 * order projection ({@link OrderNotifications}) and, for cases, one projection instance per case
 * tag (under ShardedDaemonProcess) — and retried, fallen back and reported by a cluster singleton
 * {@link DeliveryWorker}. Vendors are told of their payout discrepancies the same way, by a
 * projection over the vendor tags ({@link VendorNoticeIntake}).
 */
public final class Notifications {

  /** The case notification projection's name: its offsets are in {@code offset_store}. */
  public static final String DISPUTES = "notify-disputes";

  /** The vendor notification projection's name (notices of payout discrepancies). */
  public static final String VENDORS = "notify-vendors";

  private Notifications() {}

  /**
   * What the HTTP routes need: rendering, self-service links, and the customers' notifications
   * ({@code repository} is null when the read side is off).
   */
  public record Api(Messages messages, ReceiptLinks links, NotificationRepository repository) {}

  /** Rendering and links, also for the receipt routes (which need no Cassandra tables). */
  public static Messages messages(NotificationSettings settings, Clock clock) {
    return new Messages(new Templates(), settings.merchant(), links(settings, clock));
  }

  public static ReceiptLinks links(NotificationSettings settings, Clock clock) {
    NotificationSettings.Links links = settings.links();
    return new ReceiptLinks(links.secret(), links.validFor(), links.publicBaseUrl(), clock);
  }

  /**
   * Starts the case notification projection and the retry worker, and returns what sends the
   * orders' notifications on the order projection's pass.
   *
   * @param orderContacts the customer of an order, as the order read model knows them
   */
  public static OrderFollower init(ActorSystem<?> system, Clock clock,
      NotificationRepository repository, Messages messages, Duration paymentGrace,
      Duration askTimeout, NotificationSettings notify,
      Function<String, CompletionStage<Optional<Contact>>> orderContacts) {
    DeliveryWorker.Settings settings = notify.delivery();
    Delivery delivery = new Delivery(repository, senders(system, notify, repository, clock), messages,
        reporter(ClusterSharding.get(system), askTimeout), clock, settings.policy(),
        settings.firstAttemptGrace());
    NotificationPlan plan = new NotificationPlan(paymentGrace);
    NotificationIntake intake = new NotificationIntake(repository, plan, delivery, orderContacts);
    project(system, DISPUTES, Dispute.TAGS, (DisputeEvent e) -> intake.dispute(e));
    VendorNoticeIntake vendors = new VendorNoticeIntake(repository, delivery);
    project(system, VENDORS, VendorLedger.TAGS, (VendorEvent e) -> vendors.vendor(e));
    ReadSideNodes.singleton(system, DeliveryWorker.create(repository, delivery, clock, settings),
        "notification-delivery");
    return new OrderNotifications(plan, delivery);
  }

  private static Map<Channel, ChannelSender> senders(ActorSystem<?> system,
      NotificationSettings notify, NotificationRepository repository, Clock clock) {
    EmailSender email = new EmailSender(notify.email());
    system.getWhenTerminated().thenRun(email::close);
    NotificationSettings.Webhook hook = notify.webhook();
    return Map.of(
        Channel.EMAIL, email,
        Channel.WEBHOOK, new WebhookSender(hook.url(), hook.secret(), hook.timeout(), clock),
        Channel.IN_APP, new InAppSender(repository, clock),
        Channel.SMS, new SmsSender(notify.sms()));
  }

  /**
   * Outcomes go back to the entity where they are measured: every outcome of a case's
   * notifications (the case's customer told), and of an order's the receipts and the notices of
   * its discrepancies, an underpayment's payment update included (the 24 h receipt and notice
   * targets, the discrepancy's notice deadline), and every notice to a vendor on its ledger.
   * Payment confirmations, failures and other updates are measured from the outbox alone:
   * journaling each would cost the order a write.
   */
  private static Delivery.Reporter reporter(ClusterSharding sharding, Duration askTimeout) {
    DisputeClient cases = new DisputeClient(sharding, askTimeout);
    OrderClient orders = new OrderClient(sharding, askTimeout);
    VendorClient vendors = new VendorClient(sharding, askTimeout);
    return (n, report) -> VendorNoticePlan.toVendor(n)
        ? vendors.recordNotice(n.fields().get(VendorNoticePlan.VENDOR_ID), n.subjectId(), n.id(),
            report.channel(), report.delivered(), report.at())
        : n.disputeId() != null
        ? cases.recordCustomerNotified(n.disputeId(), report)
        : n.kind() == NotificationKind.RECEIPT || n.aboutDiscrepancy()
            ? orders.recordDelivery(n.orderId(), report)
            : CompletableFuture.completedFuture(Done.getInstance());
  }


  private static <E> void project(ActorSystem<?> system, String name, List<String> tags,
      Function<E, CompletionStage<Done>> intake) {
    // Groups of up to 200 events (or what 100 ms brings) are handled concurrently per entity; the
    // offset is saved after each group (at-least-once, like every projection).
    TagProjections.<E>init(system, name, tags, (id, source) -> CassandraProjection.groupedWithin(
            id, source, () -> new NotificationProjectionHandler<E>(intake))
        .withGroup(200, Duration.ofMillis(100)));
  }

}
