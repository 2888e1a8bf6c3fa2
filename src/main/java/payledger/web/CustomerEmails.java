package payledger.web;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSession;
import payledger.order.OrderEvent;
import payledger.order.OrderState;
import payledger.readmodel.OrderFollower;

/**
 * Which customers an email address belongs to, for the portal's sign-in and the console's search:
 * {@code web_customer_emails}, fed from each order's invoice as the order projection registers it
 * (an {@link OrderFollower} on its one pass; an idempotent upsert, so a redelivered or rebuilt pass
 * writes the same row). Addresses are kept lower-cased and trimmed. A customer whose invoices used
 * two addresses is found by both.
 */
public final class CustomerEmails implements OrderFollower {

  private final CassandraSession session;
  private final String keyspace;

  public CustomerEmails(CassandraSession session, String keyspace) {
    this.session = session;
    this.keyspace = keyspace;
  }

  public static String normalize(String email) {
    return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
  }

  @Override
  public CompletionStage<Done> follow(OrderState before, List<OrderEvent> events, OrderState after) {
    boolean registered = events.stream().anyMatch(e -> e instanceof OrderEvent.OrderRegistered);
    var invoice = after.facts().invoice();
    if (!registered || invoice == null || invoice.customerEmail() == null
        || invoice.customerEmail().isBlank()) {
      return CompletableFuture.completedFuture(Done.getInstance());
    }
    return session.executeWrite("INSERT INTO " + keyspace + ".web_customer_emails (email,"
            + " customer_id, order_id) VALUES (?, ?, ?)",
        normalize(invoice.customerEmail()), invoice.customerId(), after.orderId());
  }

  /** The customers of an address, each with one of their orders (whose invoice names their contact). */
  public CompletionStage<List<Known>> lookup(String email) {
    return session.selectAll("SELECT customer_id, order_id FROM " + keyspace
            + ".web_customer_emails WHERE email = ?", normalize(email))
        .thenApply(rows -> rows.stream()
            .map(r -> new Known(r.getString("customer_id"), r.getString("order_id"))).toList());
  }

  /** A customer of an address, and an order of theirs. */
  public record Known(String customerId, String orderId) {}
}
