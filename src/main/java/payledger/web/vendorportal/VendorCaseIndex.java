package payledger.web.vendorportal;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSession;

/**
 * The cases a vendor reported through the portal ({@code web_vendor_cases}, read-side.cql), so
 * its issues page can list them: the dispute read model has no vendor column. The row is written
 * before the case is opened, so a case that opened is always listed; an id whose case never
 * opened is skipped by the page. An upsert: a repeated report writes the same row.
 */
final class VendorCaseIndex {

  /** At most this many cases are listed (the newest first, by when they were reported). */
  static final int LIMIT = 200;

  private final CassandraSession session;
  private final String keyspace;

  VendorCaseIndex(CassandraSession session, String keyspace) {
    this.session = session;
    this.keyspace = keyspace;
  }

  CompletionStage<Done> add(String vendorId, String disputeId, Instant at) {
    return session.executeWrite("INSERT INTO " + keyspace + ".web_vendor_cases (vendor_id,"
        + " dispute_id, reported_at) VALUES (?, ?, ?)", vendorId, disputeId, at);
  }

  /** The ids of the vendor's reported cases. */
  CompletionStage<List<String>> of(String vendorId) {
    return session.selectAll("SELECT dispute_id FROM " + keyspace
            + ".web_vendor_cases WHERE vendor_id = ? LIMIT " + LIMIT, vendorId)
        .thenApply(rows -> rows.stream().map(r -> r.getString("dispute_id")).toList());
  }
}
