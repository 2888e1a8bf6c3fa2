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
 * still reads.
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
}
