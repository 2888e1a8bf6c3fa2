package payledger.settlement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSession;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSessionRegistry;
import org.apache.pekko.stream.javadsl.Sink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import payledger.cassandra.Schema;
import payledger.money.Money;
import payledger.settlement.SettlementFiles.Faults;
import payledger.testing.Ids;
import payledger.testing.LocalCassandraExtension;
import payledger.testing.TestConfigs;

/**
 * Staging on the real Cassandra node: a file's lines are kept as chunks of 10,000 (one row each)
 * and read back whole and in order; an import staged as one row per line before chunks existed
 * still reads. A run's results as blobs read beside the rows of runs before them, and a shorter
 * re-run's leftover parts are not read.
 */
@ExtendWith(LocalCassandraExtension.class)
class SettlementStagingIT {

  private static final String KEYSPACE = "payledger_it";
  private static ActorSystem<Void> system;
  private static CassandraSession session;
  private static CassandraSettlementStore store;

  @TempDir
  Path dir;

  @BeforeAll
  static void start() throws Exception {
    Config config = ConfigFactory.parseString("pekko.actor.provider = local")
        .withFallback(TestConfigs.service("pekko.persistence.cassandra.journal.keyspace = " + KEYSPACE)).resolve();
    system = ActorSystem.create(Behaviors.empty(), "settlement-staging-it", config);
    session = CassandraSessionRegistry.get(system).sessionFor("pekko.persistence.cassandra");
    Schema.create(session, KEYSPACE, 1).toCompletableFuture().get(3, TimeUnit.MINUTES);
    store = new CassandraSettlementStore(session, KEYSPACE);
  }

  @AfterAll
  static void stop() {
    system.terminate();
  }

  private static List<SettlementLine> read(ImportRecord record) throws Exception {
    return store.lines(record).runWith(Sink.seq(), system).toCompletableFuture().get(1, TimeUnit.MINUTES);
  }

  @Test
  void aFileIsStagedAsChunksAndReadBackWholeInOrder() throws Exception {
    String batch = Ids.unique("po");
    String text = SettlementFiles.text("generic", SettlementImportTest.lines(batch, 25_000, 1_000), Faults.NONE);
    Spool spool = Spool.of(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), dir);
    SettlementImport.Outcome outcome = new SettlementImport(store, Clock.systemUTC(), 4)
        .importFile(spool, "f.csv", (staged, total) -> { });
    ImportRecord record = outcome.record();
    assertEquals(25_001, record.lines());

    List<SettlementLine> expected = new java.util.ArrayList<>();
    try (SettlementReader reader = SettlementReader.open(new java.io.StringReader(text))) {
      reader.forEachRemaining(expected::add);
    }
    assertEquals(expected, read(record));
    assertEquals(3, session.selectAll("SELECT chunk FROM " + KEYSPACE + ".stl_chunks WHERE import_id = ?"
        + " AND chunk IN (0, 1, 2, 3) ", record.importId()).toCompletableFuture().get().size());
    assertFalse(session.selectOne("SELECT ordinal FROM " + KEYSPACE + ".stl_lines WHERE import_id = ? AND part = 0"
        + " LIMIT 1", record.importId()).toCompletableFuture().get().isPresent(), "no row per line");
  }

  @Test
  void anImportStagedAsRowsBeforeChunksStillReads() throws Exception {
    String id = "stl-" + Ids.unique("rows");
    Instant at = Instant.parse("2026-11-02T08:00:00Z");
    List<SettlementLine> lines = List.of(
        new SettlementLine(2, "adyen", "Shop:1", "m1", SettlementKind.PAYMENT, List.of("8816"), "order-1", "card",
            at, new Money(1_000, "USD"), new Money(20, "EUR"), new Money(894, "EUR"), new java.math.BigDecimal("0.9137")),
        new SettlementLine(3, "adyen", "Shop:1", null, SettlementKind.PAYOUT, List.of(), null, null, at,
            new Money(-894, "EUR"), new Money(0, "EUR"), new Money(-894, "EUR"), null));
    long ordinal = 0;
    for (SettlementLine l : lines) {
      session.executeWrite("INSERT INTO " + KEYSPACE + ".stl_lines (import_id, part, ordinal, line, gateway, batch_id,"
              + " line_id, kind, refs, merchant_ref, method, occurred_at, gross, gross_currency, fee, net,"
              + " net_currency, rate) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", id, 0, ordinal++,
          l.line(), l.gateway(), l.batch(), l.lineId(), l.kind().name(), l.references(), l.merchantReference(),
          l.method(), l.occurredAt(), l.gross().value(), l.gross().currency(), l.fee().value(), l.net().value(),
          l.net().currency(), l.exchangeRate()).toCompletableFuture().get();
    }
    ImportRecord record = new ImportRecord(id, "0", "old.csv", "adyen", ImportRecord.Status.COMPLETE, 2, 2,
        List.of("adyen/Shop:1"), at, at);
    assertEquals(lines, read(record));
  }

  private static LineMatch match(String gateway, long line, String orderId, String paymentId, Instant journaled) {
    SettlementLine l = new SettlementLine(line, gateway, "Shop:1", "m" + line, SettlementKind.PAYMENT,
        List.of(paymentId), orderId, "card", journaled, new Money(1_000, "EUR"), new Money(25, "EUR"),
        new Money(975, "EUR"), null);
    return new LineMatch(l, payment(gateway, paymentId, orderId, journaled), true, null);
  }

  private static LedgerPayment payment(String gateway, String paymentId, String orderId, Instant journaled) {
    return new LedgerPayment(gateway, paymentId, gateway + ":" + paymentId, orderId,
        payledger.order.PaymentEventType.SUCCEEDED, new Money(1_000, "EUR"), "card", journaled);
  }

  private static <T, K> List<SetParts.Group<K>> groups(List<T> sorted, int perPart,
      java.util.function.Function<T, K> groupOf, java.util.function.Function<T, String> key,
      java.util.function.Function<List<T>, byte[]> encode) {
    List<SetParts.Group<K>> groups = new java.util.ArrayList<>();
    SetParts.cut(sorted.iterator(), perPart, groupOf, key, encode).forEachRemaining(groups::add);
    return groups;
  }

  @Test
  void aRunsBlobsAreReadBesideRowsOfRunsBeforeThemAndAShorterRerunsLeftoversAreNot() throws Exception {
    String gateway = "gw" + Ids.letters(8);
    String orderId = "order-" + Ids.unique("o");
    Instant journaled = Instant.parse("2026-11-02T08:00:00Z");
    String day = "2026-11-02";
    session.executeWrite("INSERT INTO " + KEYSPACE + ".stl_order_lines_by_bucket (bucket, order_id, import_id, line,"
        + " gateway, batch_id, kind, payment_id, method, gross, gross_currency, fee, net, net_currency, matched,"
        + " occurred_at) VALUES (?, ?, 'stl-old', 9, ?, 'Shop:0', 'PAYMENT', 'p0', 'card', 500, 'EUR', 10, 490,"
        + " 'EUR', true, ?)", OrderLineSets.bucket(orderId), orderId, gateway, journaled).toCompletableFuture().get();
    List<LedgerPayment> payments = List.of(payment(gateway, "p0", orderId, journaled),
        payment(gateway, "p1", orderId, journaled), payment(gateway, "p2", orderId, journaled),
        payment(gateway, "p3", orderId, journaled));
    store.recordPayments(payments).toCompletableFuture().get();
    session.executeWrite("INSERT INTO " + KEYSPACE + ".stl_settled_by_day (day, gateway, payment_id, event_key,"
        + " import_id) VALUES (?, ?, 'p0', ?, 'stl-old')", day, gateway, gateway + ":p0").toCompletableFuture().get();

    List<LineMatch> first = List.of(match(gateway, 2, orderId, "p1", journaled),
        match(gateway, 3, orderId, "p2", journaled), match(gateway, 4, orderId, "p3", journaled));
    save("stl-new", Instant.parse("2026-12-07T10:00:00Z"), first, 1);
    assertEquals(List.of("stl-new/2", "stl-new/3", "stl-new/4", "stl-old/9"), lines(orderId));
    assertEquals(List.<String>of(), unsettled(day, gateway));

    save("stl-new", Instant.parse("2026-12-07T11:00:00Z"), first.subList(0, 1), 1);
    assertEquals(List.of("stl-new/2", "stl-old/9"), lines(orderId), "the re-run's one part, not the leftovers");
    assertEquals(List.of("p2", "p3"), unsettled(day, gateway));
    assertEquals(3, session.selectAll("SELECT part FROM " + KEYSPACE + ".stl_order_line_sets WHERE bucket = ?"
        + " AND month = '2026-11' AND import_id = 'stl-new'", OrderLineSets.bucket(orderId))
        .toCompletableFuture().get().size(), "the first run's parts are still there, unread");
  }

  private static void save(String importId, Instant runAt, List<LineMatch> matches, int perPart) throws Exception {
    List<OrderLineSets.Entry> entries = matches.stream().map(m -> OrderLineSets.Entry.of(importId, m))
        .sorted(OrderLineSets.ORDER).toList();
    List<SettledSets.Key> keys = matches.stream().map(SettledSets.Key::of).sorted(SettledSets.ORDER).toList();
    store.saveOrderLines(importId, runAt, groups(entries, perPart, OrderLineSets.Entry::key,
        OrderLineSets.Entry::orderId, OrderLineSets::encode)).toCompletableFuture().get();
    store.saveSettledSets(importId, runAt, groups(keys, perPart, SettledSets.Key::group,
        k -> k.paymentId() + "\u0000" + k.eventKey(), SettledSets::encode)).toCompletableFuture().get();
  }

  private static List<String> lines(String orderId) throws Exception {
    return store.orderSettlement(orderId).toCompletableFuture().get(1, TimeUnit.MINUTES).lines().stream()
        .map(l -> l.importId() + "/" + l.line()).sorted().toList();
  }

  private static List<String> unsettled(String day, String gateway) throws Exception {
    return store.unsettledOn(day, gateway).runWith(Sink.seq(), system).toCompletableFuture()
        .get(1, TimeUnit.MINUTES).stream().map(LedgerPayment::paymentId).toList();
  }
}
