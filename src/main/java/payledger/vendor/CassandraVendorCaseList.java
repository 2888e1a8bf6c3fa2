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

  /**
   * The vendor's whole partition, two small columns a row (the driver pages through it): the
   * table is clustered by case id, so the newest are only known once all are read. The page's
   * cases are then read one by one, at most a page of them.
   */
  @Override
  public CompletionStage<List<Listed>> all(String vendorId) {
    return session.selectAll("SELECT dispute_id, reported_at FROM " + keyspace
            + ".web_vendor_cases WHERE vendor_id = ?", vendorId)
        .thenApply(rows -> rows.stream().map(r -> new Listed(r.getString("dispute_id"),
            r.getInstant("reported_at"))).toList());
  }
}
