package payledger.audit;

import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.uuid.Uuids;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.NotUsed;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSession;
import org.apache.pekko.stream.javadsl.Source;
import scala.util.Try;

/**
 * Reads the journal table ({@code messages}, see {@code cassandra/schema.cql}) row by row, as it is
 * stored: the audit must see deleted, duplicated and undecodable rows that Pekko's own replay would
 * hide or fail on. Streams are paged by the driver and backpressured, so memory stays flat whatever
 * the journal's size.
 */
public final class CassandraJournal {

  private static final String COLUMNS =
      "persistence_id, partition_nr, sequence_nr, timestamp, ser_id, ser_manifest, event";

  /** A row with its bytes still serialized: cheap to move; {@link #decode} is the costly part. */
  public record RawRow(String persistenceId, long partitionNr, long seqNr, Instant timestamp,
      int serId, String serManifest, byte[] bytes) {}

  private final CassandraSession session;
  private final String keyspace;
  private final Serialization serialization;
  private final int pageSize;

  public CassandraJournal(
      CassandraSession session, String keyspace, Serialization serialization, int pageSize) {
    this.session = session;
    this.keyspace = keyspace;
    this.serialization = serialization;
    this.pageSize = pageSize;
  }

  /**
   * Every audited entity's rows, one list per entity, read as {@code slices} scans of disjoint
   * token ranges at once (a partition lies in exactly one range, so an entity is never split).
   * Entities of different slices interleave; each entity's rows stay together and in order.
   */
  public Source<List<RawRow>, NotUsed> entities(int slices) {
    return Source.from(tokenRanges(slices))
        .flatMapMerge(slices, range -> EntityRows.group(session.select(SimpleStatement.newInstance(
                "SELECT " + COLUMNS + " FROM " + keyspace + ".messages WHERE "
                    + "token(persistence_id, partition_nr) >= ? AND token(persistence_id, partition_nr) <= ?",
                range.first(), range.second()).setPageSize(pageSize))
            .map(CassandraJournal::raw)));
  }

  /** The Murmur3 token ring [-2^63, 2^63 - 1] cut into {@code slices} inclusive ranges. */
  static List<Pair<Long, Long>> tokenRanges(int slices) {
    java.math.BigInteger min = java.math.BigInteger.valueOf(Long.MIN_VALUE);
    java.math.BigInteger width = java.math.BigInteger.ONE.shiftLeft(64).divide(java.math.BigInteger.valueOf(slices));
    List<Pair<Long, Long>> ranges = new java.util.ArrayList<>();
    for (int i = 0; i < slices; i++) {
      long start = min.add(width.multiply(java.math.BigInteger.valueOf(i))).longValueExact();
      long end = i == slices - 1 ? Long.MAX_VALUE
          : min.add(width.multiply(java.math.BigInteger.valueOf(i + 1))).longValueExact() - 1;
      ranges.add(Pair.create(start, end));
    }
    return ranges;
  }

  /** One entity's rows, partition by partition until an empty one (as the journal plugin reads). */
  public Source<RawRow, NotUsed> entity(String persistenceId) {
    return Source.unfoldAsync(0L, partition -> session.selectAll(SimpleStatement.newInstance(
                "SELECT " + COLUMNS + " FROM " + keyspace
                    + ".messages WHERE persistence_id = ? AND partition_nr = ?",
                persistenceId, partition).setPageSize(pageSize))
            .thenApply(rows -> rows.isEmpty()
                ? Optional.<Pair<Long, List<Row>>>empty()
                : Optional.of(Pair.create(partition + 1, rows))))
        .mapConcat(rows -> rows)
        .map(CassandraJournal::raw);
  }

  /** Deserializes a row with the service's own serializers; a failure is kept, not thrown. */
  public JournalRow decode(RawRow raw) {
    Try<Object> payload = serialization.deserialize(raw.bytes(), raw.serId(), raw.serManifest());
    return payload.isSuccess()
        ? new JournalRow(raw.persistenceId(), raw.seqNr(), raw.timestamp(), payload.get(), null)
        : new JournalRow(raw.persistenceId(), raw.seqNr(), raw.timestamp(), null,
            String.valueOf(payload.failed().get().getMessage()));
  }

  private static RawRow raw(Row row) {
    ByteBuffer event = row.getByteBuffer("event");
    byte[] bytes = new byte[event == null ? 0 : event.remaining()];
    if (event != null) {
      event.duplicate().get(bytes);
    }
    return new RawRow(row.getString("persistence_id"), row.getLong("partition_nr"),
        row.getLong("sequence_nr"), Instant.ofEpochMilli(Uuids.unixTimestamp(row.getUuid("timestamp"))),
        row.getInt("ser_id"), row.getString("ser_manifest"), bytes);
  }
}
