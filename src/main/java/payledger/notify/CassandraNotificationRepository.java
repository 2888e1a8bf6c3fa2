package payledger.notify;

import com.datastax.oss.driver.api.core.cql.Row;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Stream;
import org.apache.pekko.Done;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSession;
import payledger.cassandra.Insert;
import payledger.cassandra.PartitionWrites;
import payledger.order.Receipt;
import payledger.readmodel.PageToken;

/**
 * {@link NotificationRepository} on the tables of {@code cassandra/read-side.cql}:
 * {@code notifications} (the outbox, by notification id, written as {@link OutboxWrite}s: no
 * collection tombstones), {@code notification_queue} (retries, by minute, clustered by time: the worker reads a time range of a partition, no {@code ALLOW
 * FILTERING}, and never deletes, so it never scans tombstones; rows expire after 14 days),
 * {@code notification_pending} (first attempts under way, the same way, with their notification),
 * {@code notification_attempts} (failed ones), {@code customer_notifications} (newest first),
 * {@code notify_contacts} (cases') and {@code notify_worker} (the worker's watermark).
 */
public final class CassandraNotificationRepository implements NotificationRepository {

  private static final String WORKER = "delivery";
  static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private final CassandraSession session;
  private final String ks;

  public CassandraNotificationRepository(CassandraSession session, String keyspace) {
    this.session = session;
    this.ks = keyspace;
  }

  @Override
  public CompletionStage<Done> saveContact(String key, Contact c) {
    return session.executeWrite("INSERT INTO " + ks + ".notify_contacts (key, customer_id, email,"
            + " locale, channels, order_id, phone) VALUES (?, ?, ?, ?, ?, ?, ?)",
        key, c.customerId(), c.email(), c.locale(),
        c.channels().stream().map(Channel::name).toList(), c.orderId(), c.phone());
  }

  @Override
  public CompletionStage<Optional<Contact>> contact(String key) {
    return session.selectOne("SELECT customer_id, email, locale, channels, order_id, phone FROM " + ks
            + ".notify_contacts WHERE key = ?", key)
        .thenApply(row -> row.map(r -> new Contact(r.getString("customer_id"), r.getString("email"),
            r.getString("locale"), channels(r.getList("channels", String.class)),
            r.getString("order_id"), r.getString("phone"))));
  }

  @Override
  public CompletionStage<Done> record(Notification n, String subject, String body, DeliveryState s,
      Instant at) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("kind", n.kind().name());
    row.put("order_id", n.orderId());
    row.put("dispute_id", n.disputeId());
    row.put("subject_id", n.subjectId());
    row.put("customer_id", n.customerId());
    row.put("email", n.email());
    row.put("phone", n.phone());
    row.put("locale", n.locale());
    row.put("channels", n.channels().stream().map(Channel::name).toList());
    row.put("fields", n.fields());
    row.put("receipt", n.receipt() == null ? null : json(n.receipt()));
    row.put("created_at", n.createdAt());
    row.putAll(OutboxWrite.state(s));
    OutboxWrite write = OutboxWrite.insert(ks, n.id(), row);
    return session.executeWrite(write.cql(), write.values()).thenCombine(insert("customer_notifications",
        listing(n, subject, body, s.status().name(), s.deliveredChannel(), at)), (a, b) -> Done.getInstance());
  }

  /** A customer's entry, whole: a reader never sees one without its kind and status. */
  private static Map<String, Object> listing(Notification n, String subject, String body, String status,
      String channel, Instant at) {
    Map<String, Object> listed = new LinkedHashMap<>();
    listed.put("customer_id", n.customerId());
    listed.put("created_at", n.createdAt());
    listed.put("notification_id", n.id());
    listed.put("kind", n.kind().name());
    listed.put("order_id", n.orderId());
    listed.put("dispute_id", n.disputeId());
    listed.put("subject_id", n.subjectId());
    listed.put("subject", subject);
    listed.put("body", body);
    listed.put("status", status);
    listed.put("channel", channel);
    listed.put("updated_at", at);
    return listed;
  }

  private CompletionStage<Done> insert(String table, Map<String, Object> columns) {
    Insert insert = Insert.of(ks, table, columns);
    return session.executeWrite(insert.cql(), insert.values());
  }

  @Override
  public CompletionStage<Done> schedule(QueueEntry e) {
    return session.executeWrite("INSERT INTO " + ks + ".notification_queue (bucket, due_at,"
            + " notification_id, attempt) VALUES (?, ?, ?, ?)",
        e.bucket(), e.dueAt(), e.notificationId(), e.attempt());
  }

  @Override
  public CompletionStage<Done> keepPending(List<Notification> notifications, Instant due) {
    String bucket = DeliveryWorker.bucket(due);
    PartitionWrites writes = new PartitionWrites();
    for (Notification n : notifications) {
      writes.add(bucket, "INSERT INTO " + ks + ".notification_pending (bucket, due_at,"
          + " notification_id, notification) VALUES (?, ?, ?, ?)", bucket, due, n.id(), json(n));
    }
    return writes.execute(session);
  }

  @Override
  public CompletionStage<List<QueueEntry>> queued(String bucket, Instant after, Instant upTo) {
    CompletionStage<List<QueueEntry>> retries = session.selectAll("SELECT bucket, due_at,"
            + " notification_id, attempt FROM " + ks + ".notification_queue WHERE bucket = ?"
            + " AND due_at > ? AND due_at <= ?", bucket, after, upTo)
        .thenApply(rows -> rows.stream().map(r -> new QueueEntry(r.getString("bucket"),
            r.getInstant("due_at"), r.getString("notification_id"), r.getInt("attempt"))).toList());
    CompletionStage<List<QueueEntry>> pending = session.selectAll("SELECT bucket, due_at,"
            + " notification_id, notification FROM " + ks + ".notification_pending WHERE bucket = ?"
            + " AND due_at > ? AND due_at <= ?", bucket, after, upTo)
        .thenApply(rows -> rows.stream().map(r -> new QueueEntry(r.getString("bucket"),
            r.getInstant("due_at"), r.getString("notification_id"), 0,
            read(r.getString("notification"), Notification.class))).toList());
    return retries.thenCombine(pending, (r, p) -> Stream.concat(r.stream(), p.stream())
        .sorted(Comparator.comparing(QueueEntry::dueAt)).toList());
  }

  @Override
  public CompletionStage<Optional<Tracked>> load(String id) {
    return session.selectOne("SELECT * FROM " + ks + ".notifications WHERE notification_id = ?", id)
        .thenApply(row -> row.filter(r -> r.getString("kind") != null).map(this::tracked));
  }

  @Override
  public CompletionStage<Done> saveState(Notification n, DeliveryState s, Instant at) {
    OutboxWrite write = OutboxWrite.update(ks, n.id(), OutboxWrite.state(s));
    CompletionStage<Done> row = session.executeWrite(write.cql(), write.values());
    CompletionStage<Done> listed = session.executeWrite("UPDATE " + ks + ".customer_notifications"
            + " SET status = ?, channel = ?, updated_at = ? WHERE customer_id = ? AND created_at = ?"
            + " AND notification_id = ?",
        s.status().name(), s.deliveredChannel(), at, n.customerId(), n.createdAt(), n.id());
    return row.thenCombine(listed, (a, b) -> Done.getInstance());
  }

  @Override
  public CompletionStage<Done> recordAttempt(
      String id, int attempt, Channel channel, Outcome outcome, Instant at) {
    return session.executeWrite("INSERT INTO " + ks + ".notification_attempts (notification_id,"
            + " attempt, channel, outcome, detail, at) VALUES (?, ?, ?, ?, ?, ?)",
        id, attempt, channel.name(), outcome.result().name(), outcome.detail(), at);
  }

  @Override
  public CompletionStage<Done> deliverInApp(Notification n, String subject, String body, Instant at) {
    return insert("customer_notifications",
        listing(n, subject, body, DeliveryState.Status.DELIVERED.name(), Channel.IN_APP.name(), at));
  }

  /**
   * Newest first is the partition's clustering order (created_at DESC, notification_id ASC); the
   * page after a row is the rest of its instant, then the older instants: two slices, each a
   * range of one partition, one more row than asked to know whether a next page exists.
   */
  @Override
  public CompletionStage<InboxPage> forCustomer(String customerId, int limit, PageToken after) {
    String select = "SELECT * FROM " + ks + ".customer_notifications WHERE customer_id = ?";
    CompletionStage<List<Row>> rows;
    if (after == null) {
      rows = session.selectAll(select + " LIMIT ?", customerId, limit + 1);
    } else {
      rows = session.selectAll(select + " AND created_at = ? AND notification_id > ? LIMIT ?",
              customerId, after.at(), after.id(), limit + 1)
          .thenCompose(sameInstant -> sameInstant.size() > limit
              ? CompletableFuture.completedFuture(sameInstant)
              : session.selectAll(select + " AND created_at < ? LIMIT ?", customerId, after.at(),
                      limit + 1 - sameInstant.size())
                  .thenApply(older -> Stream.concat(sameInstant.stream(), older.stream()).toList()));
    }
    return rows.thenApply(found -> {
      List<CustomerNotification> entries = found.stream().limit(limit)
          .map(CassandraNotificationRepository::entry).toList();
      CustomerNotification last = entries.isEmpty() ? null : entries.get(entries.size() - 1);
      return new InboxPage(entries, found.size() > limit
          ? new PageToken(customerId, last.createdAt(), last.notificationId()) : null);
    });
  }

  @Override
  public CompletionStage<Optional<CustomerNotification>> markRead(String customerId,
      String notificationId, Instant at) {
    return session.selectOne("SELECT customer_id, created_at FROM " + ks + ".notifications"
            + " WHERE notification_id = ?", notificationId)
        .thenCompose(outbox -> {
          if (outbox.isEmpty() || !customerId.equals(outbox.get().getString("customer_id"))) {
            return CompletableFuture.completedFuture(Optional.<CustomerNotification>empty());
          }
          Instant created = outbox.get().getInstant("created_at");
          return listed(customerId, created, notificationId).thenCompose(entry -> {
            if (entry.isEmpty() || entry.get().readAt() != null) {
              return CompletableFuture.completedFuture(entry);
            }
            return session.executeWrite("UPDATE " + ks + ".customer_notifications SET read_at = ?"
                    + " WHERE customer_id = ? AND created_at = ? AND notification_id = ?",
                    at, customerId, created, notificationId)
                .thenCompose(done -> listed(customerId, created, notificationId));
          });
        });
  }

  private CompletionStage<Optional<CustomerNotification>> listed(String customerId, Instant createdAt,
      String notificationId) {
    return session.selectOne("SELECT * FROM " + ks + ".customer_notifications WHERE customer_id = ?"
            + " AND created_at = ? AND notification_id = ?", customerId, createdAt, notificationId)
        .thenApply(row -> row.map(CassandraNotificationRepository::entry));
  }

  private static CustomerNotification entry(Row r) {
    return new CustomerNotification(
        r.getString("notification_id"), r.getString("kind"), r.getString("order_id"),
        r.getString("dispute_id"), r.getString("subject_id"), r.getInstant("created_at"),
        r.getString("status") == null ? "QUEUED" : r.getString("status"),
        r.getString("channel"), r.getString("subject"), r.getString("body"),
        r.getInstant("read_at"), r.getInstant("updated_at"));
  }

  @Override
  public CompletionStage<Optional<Instant>> watermark() {
    return session.selectOne("SELECT watermark FROM " + ks + ".notify_worker WHERE name = ?", WORKER)
        .thenApply(row -> row.map(r -> r.getInstant("watermark")));
  }

  @Override
  public CompletionStage<Done> saveWatermark(Instant watermark) {
    return session.executeWrite("INSERT INTO " + ks + ".notify_worker (name, watermark) VALUES (?, ?)",
        WORKER, watermark);
  }

  private Tracked tracked(Row r) {
    Notification n = new Notification(r.getString("notification_id"),
        NotificationKind.valueOf(r.getString("kind")), r.getString("order_id"),
        r.getString("dispute_id"), r.getString("subject_id"), r.getString("customer_id"),
        r.getString("email"), r.getString("locale"),
        channels(OutboxWrite.distinct(r.getList("channels", String.class))),
        r.getMap("fields", String.class, String.class), read(r.getString("receipt"), Receipt.class),
        r.getInstant("created_at"), r.getString("phone"));
    String status = r.getString("status");
    DeliveryState state = status == null ? DeliveryState.QUEUED : new DeliveryState(
        DeliveryState.Status.valueOf(status), r.getInt("channel_index"), r.getInt("channel_attempts"),
        r.getInt("attempts"), OutboxWrite.distinct(r.getList("failures", String.class)),
        r.getString("delivered_channel"),
        r.getInstant("delivered_at"), r.getBoolean("reported"));
    return new Tracked(n, state);
  }

  private static List<Channel> channels(List<String> names) {
    return names.stream().map(Channel::valueOf).toList();
  }

  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(value.getClass().getSimpleName() + " not serializable", e);
    }
  }

  private static <T> T read(String json, Class<T> type) {
    try {
      return json == null ? null : JSON.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored " + type.getSimpleName() + " unreadable", e);
    }
  }
}
