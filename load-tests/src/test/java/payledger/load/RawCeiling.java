package payledger.load;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.uuid.Uuids;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The raw write ceiling of this machine's Cassandra node: journal-sized rows (the journal's own
 * table layout, a 400-byte event, one tag) written straight through the Java driver, prepared,
 * asynchronous, with a bounded number in flight, at the journal's consistency level. What the
 * service could reach if it did nothing but write its journal.
 */
final class RawCeiling {

  static final int EVENT_BYTES = 400;

  record Result(long rows, double seconds, double rowsPerSecond, long p50Micros, long p99Micros) {}

  private RawCeiling() {}

  static Result measure(CqlSession session, long rows, int inFlight) throws InterruptedException {
    session.execute(SimpleStatement.newInstance("CREATE KEYSPACE IF NOT EXISTS payledger_bench WITH "
        + "replication = {'class': 'SimpleStrategy', 'replication_factor': 1}").setTimeout(Duration.ofSeconds(30)));
    session.execute(SimpleStatement.newInstance("""
        CREATE TABLE IF NOT EXISTS payledger_bench.raw_messages (
          persistence_id text, partition_nr bigint, sequence_nr bigint, timestamp timeuuid,
          timebucket text, writer_uuid text, ser_id int, ser_manifest text, event_manifest text,
          event blob, tags set<text>,
          PRIMARY KEY ((persistence_id, partition_nr), sequence_nr, timestamp))""")
        .setTimeout(Duration.ofSeconds(30)));
    PreparedStatement insert = session.prepare("""
        INSERT INTO payledger_bench.raw_messages (persistence_id, partition_nr, sequence_nr,
          timestamp, timebucket, writer_uuid, ser_id, ser_manifest, event_manifest, event, tags)
        VALUES (?, 0, ?, ?, ?, ?, 33, 'payledger.order.OrderEvent$PaymentRecorded', '', ?, ?)""");
    byte[] event = new byte[EVENT_BYTES];
    new Random(42).nextBytes(event);
    String run = Long.toString(System.currentTimeMillis(), 36);
    Semaphore permits = new Semaphore(inFlight);
    long[] latencies = new long[(int) rows];
    AtomicLong failed = new AtomicLong();
    AtomicReference<Throwable> firstFailure = new AtomicReference<>();
    long start = System.nanoTime();
    for (int i = 0; i < rows; i++) {
      permits.acquire();
      int index = i;
      long sent = System.nanoTime();
      session.executeAsync(insert.bind("OrderLedger|raw-" + run + "-" + i / 2, (long) (i % 2 + 1),
              Uuids.timeBased(), "20261122T16", run, ByteBuffer.wrap(event), Set.of("orders-" + i % 4))
              .setConsistencyLevel(ConsistencyLevel.QUORUM)
              // not the driver's 2 s: on a box busy with other builds a write queued behind 256
              // others took longer, and one timeout ended the whole run (the rate shows the wait)
              .setTimeout(Duration.ofSeconds(10)))
          .whenComplete((result, failure) -> {
            latencies[index] = (System.nanoTime() - sent) / 1_000;
            if (failure != null && failed.incrementAndGet() == 1) {
              firstFailure.set(failure);
            }
            permits.release();
          });
    }
    permits.acquire(inFlight);
    double seconds = (System.nanoTime() - start) / 1e9;
    if (failed.get() > 0) {
      throw new IllegalStateException(failed.get() + " raw writes failed", firstFailure.get());
    }
    Arrays.sort(latencies);
    return new Result(rows, seconds, rows / seconds,
        latencies[(int) (rows * 0.50)], latencies[(int) Math.min(rows - 1, rows * 0.99)]);
  }

  static void drop(CqlSession session) {
    session.execute(SimpleStatement.newInstance("DROP TABLE IF EXISTS payledger_bench.raw_messages")
        .setTimeout(Duration.ofSeconds(60)));
  }

  /**
   * A fresh keyspace for each run: an earlier run's orders would otherwise be woken by their
   * deadlines (payment grace, one hour after each order) in the middle of this one.
   */
  static void dropKeyspace(CqlSession session) {
    session.execute(SimpleStatement.newInstance("DROP KEYSPACE IF EXISTS payledger_bench")
        .setTimeout(Duration.ofSeconds(120)));
  }
}
