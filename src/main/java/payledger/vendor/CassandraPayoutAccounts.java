package payledger.vendor;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSession;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSessionRegistry;

/**
 * {@link PayoutAccounts} on {@code vendor_payout_accounts} (see {@code cassandra/read-side.cql}),
 * keyed by (gateway, account). A link is a lightweight transaction ({@code IF NOT EXISTS}), so two
 * vendors can never both claim one account, even when linked at the same moment on two nodes.
 */
public final class CassandraPayoutAccounts implements PayoutAccounts {

  private final CassandraSession session;
  private final String keyspace;

  public CassandraPayoutAccounts(CassandraSession session, String keyspace) {
    this.session = session;
    this.keyspace = keyspace;
  }

  /**
   * Connected on first use: a node without the table's keyspace (a test of the routes alone) never
   * opens a session for it.
   */
  public static PayoutAccounts lazy(ActorSystem<?> system) {
    Supplier<PayoutAccounts> accounts = new Supplier<>() {
      private PayoutAccounts made;

      @Override
      public synchronized PayoutAccounts get() {
        if (made == null) {
          made = new CassandraPayoutAccounts(
              CassandraSessionRegistry.get(system).sessionFor("pekko.persistence.cassandra"),
              system.settings().config().getString("pekko.persistence.cassandra.journal.keyspace"));
        }
        return made;
      }
    };
    return new PayoutAccounts() {
      @Override
      public CompletionStage<Linked> link(String gateway, String account, String vendorId) {
        return accounts.get().link(gateway, account, vendorId);
      }

      @Override
      public CompletionStage<Optional<String>> vendorOf(String gateway, String account) {
        return accounts.get().vendorOf(gateway, account);
      }
    };
  }

  @Override
  public CompletionStage<Linked> link(String gateway, String account, String vendorId) {
    return session.selectOne("INSERT INTO " + keyspace + ".vendor_payout_accounts"
                + " (gateway, account, vendor_id, linked_at) VALUES (?, ?, ?, ?) IF NOT EXISTS",
            gateway, account, vendorId, Instant.now())
        .thenApply(row -> {
          if (row.isEmpty() || row.get().getBoolean("[applied]")) {
            return Linked.LINKED;
          }
          return vendorId.equals(row.get().getString("vendor_id")) ? Linked.ALREADY : Linked.OTHER_VENDOR;
        });
  }

  @Override
  public CompletionStage<Optional<String>> vendorOf(String gateway, String account) {
    return session.selectOne("SELECT vendor_id FROM " + keyspace
            + ".vendor_payout_accounts WHERE gateway = ? AND account = ?", gateway, account)
        .thenApply(row -> row.map(r -> r.getString("vendor_id")));
  }
}
