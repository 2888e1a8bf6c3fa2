package payledger.vendor;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSession;

/**
 * {@link VendorCaseList} on {@code web_vendor_cases} (see {@code cassandra/read-side.cql}), one
 * partition per vendor. The table is the one the portal first kept for the cases reported through
 * its form: their rows stay and are listed with the rest.
 */
public final class CassandraVendorCaseList implements VendorCaseList {

  private final CassandraSession session;
  private final String keyspace;

  public CassandraVendorCaseList(CassandraSession session, String keyspace) {
    this.session = session;
    this.keyspace = keyspace;
  }

  @Override
  public CompletionStage<Done> add(String vendorId, String disputeId, Instant openedAt) {
    return session.executeWrite("INSERT INTO " + keyspace + ".web_vendor_cases (vendor_id,"
        + " dispute_id, reported_at) VALUES (?, ?, ?)", vendorId, disputeId, openedAt);
  }

  @Override
  public CompletionStage<List<String>> of(String vendorId) {
    return session.selectAll("SELECT dispute_id FROM " + keyspace
            + ".web_vendor_cases WHERE vendor_id = ? LIMIT " + LIMIT, vendorId)
        .thenApply(rows -> rows.stream().map(r -> r.getString("dispute_id")).toList());
  }
}
