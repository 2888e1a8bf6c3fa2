package payledger.audit;

import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.uuid.Uuids;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSession;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSessionRegistry;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import payledger.cassandra.LocalCassandra;
import payledger.cassandra.Schema;
import payledger.chain.ChainedEvent;
import payledger.order.Fixtures;
import payledger.order.OrderEvent;
import payledger.order.PaymentEventType;

/**
 * The audit benchmark (load-tests/audit-benchmark.sh), not a unit test: seeds a journal of N events
 * (default 100,000: orders of five chained events, rows as the journal plugin stores them) in
 * keyspace {@code payledger_bench}, then measures the NDJSON export and a full verification, each
 * with the heap it needed. Run it with a small heap: an export that held the range would not fit.
 */
public final class AuditBenchmark {

  private static final String KEYSPACE = "payledger_bench";

  public static void main(String[] args) throws Exception {
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    LocalCassandra.ensureRunning(Path.of(System.getProperty("user.dir")));
    Config config = ConfigFactory.parseString("""
            pekko.actor.provider = local
            pekko.loglevel = WARNING
            pekko.persistence.cassandra.journal.keyspace = %s
            """.formatted(KEYSPACE))
        .withFallback(ConfigFactory.load()).resolve();
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "audit-bench", config);
    try {
      CassandraSession session = CassandraSessionRegistry.get(system).sessionFor("pekko.persistence.cassandra");
      Schema.create(session, KEYSPACE, 1).toCompletableFuture().get(3, TimeUnit.MINUTES);
      long t0 = System.nanoTime();
      if (!Boolean.getBoolean("bench.reuse")) { // -Dbench.reuse=true: measure the journal seeded last time
        session.executeWrite(SimpleStatement.newInstance("DROP TABLE IF EXISTS " + KEYSPACE + ".messages")
            .setTimeout(Duration.ofMinutes(2))).toCompletableFuture().get(3, TimeUnit.MINUTES);
        Schema.create(session, KEYSPACE, 1).toCompletableFuture().get(3, TimeUnit.MINUTES);
        seed(system, session, events / 5);
        report("seeded (CQL inserts, 64 in flight)", events, t0, 0);
      }
      Audit audit = AuditSetup.offline(system, config);
      long maxHeap = Runtime.getRuntime().maxMemory();

      // Baseline of this run: the same parallel paged scan of the journal table, rows grouped by
      // entity but not deserialized.
      CassandraJournal raw = new CassandraJournal(session, KEYSPACE, SerializationExtension.get(system),
          config.getInt("payledger.audit.page-size"));
      t0 = System.nanoTime();
      long scanned = raw.entities(config.getInt("payledger.audit.parallelism"))
          .runWith(Sink.fold(0L, (n, rows) -> n + rows.size()), system)
          .toCompletableFuture().get(30, TimeUnit.MINUTES);
      double scanRate = report("raw journal scan (baseline)", scanned, t0, 0);

      resetPeaks();
      t0 = System.nanoTime();
      long[] counted = audit.export(Scope.everything())
          .runWith(Sink.fold(new long[2], (acc, bytes) -> {
            acc[1] += bytes.size();
            for (byte b : bytes.toArrayUnsafe()) {
              if (b == '\n') {
                acc[0]++;
              }
            }
            return acc;
          }), system).toCompletableFuture().get(30, TimeUnit.MINUTES);
      double exportRate = report("NDJSON export", counted[0], t0, peakAfterGc());
      System.out.printf("  %,d bytes of NDJSON streamed with -Xmx %,d bytes%n", counted[1], maxHeap);
      if (counted[0] != scanned) {
        throw new AssertionError("exported " + counted[0] + " of " + scanned + " events");
      }

      resetPeaks();
      t0 = System.nanoTime();
      VerifyReport verified = audit.verifyReport(Scope.everything()).toCompletableFuture()
          .get(30, TimeUnit.MINUTES).orElseThrow();
      double verifyRate = report("full verification", verified.eventsChecked(), t0, peakAfterGc());
      System.out.printf("  ratios to the raw scan: export %.2f, verification %.2f%n",
          exportRate / scanRate, verifyRate / scanRate);
      System.out.printf("  %,d entities, ok=%s, compared %s%n", verified.entitiesChecked(),
          verified.ok(), verified.compared());
      if (!verified.ok() || verified.eventsChecked() != scanned) {
        throw new AssertionError("verification: " + verified);
      }
    } finally {
      system.terminate();
    }
  }

  /** Orders of five events each, chained, with the journal plugin's columns. */
  private static void seed(ActorSystem<?> system, CassandraSession session, int orders) throws Exception {
    PreparedStatement insert = session.prepare("INSERT INTO " + KEYSPACE + ".messages (persistence_id, "
        + "partition_nr, sequence_nr, timestamp, timebucket, writer_uuid, ser_id, ser_manifest, "
        + "event_manifest, event, tags) VALUES (?, 0, ?, ?, ?, 'bench', ?, ?, ?, ?, ?)")
        .toCompletableFuture().get();
    Serialization serialization = SerializationExtension.get(system);
    Instant past = Instant.now().minus(30, ChronoUnit.DAYS); // wake-ups long past, as in history
    Source.range(1, orders)
        .mapConcat(i -> rows(i, past))
        .mapAsyncUnordered(64, row -> {
          Serializer serializer = serialization.findSerializerFor(row.chained());
          return session.executeWrite(insert.bind("OrderLedger|bench-" + row.order(), row.seqNr(),
              Uuids.timeBased(), "bench", serializer.identifier(),
              Serializers.manifestFor(serializer, row.chained()), row.manifest(),
              ByteBuffer.wrap(serializer.toBinary(row.chained())), Set.of("orders-0")));
        })
        .runWith(Sink.ignore(), system).toCompletableFuture().get(30, TimeUnit.MINUTES);
  }

  private record Row(int order, long seqNr, ChainedEvent chained, String manifest) {}

  private static List<Row> rows(int order, Instant at) {
    String id = "bench-" + order;
    List<OrderEvent> events = List.of(
        new OrderEvent.OrderRegistered(id, Fixtures.invoice(), at),
        new OrderEvent.PaymentRecorded(id, Fixtures.event(id + "-1", PaymentEventType.SUCCEEDED, 1000).withOrderId(id), at),
        new OrderEvent.DisputeNoted(id, "PL-" + order, "DOUBLE_CHARGE", at),
        new OrderEvent.PaymentRecorded(id, Fixtures.event(id + "-2", PaymentEventType.SUCCEEDED, 2090).withOrderId(id), at),
        new OrderEvent.DisputeNoted(id, "PL-" + order + "-b", "MISSING_PAYMENT", at));
    List<Row> rows = new ArrayList<>();
    String prev = null;
    for (int i = 0; i < events.size(); i++) {
      ChainedEvent chained = ChainedEvent.of(prev, events.get(i));
      rows.add(new Row(order, i + 1, chained, events.get(i).getClass().getName()));
      prev = chained.hash();
    }
    return rows;
  }

  private static double report(String what, long events, long startNanos, long peakHeap) {
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    System.out.printf("%-38s %,9d events in %6.2f s = %,8.0f events/s%s%n", what, events, seconds,
        events / seconds, peakHeap == 0 ? "" : String.format("  (heap after GC, peak: %,d MB)", peakHeap >> 20));
    return events / seconds;
  }

  private static void resetPeaks() {
    System.gc();
    ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
  }

  /** The most heap any collection left live during the run: what the run really needed. */
  private static long peakAfterGc() {
    return ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP && p.getCollectionUsage() != null)
        .mapToLong(p -> p.getCollectionUsage().getUsed()).sum();
  }
}
