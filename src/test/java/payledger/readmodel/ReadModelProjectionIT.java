package payledger.readmodel;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.persistence.query.Sequence;
import org.apache.pekko.projection.ProjectionId;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.testkit.javadsl.ProjectionTestKit;
import org.apache.pekko.projection.testkit.javadsl.TestProjection;
import org.apache.pekko.projection.testkit.javadsl.TestSourceProvider;
import org.apache.pekko.stream.javadsl.Source;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import payledger.cassandra.Schema;
import payledger.dispute.CaseDetails;
import payledger.dispute.DisputeCategory;
import payledger.dispute.DisputeEvent;
import payledger.dispute.Lifecycle;
import payledger.money.Money;
import payledger.dispute.Dispute;
import payledger.order.Invoice;
import payledger.order.OrderLedger;
import payledger.order.OrderEvent;
import payledger.order.PaymentEvent;
import payledger.order.PaymentEventType;
import payledger.testing.LocalCassandraExtension;
import payledger.testing.TestConfigs;

/**
 * The projection handlers under the projection testkit, writing to the real Cassandra node: an
 * envelope delivered twice (at-least-once) counts once, in the lists, the facts and the summaries.
 */
@ExtendWith(LocalCassandraExtension.class)
class ReadModelProjectionIT {

  private static final String KEYSPACE = "payledger_rmp_" + System.currentTimeMillis() / 1000;
  private static final Instant T0 = Instant.parse("2026-11-20T09:00:00Z");
  private static ActorTestKit testKit;
  private static ReadSide readSide;

  @BeforeAll
  static void start() throws Exception {
    testKit = ActorTestKit.create("rmp", TestConfigs.service(
        "pekko.persistence.cassandra.journal.keyspace = " + KEYSPACE));
    readSide = ReadSide.of(testKit.system());
    Schema.create(readSide.session(), KEYSPACE, 1).toCompletableFuture().get(180, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() {
    ReadSideIT.dropKeyspace(readSide.session(), KEYSPACE);
    testKit.shutdownTestKit();
  }

  @Test
  void aRedeliveredOrderEventDoesNotCountTwice() throws Exception {
    String id = "rmp-o1";
    Invoice invoice = new Invoice("rmp-c1", "c@example.com", "EUR",
        List.of(new Invoice.LineItem("SKU", "Mug", 2, 1500)), 0, List.of(), List.of(), null);
    PaymentEvent paid = new PaymentEvent("ev-1", "stripe", PaymentEventType.SUCCEEDED, id, "pi-1",
        new Money(3000, "EUR"), "card", T0, "rmp-c1", null);
    List<EventEnvelope<OrderEvent>> envelopes = new ArrayList<>();
    envelopes.add(envelope("OrderLedger|" + id, 1, new OrderEvent.OrderRegistered(id, invoice, T0)));
    envelopes.add(envelope("OrderLedger|" + id, 2, new OrderEvent.PaymentRecorded(id, paid, T0.plusSeconds(60))));
    envelopes.add(envelope("OrderLedger|" + id, 2, new OrderEvent.PaymentRecorded(id, paid, T0.plusSeconds(60))));
    envelopes.add(envelope("OrderLedger|" + id, 1, new OrderEvent.OrderRegistered(id, invoice, T0)));
    envelopes.add(envelope("OrderLedger|" + id, 3, new OrderEvent.DisputeNoted(id, "PL-X", "OTHER", T0)));

    run(ProjectionId.of("rmp-orders", OrderLedger.tagFor(id)), envelopes,
        () -> orders(id),
        () -> assertEquals(3L, readSide.store().orderView(id).toCompletableFuture().get()
            .map(ReadModelStore.Stored::seqNr).orElse(0L)));

    List<KpiFact> facts = factsOfHour("2026-11-20", T0);
    assertEquals(1, facts.stream().filter(f -> f.kind() == KpiFact.Kind.PAYMENT).count(), facts.toString());
    KpiFact order = facts.stream().filter(f -> f.kind() == KpiFact.Kind.ORDER).findFirst().orElseThrow();
    assertEquals(Set.of(KpiFact.Flag.RECONCILED.name(), KpiFact.Flag.AUTO_RECONCILED.name()), order.flags());

    Tally day = aggregatedDay("2026-11-20");
    assertEquals(1, day.count(KpiCatalog.ORDERS.name()));
    assertEquals(1, day.count(KpiCatalog.PAYMENTS.name()));
    assertEquals(1, day.count(KpiCatalog.ORDERS_RECONCILED.name()));

    var page = readSide.queries().orders(new ReadModelQueries.OrderQuery(null, "rmp-c1",
        T0.minusSeconds(1), T0.plusSeconds(3600), 10, null)).toCompletableFuture().get();
    assertEquals(1, page.items().size());
    assertEquals("RECONCILED", page.items().get(0).status());
    assertEquals(3000L, page.items().get(0).netPaid());
    // Only the RECONCILED row remains: the AWAITING_PAYMENT one was deleted when the status changed.
    var awaiting = readSide.queries().orders(new ReadModelQueries.OrderQuery("AWAITING_PAYMENT", null,
        T0.minusSeconds(1), T0.plusSeconds(3600), 10, null)).toCompletableFuture().get();
    assertTrue(awaiting.items().isEmpty(), awaiting.toString());
  }

  @Test
  void oneGroupHoldingRedeliveriesIsFoldedOnce() throws Exception {
    String id = "rmp-o2";
    Instant t = Instant.parse("2026-11-19T09:00:00Z");
    Invoice invoice = new Invoice("rmp-c3", "c@example.com", "EUR",
        List.of(new Invoice.LineItem("SKU", "Mug", 1, 1500)), 0, List.of(), List.of(), null);
    PaymentEvent paid = new PaymentEvent("ev-2", "stripe", PaymentEventType.SUCCEEDED, id, "pi-2",
        new Money(1500, "EUR"), "card", t, "rmp-c3", null);
    OrderEvent registered = new OrderEvent.OrderRegistered(id, invoice, t);
    OrderEvent payment = new OrderEvent.PaymentRecorded(id, paid, t.plusSeconds(60));
    OrderProjectionHandler handler = orders(id);
    handler.process(List.of(envelope("OrderLedger|" + id, 1, registered),
        envelope("OrderLedger|" + id, 2, payment), envelope("OrderLedger|" + id, 1, registered),
        envelope("OrderLedger|" + id, 2, payment))).toCompletableFuture().get(30, TimeUnit.SECONDS);
    // and the same group redelivered whole, as after a crash before the offset was saved
    orders(id).process(List.of(
        envelope("OrderLedger|" + id, 1, registered), envelope("OrderLedger|" + id, 2, payment)))
        .toCompletableFuture().get(30, TimeUnit.SECONDS);

    assertEquals(2L, readSide.store().orderView(id).toCompletableFuture().get()
        .map(ReadModelStore.Stored::seqNr).orElse(0L));
    Tally day = aggregatedDay("2026-11-19");
    assertEquals(1, day.count(KpiCatalog.ORDERS.name()));
    assertEquals(1, day.count(KpiCatalog.PAYMENTS.name()));
    assertEquals(1, day.count(KpiCatalog.ORDERS_RECONCILED.name()));
    var awaiting = readSide.queries().orders(new ReadModelQueries.OrderQuery("AWAITING_PAYMENT", null,
        t.minusSeconds(1), t.plusSeconds(3600), 10, null)).toCompletableFuture().get();
    assertTrue(awaiting.items().isEmpty(), awaiting.toString());
  }

  @Test
  void aRedeliveredCaseEventDoesNotCountTwice() throws Exception {
    String id = "PL-RMP0000001";
    CaseDetails details = new CaseDetails(null, "rmp-c2", DisputeCategory.DOUBLE_CHARGE, "twice",
        null, CaseDetails.Source.SUPPORT, null, null, null, "agent");
    Instant opened = Instant.parse("2026-11-21T09:00:00Z");
    DisputeEvent open = new DisputeEvent.Opened(id, details, opened.plusSeconds(3600),
        opened.plus(Duration.ofHours(48)), null, opened);
    DisputeEvent ack = new DisputeEvent.ActionTaken(id, Lifecycle.Action.ACKNOWLEDGE, "agent", null,
        opened.plusSeconds(600));
    DisputeEvent note = new DisputeEvent.ActionTaken(id, Lifecycle.Action.NOTE, "agent", "looking",
        opened.plusSeconds(660));
    run(ProjectionId.of("rmp-disputes", Dispute.tagFor(id)), List.of(
            envelope("Dispute|" + id, 1, open), envelope("Dispute|" + id, 2, ack),
            envelope("Dispute|" + id, 1, open), envelope("Dispute|" + id, 2, ack),
            envelope("Dispute|" + id, 3, note)),
        () -> new DisputeProjectionHandler(readSide.store(), readSide.kpis(), "rmp-disputes", Dispute.tagFor(id)),
        () -> assertEquals(3L, readSide.store().disputeView(id).toCompletableFuture().get()
            .map(ReadModelStore.Stored::seqNr).orElse(0L)));

    Tally day = aggregatedDay("2026-11-21");
    assertEquals(1, day.count(KpiCatalog.CASES.name()));
    assertEquals(1, day.count(KpiCatalog.CASES_ACKNOWLEDGED.name() + ".met"));
    assertEquals(1, day.openPending("PAYMENT_ISSUE.resolve", opened.plusSeconds(700)));
    var active = readSide.queries().disputes(new ReadModelQueries.DisputeQuery(null, null, null,
        null, null, 10, null), opened.plusSeconds(700)).toCompletableFuture().get();
    assertEquals(List.of("INVESTIGATING"), active.items().stream().map(DisputeRow::state).toList());
  }

  @Test
  void factsOfAKeyspaceWithoutTalliesCountOnceItsTalliesStart() throws Exception {
    String tag = OrderLedger.TAGS.get(1);
    List<String> ids = new ArrayList<>();
    for (char c = 'a'; ids.size() < 3; c++) {
      if (OrderLedger.tagFor("rmp-old-" + c).equals(tag)) {
        ids.add("rmp-old-" + c);
      }
    }
    // Two orders' facts as the former version wrote them (no AWAITING_PAYMENT flag), in a tag
    // whose tallies were never started.
    Instant old = Instant.parse("2026-11-10T05:00:00Z");
    readSide.session().executeWrite("DELETE FROM " + KEYSPACE + ".rm_kpi_tally WHERE tag = ?", tag)
        .toCompletableFuture().get(30, TimeUnit.SECONDS);
    for (int i = 0; i < 2; i++) {
      readSide.session().executeWrite("INSERT INTO " + KEYSPACE + "." + ReadModelRows.KPI_FACTS
              + " (day, shard, kind, item_id, method, gateway, started_at, flags)"
              + " VALUES (?, ?, 'ORDER', ?, 'card', 'testpay', ?, ?)",
          "2026-11-10", KpiFact.shardOf(old), ids.get(i), old,
          i == 0 ? Set.of("RECONCILED") : Set.<String>of())
          .toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    // The tag's first group after the upgrade starts its tallies from its facts, then counts the group.
    Invoice invoice = new Invoice("rmp-c4", "c@example.com", "EUR",
        List.of(new Invoice.LineItem("SKU", "Mug", 1, 1500)), 0, List.of(), List.of(), null);
    String id = ids.get(2);
    Instant t = Instant.parse("2026-11-11T09:00:00Z");
    List<EventEnvelope<OrderEvent>> group = List.of(
        envelope("OrderLedger|" + id, 1, new OrderEvent.OrderRegistered(id, invoice, t)));
    orders(id).process(group).toCompletableFuture().get(30, TimeUnit.SECONDS);
    Tally former = aggregatedDay("2026-11-10");
    assertEquals(2, former.count(KpiCatalog.ORDERS.name()));
    assertEquals(1, former.count(KpiCatalog.ORDERS_RECONCILED.name()));
    assertEquals(1, aggregatedDay("2026-11-11").count(KpiCatalog.ORDERS.name()));

    // A restarted instance neither starts them again nor counts the redelivered group twice.
    orders(id).process(group).toCompletableFuture().get(30, TimeUnit.SECONDS);
    assertEquals(former, aggregatedDay("2026-11-10"));
    assertEquals(1, aggregatedDay("2026-11-11").count(KpiCatalog.ORDERS.name()));
  }

  /** The handler as the projection runs it, here with groups of one envelope (redeliveries span groups). */
  private static <E> void run(ProjectionId id, List<EventEnvelope<E>> envelopes,
      java.util.function.Supplier<FoldingHandler<E, ?>> grouped,
      org.apache.pekko.japi.function.Effect processed) {
    TestSourceProvider<Offset, EventEnvelope<E>> source =
        TestSourceProvider.create(Source.from(envelopes), EventEnvelope::offset);
    java.util.function.Supplier<org.apache.pekko.projection.javadsl.Handler<EventEnvelope<E>>> handler = () -> {
      FoldingHandler<E, ?> h = grouped.get();
      return org.apache.pekko.projection.javadsl.Handler.fromFunction(e -> h.process(List.of(e)));
    };
    ProjectionTestKit.create(testKit.system()).run(
        TestProjection.create(id, source, handler), Duration.ofSeconds(60), processed);
  }

  /** The handler of the order's tag, as the service makes it. */
  private static OrderProjectionHandler orders(String orderId) {
    return new OrderProjectionHandler(readSide.store(), readSide.kpis(), "rmp-orders", OrderLedger.tagFor(orderId),
        List.of());
  }

  /** A day's figures as the report reads them: the sum of every tag's tallies. */
  /**
   * The working sets' index of hours: an hour's index row is written with its rows; a group that
   * deleted rows drops the row of an hour it left empty, and keeps that of an hour still holding
   * rows, or filled again meanwhile (its index row, written after the read, wins over the delete).
   */
  @Test
  void anEmptiedHourLeavesTheIndexOfTheWorkingSetAndAnHourWithRowsStays() throws Exception {
    String emptied = "2031-01-01T10";
    String kept = "2031-01-01T11";
    String refilled = "2031-01-01T12";
    for (String hour : List.of(emptied, kept, refilled)) {
      openRow(hour, "o-" + hour + "/D1");
      WorkingSets filled = new WorkingSets();
      filled.filled(WorkingSets.OPEN, hour);
      filled.index(readSide.session(), KEYSPACE).toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    assertEquals(List.of(emptied, kept, refilled), workingHours());
    // The delete is dated a margin before its read: index rows written within it are left alone.
    Thread.sleep(WorkingSets.SKEW.toMillis() + 500);
    openRow(kept, "o-" + kept + "/D2");
    for (String hour : List.of(emptied, kept, refilled)) {
      readSide.session().executeWrite("DELETE FROM " + KEYSPACE + "." + ReadModelRows.OPEN_DISCREPANCIES
          + " WHERE hour = ? AND resolve_by = ? AND item_key = ?", hour, instantOf(hour), "o-" + hour + "/D1")
          .toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    openRow(refilled, "o-" + refilled + "/D3");
    WorkingSets group = new WorkingSets();
    List.of(emptied, kept, refilled).forEach(h -> group.emptied(WorkingSets.OPEN, h));
    group.index(readSide.session(), KEYSPACE).toCompletableFuture().get(30, TimeUnit.SECONDS);
    assertEquals(List.of(kept, refilled), workingHours());
  }

  private static void openRow(String hour, String key) throws Exception {
    readSide.session().executeWrite("INSERT INTO " + KEYSPACE + "." + ReadModelRows.OPEN_DISCREPANCIES
        + " (hour, resolve_by, item_key) VALUES (?, ?, ?)", hour, instantOf(hour), key)
        .toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static Instant instantOf(String hour) {
    return Instant.parse(hour + ":30:00Z");
  }

  private static List<String> workingHours() throws Exception {
    return readSide.session().selectAll("SELECT hour FROM " + KEYSPACE + "." + WorkingSets.INDEX
        + " WHERE list = ?", WorkingSets.OPEN).toCompletableFuture().get(30, TimeUnit.SECONDS)
        .stream().map(r -> r.getString("hour")).toList();
  }

  /** The facts of every shard of {@code at}'s hour. */
  private static List<KpiFact> factsOfHour(String day, Instant at) throws Exception {
    List<KpiFact> facts = new ArrayList<>();
    int first = KpiFact.shardOf(at) - Shards.of(at);
    for (int shard = first; shard < first + Shards.COUNT; shard++) {
      facts.addAll(readSide.kpis().facts(day, shard).toCompletableFuture().get());
    }
    return facts;
  }

  private static Tally aggregatedDay(String day) throws Exception {
    Tally total = new Tally();
    for (KpiStore.Daily row : readSide.kpis().daily(java.time.LocalDate.parse(day))
        .toCompletableFuture().get(10, TimeUnit.SECONDS)) {
      total = total.plus(row.tally());
    }
    return total;
  }

  private static int offset = 0;

  private static <E> EventEnvelope<E> envelope(String persistenceId, long seqNr, E event) {
    return EventEnvelope.create(Sequence.apply(++offset), persistenceId, seqNr, event, System.currentTimeMillis());
  }
}
