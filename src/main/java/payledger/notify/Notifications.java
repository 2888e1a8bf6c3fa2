package payledger.notify;

import com.typesafe.config.Config;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.projection.cassandra.javadsl.CassandraProjection;
import payledger.ReadSideNodes;
import payledger.cassandra.TagProjections;
import payledger.dispute.Dispute;
import payledger.dispute.DisputeEvent;
import payledger.order.OrderEvent;
import payledger.order.OrderLedger;

/**
 * Customer notifications: one projection instance per tag of orders and of disputes (under
 * ShardedDaemonProcess) fills the outbox, and a cluster singleton {@link DeliveryWorker} sends,
 * retries, falls back and reports the outcome to the order or case.
 */
public final class Notifications {

  /** The projection names: their offsets are in {@code offset_store}. */
  public static final String ORDERS = "notify-orders";
  public static final String DISPUTES = "notify-disputes";

  private Notifications() {}

  /**
   * What the HTTP routes need: rendering, self-service links, and the customers' notifications
   * ({@code repository} is null when the read side is off).
   */
  public record Api(Messages messages, ReceiptLinks links, NotificationRepository repository) {}

  /** Rendering and links, also for the receipt routes (which need no Cassandra tables). */
  public static Messages messages(Config config, Clock clock) {
    return new Messages(new Templates(), Merchant.from(config), links(config, clock));
  }

  public static ReceiptLinks links(Config config, Clock clock) {
    Config c = config.getConfig("payledger.notify");
    return new ReceiptLinks(ReceiptLinkSecret.resolve(config),
        c.getDuration("receipt-links.valid-for"), c.getString("public-base-url"), clock);
  }

  public static void init(ActorSystem<?> system, Clock clock, NotificationRepository repository,
      Messages messages, Duration paymentGrace, Duration askTimeout, Config config) {
    Config c = config.getConfig("payledger.notify");
    Config d = c.getConfig("delivery");
    DeliveryWorker.Settings settings = new DeliveryWorker.Settings(
        d.getDuration("poll-interval"), d.getDuration("scan-lag"), d.getInt("parallelism"),
        d.getInt("max-batch"), new DeliveryPolicy(d.getInt("max-attempts"),
            d.getDuration("backoff"), d.getDuration("max-backoff")));
    NotificationIntake intake = new NotificationIntake(
        repository, new NotificationPlan(paymentGrace), clock, settings.scanLag());
    project(system, ORDERS, OrderLedger.TAGS, (OrderEvent e) -> intake.order(e));
    project(system, DISPUTES, Dispute.TAGS, (DisputeEvent e) -> intake.dispute(e));

    Config smtp = c.getConfig("smtp");
    EmailSender email = new EmailSender(new EmailSender.Settings(smtp.getString("host"),
        smtp.getInt("port"), smtp.getString("from"), smtp.getString("user"),
        smtp.getString("password"), smtp.getBoolean("start-tls"), smtp.getDuration("timeout"),
        smtp.getInt("connections")));
    system.getWhenTerminated().thenRun(email::close);
    Config hook = c.getConfig("webhook");
    Map<Channel, ChannelSender> senders = Map.of(
        Channel.EMAIL, email,
        Channel.WEBHOOK, new WebhookSender(hook.getString("url"), hook.getString("secret"),
            hook.getDuration("timeout"), clock),
        Channel.IN_APP, new InAppSender(repository, clock));
    ClusterSharding sharding = ClusterSharding.get(system);
    DeliveryWorker.Reporter reporter = (n, report) -> n.disputeId() != null
        ? sharding.entityRefFor(Dispute.ENTITY_KEY, n.disputeId())
            .<Done>askWithStatus(r -> new Dispute.RecordCustomerNotified(report, r), askTimeout)
        : sharding.entityRefFor(OrderLedger.ENTITY_KEY, n.orderId())
            .<Done>askWithStatus(r -> new OrderLedger.RecordDelivery(report, r), askTimeout);
    ReadSideNodes.singleton(system,
        DeliveryWorker.create(repository, senders, messages, reporter, clock, settings), "notification-delivery");
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
