package payledger.sla;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.Config;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.apache.pekko.projection.ProjectionId;
import org.apache.pekko.projection.javadsl.ProjectionManagement;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSession;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSessionRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Isolated;
import org.slf4j.LoggerFactory;
import payledger.Service;
import payledger.order.OrderLedger;
import payledger.readmodel.ReadModelProjections;
import payledger.testing.Alerts;
import payledger.testing.ApiClient;
import payledger.testing.ApiClient.Reply;
import payledger.testing.LocalCassandraExtension;
import payledger.testing.Requests;
import payledger.testing.TestConfigs;
import payledger.testing.Ids;

/**
 * SLA deadlines fire through the durable mechanism (projection → deadlines table → scheduler) and
 * not only through an awake entity's timer: after a full restart, and after passivation. Service
 * time is moved with the test clock over HTTP.
 */
@ExtendWith(LocalCassandraExtension.class)
@Isolated // reads /metrics, which every service in this JVM writes to
class DeadlinesIT {

  private static final Config CONFIG = TestConfigs.service("""
      pekko.persistence.cassandra.journal.keyspace = payledger_it
      payledger.test-clock.enabled = true
      pekko.cluster.sharding.passivation.default-idle-strategy.idle-entity.timeout = 1s
      pekko.persistence.cassandra.events-by-tag.eventual-consistency-delay = 1s
      """);

  private static ObjectNode newCase() {
    return ApiClient.JSON.createObjectNode()
        .put("customerId", "cust-42").put("category", "DOUBLE_CHARGE")
        .put("description", "charged twice").put("actor", "agent-7");
  }

  @Test
  void anAcknowledgementDeadlineFiresOnceAfterAFullRestart() throws Exception {
    String id;
    try (Service service = Service.start(CONFIG, Clock.systemUTC())) {
      ApiClient api = new ApiClient(service.httpPort());
      Reply opened = awaitJournal(api, () -> api.post("/v1/disputes", newCase()));
      assertEquals(201, opened.status(), opened.body());
      id = opened.json().path("id").asText();
      Thread.sleep(2_000); // stopped well before the deadline, possibly before the projection ran
    }

    try (Service service = Service.start(CONFIG, Clock.systemUTC())) {
      ApiClient api = new ApiClient(service.httpPort());
      awaitJournal(api, () -> api.get("/v1/disputes/" + id));
      advance(api, "PT61M");

      JsonNode fired = api.await("/v1/disputes/" + id, c -> c.path("slaPassed").toString().contains("ACK_OVERDUE"));
      assertEquals(1, fired.path("escalationLevel").asInt());
      Thread.sleep(3_000);
      JsonNode later = api.get("/v1/disputes/" + id).json();
      assertEquals(1, count(later, "ack_overdue"), "fires once");
      assertEquals(1, count(later, "ack_warning"));
    }
  }

  @Test
  void aDeadlineReachesAPassivatedCaseAndAnIdleOrder() throws Exception {
    try (Service service = Service.start(CONFIG, Clock.systemUTC())) {
      ApiClient api = new ApiClient(service.httpPort());
      Reply opened = awaitJournal(api, () -> api.post("/v1/disputes", newCase()));
      String id = opened.json().path("id").asText();
      String orderId = "dl-" + id;
      assertEquals(201, api.post("/v1/orders", Requests.order(orderId)).status());
      Thread.sleep(3_000); // both entities passivate (1 s idle)

      advance(api, "PT49H");

      JsonNode dispute = api.await("/v1/disputes/" + id,
          c -> c.path("slaPassed").toString().contains("RESOLUTION_OVERDUE"));
      assertEquals(2, dispute.path("escalationLevel").asInt(), "ack and resolution breaches");
      assertTrue(dispute.path("deadlines").path("overdue").asBoolean());
      assertTrue(api.get("/metrics").body().contains(
          "payledger_sla_deadlines_passed_total{breach=\"true\",deadline=\"RESOLUTION_OVERDUE\""),
          "the breach is counted");
      JsonNode order = api.await("/v1/orders/" + orderId,
          o -> o.path("discrepancies").toString().contains("MISSING_PAYMENT"));
      assertEquals("DISCREPANCY", order.path("status").asText());
    }
  }

  /**
   * The payment grace has no row per order: an unpaid order, registered before a full restart, is
   * found among the orders awaiting payment once its grace has passed and woken once; an order
   * paid in time is not woken at all; neither ever had a row in the deadlines table.
   */
  @Test
  void anUnpaidOrderGetsMissingPaymentOnceAfterARestartAndAPaidOneIsNeverWoken() throws Exception {
    String unpaid = Ids.unique("grace-unpaid");
    String paid = Ids.unique("grace-paid");
    try (Service service = Service.start(CONFIG, Clock.systemUTC())) {
      ApiClient api = new ApiClient(service.httpPort());
      assertEquals(201, awaitJournal(api, () -> api.post("/v1/orders", Requests.order(unpaid))).status());
      assertEquals(201, api.post("/v1/orders", Requests.order(paid)).status());
      assertEquals(201, api.post("/v1/payment-events",
          Requests.payment("e-" + paid, paid, "SUCCEEDED", Requests.DUE)).status());
      awaitListed(api, paid, "RECONCILED");
      awaitListed(api, unpaid, "AWAITING_PAYMENT");
      assertEquals(List.of(), rows(service, unpaid, paid), "no wake-up row for a payment grace");
    }

    try (Service service = Service.start(CONFIG, Clock.systemUTC()); Woken woken = new Woken()) {
      ApiClient api = new ApiClient(service.httpPort());
      awaitJournal(api, () -> api.get("/v1/orders/" + unpaid));
      Thread.sleep(3_000); // passivated (1 s idle): only a wake-up can raise it
      advance(api, "PT61M");

      // Not read before it is woken: an order started after its grace raises it on its own.
      woken.await(unpaid);
      JsonNode missing = api.await("/v1/orders/" + unpaid,
          o -> o.path("discrepancies").toString().contains("MISSING_PAYMENT"));
      assertEquals("DISCREPANCY", missing.path("status").asText());
      Thread.sleep(4_000); // time for a second wake-up to do harm, if it could
      JsonNode later = api.get("/v1/orders/" + unpaid).json();
      assertEquals(1, later.path("discrepancies").size(), "raised once: " + later);
      assertEquals(1, woken.orders(unpaid), "woken once");
      assertEquals(0, woken.orders(paid), "the paid order is not woken");
      JsonNode settled = api.get("/v1/orders/" + paid).json();
      assertEquals("RECONCILED", settled.path("status").asText());
      assertEquals(0, settled.path("discrepancies").size());
    }
  }

  /**
   * The order projection is paused while an unpaid order is registered and its grace passes: the
   * scan waits for the read side (the order is not listed yet) and wakes the order once the
   * projection resumes and catches up, instead of skipping it.
   */
  @Test
  void aLaggingReadSideDelaysThePaymentGraceAndNeverSkipsIt() throws Exception {
    String lagging = Ids.unique("grace-lag");
    try (Service service = Service.start(CONFIG, Clock.systemUTC()); Woken woken = new Woken()) {
      ApiClient api = new ApiClient(service.httpPort());
      awaitJournal(api, () -> api.get("/v1/orders?limit=1"));
      ProjectionManagement management = ProjectionManagement.get(service.system());
      List<ProjectionId> orderProjections = OrderLedger.TAGS.stream()
          .map(tag -> ProjectionId.of(ReadModelProjections.ORDERS, tag)).toList();
      for (ProjectionId id : orderProjections) {
        management.pause(id).toCompletableFuture().get(30, TimeUnit.SECONDS);
      }
      assertEquals(201, awaitJournal(api, () -> api.post("/v1/orders", Requests.order(lagging))).status());
      Thread.sleep(3_000); // passivated (1 s idle)
      advance(api, "PT61M");
      Thread.sleep(5_000);
      assertEquals(0, woken.orders(lagging), "not listed yet: the scan waits");

      for (ProjectionId id : orderProjections) {
        management.resume(id).toCompletableFuture().get(30, TimeUnit.SECONDS);
      }
      woken.await(lagging);
      JsonNode missing = api.await("/v1/orders/" + lagging,
          o -> o.path("discrepancies").toString().contains("MISSING_PAYMENT"));
      assertEquals(1, missing.path("discrepancies").size());
      Thread.sleep(3_000);
      assertEquals(1, woken.orders(lagging), "woken once");
    }
  }

  /** The order's row in the list by status, once it is there with {@code status}. */
  private static void awaitListed(ApiClient api, String orderId, String status)
      throws InterruptedException {
    for (long end = System.nanoTime() + Duration.ofSeconds(120).toNanos(); System.nanoTime() < end; ) {
      JsonNode page = api.get("/v1/orders?status=" + status + "&limit=100&from="
          + Instant.now().minusSeconds(600)).json();
      for (JsonNode r : page.path("items")) {
        if (r.path("orderId").asText().equals(orderId)) {
          return;
        }
      }
      Thread.sleep(300);
    }
    throw new AssertionError(orderId + " not listed as " + status);
  }

  /** The deadlines table's rows of these orders in the hours of their possible wake-ups. */
  private static List<String> rows(Service service, String... orderIds) {
    CassandraSession session = CassandraSessionRegistry.get(service.system())
        .sessionFor("pekko.persistence.cassandra");
    java.util.Set<String> ids = java.util.Set.of(orderIds);
    Instant now = Instant.now();
    return java.util.stream.Stream.of(now, now.plus(Duration.ofHours(1)), now.plus(Duration.ofHours(2)))
        .flatMap(at -> session.selectAll("SELECT entity_id FROM payledger_it.deadlines WHERE bucket = ?",
                Deadline.bucket(at)).toCompletableFuture().join().stream())
        .map(r -> r.getString("entity_id")).filter(ids::contains).toList();
  }

  /** The orders the payment-grace scan woke while open (its debug lines). */
  private static final class Woken implements AutoCloseable {
    private final Logger logger = (Logger) LoggerFactory.getLogger(PaymentGraceScan.class);
    private final Level level = logger.getLevel();
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    Woken() {
      appender.start();
      logger.setLevel(Level.DEBUG);
      logger.addAppender(appender);
    }

    long orders(String orderId) {
      synchronized (appender) { // the lock logback appends under
        return appender.list.stream().map(ILoggingEvent::getFormattedMessage)
            .filter(line -> line.contains("order " + orderId + " passed unpaid")).count();
      }
    }

    void await(String orderId) throws InterruptedException {
      for (int i = 0; i < 600 && orders(orderId) == 0; i++) {
        Thread.sleep(200);
      }
      assertEquals(1, orders(orderId), orderId + " woken by the payment-grace scan");
    }

    @Override
    public void close() {
      logger.detachAppender(appender);
      logger.setLevel(level);
      appender.stop();
    }
  }

  /**
   * The scenario: two underpaid orders, passivated, then a full restart. Their customers'
   * webhook has no endpoint here, so the notice reaches them on the in-app fallback: the notice
   * deadline is met. At +30 h one is written off; at +37 h the other is warned (75 % of its 48 h),
   * at +49 h it is breached and escalated, alerted and counted: each exactly once, and nothing for
   * the resolved one.
   */
  @Test
  void anOpenDiscrepancyIsWarnedAndBreachedOnceAfterPassivationAndARestart() throws Exception {
    String open = Ids.unique("dsla-open");
    String settled = Ids.unique("dsla-settled");
    try (Service service = Service.start(CONFIG, Clock.systemUTC())) {
      ApiClient api = new ApiClient(service.httpPort());
      for (String orderId : new String[] {open, settled}) {
        ObjectNode order = Requests.order(orderId);
        order.putArray("notificationChannels").add("webhook");
        assertEquals(201, awaitJournal(api, () -> api.post("/v1/orders", order)).status());
        assertEquals(201, api.post("/v1/payment-events",
            Requests.payment("e-" + orderId, orderId, "SUCCEEDED", Requests.DUE - 500)).status());
      }
      for (String orderId : new String[] {open, settled}) {
        api.await("/v1/orders/" + orderId,
            o -> discrepancy(o) != null && discrepancy(o).path("customerNotified").asBoolean());
      }
      Thread.sleep(3_000); // both orders passivate (1 s idle)
    }

    try (Service service = Service.start(CONFIG, Clock.systemUTC()); Alerts alerts = new Alerts()) {
      ApiClient api = new ApiClient(service.httpPort());
      awaitJournal(api, () -> api.get("/v1/orders/" + open));
      Thread.sleep(3_000); // passivated again before any deadline comes

      advance(api, "PT30H");
      assertEquals(201, api.post("/v1/orders/" + settled + "/discrepancies/D1/resolve",
          ApiClient.JSON.createObjectNode().put("resolution", "WRITTEN_OFF")
              .put("note", "goodwill").put("actor", "agent-7")).status());
      JsonNode settledAt30 = api.get("/v1/orders/" + settled).json().path("discrepancies").get(0);
      assertEquals(List.of(), passed(settledAt30), "the customer was told within 24 h");

      advance(api, "PT7H");
      JsonNode warned = api.await("/v1/orders/" + open, o -> passed(discrepancy(o))
          .contains("RESOLUTION_WARNING"));
      assertEquals(List.of("RESOLUTION_WARNING"), passed(discrepancy(warned)));
      assertEquals(0, discrepancy(warned).path("escalationLevel").asInt(), "a warning, no breach");
      String series = "payledger_sla_deadlines_passed_total{breach=\"true\","
          + "deadline=\"DISCREPANCY_RESOLUTION_OVERDUE\",type=\"UNDERPAYMENT\"}";
      double breachesBefore = metric(api, series);

      advance(api, "PT12H");
      JsonNode breached = api.await("/v1/orders/" + open, o -> passed(discrepancy(o))
          .contains("RESOLUTION_OVERDUE"));
      assertEquals(1, discrepancy(breached).path("escalationLevel").asInt());
      JsonNode queued = awaitQueued(api, open, r -> r.path("escalation").asInt() == 1);
      assertEquals(List.of("RESOLUTION_WARNING", "RESOLUTION_OVERDUE"), passed(queued),
          "the queue shows it too");

      Thread.sleep(5_000); // time for a second wake-up to do harm, if it could
      assertEquals(List.of("RESOLUTION_WARNING", "RESOLUTION_OVERDUE"),
          passed(discrepancy(api.get("/v1/orders/" + open).json())), "each moment exactly once");
      assertEquals(breachesBefore + 1, metric(api, series), "counted once");
      assertEquals(1, alerts.warnings("RESOLUTION_OVERDUE", "discrepancy D1", open).size(),
          "alerted once");
      assertEquals(List.of(), alerts.warnings("NOTICE_OVERDUE", open), "the notice was in time");
      assertEquals(settledAt30, api.get("/v1/orders/" + settled).json().path("discrepancies").get(0),
          "nothing more for the discrepancy resolved at +30 h");
      assertEquals(List.of(), alerts.warnings("RESOLUTION_OVERDUE", settled));
    }
  }

  private static JsonNode discrepancy(JsonNode order) {
    return order.path("discrepancies").get(0);
  }

  /** The order's row in the open discrepancy queue (paged through), once it meets {@code condition}. */
  private static JsonNode awaitQueued(ApiClient api, String orderId,
      java.util.function.Predicate<JsonNode> condition) throws InterruptedException {
    JsonNode row = null;
    for (long end = System.nanoTime() + Duration.ofSeconds(120).toNanos(); System.nanoTime() < end; ) {
      row = queued(api, orderId);
      if (row != null && condition.test(row)) {
        return row;
      }
      Thread.sleep(300);
    }
    throw new AssertionError("not in the queue as expected: " + row);
  }

  private static JsonNode queued(ApiClient api, String orderId) {
    String token = null;
    do {
      JsonNode page = api.get("/v1/discrepancies?type=UNDERPAYMENT&limit=100"
          + (token == null ? "" : "&pageToken=" + java.net.URLEncoder.encode(token,
              java.nio.charset.StandardCharsets.UTF_8))).json();
      for (JsonNode r : page.path("items")) {
        if (r.path("orderId").asText().equals(orderId)) {
          return r;
        }
      }
      token = page.hasNonNull("nextPageToken") ? page.path("nextPageToken").asText() : null;
    } while (token != null);
    return null;
  }

  private static List<String> passed(JsonNode discrepancy) {
    return StreamSupport.stream(discrepancy.path("slaPassed").spliterator(), false)
        .map(JsonNode::asText).toList();
  }

  private static double metric(ApiClient api, String series) {
    return api.get("/metrics").body().lines().filter(l -> l.startsWith(series + " "))
        .mapToDouble(l -> Double.parseDouble(l.substring(series.length() + 1)))
        .findFirst().orElse(0);
  }

  private static void advance(ApiClient api, String by) {
    Reply moved = api.post("/v1/admin/clock", ApiClient.JSON.createObjectNode().put("advanceBy", by));
    assertEquals(200, moved.status(), moved.body());
  }

  private static long count(JsonNode dispute, String what) {
    return StreamSupport.stream(dispute.path("timeline").spliterator(), false)
        .filter(e -> e.path("what").asText().equals(what)).count();
  }

  /** Right after a start the journal may still be connecting: retry 503s for a while. */
  private static Reply awaitJournal(ApiClient api, java.util.function.Supplier<Reply> call)
      throws InterruptedException {
    Reply reply = call.get();
    for (int i = 0; i < 240 && reply.status() == 503; i++) {
      Thread.sleep(500);
      reply = call.get();
    }
    return reply;
  }
}
