package payledger.web.console;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import payledger.gateway.AdyenNotifications;
import payledger.gateway.StripeEvents;
import payledger.settlement.LedgerPayment;
import payledger.settlement.SettlementStore;

/**
 * Search by gateway payment id (a Stripe {@code pi_…}, an Adyen PSP reference, or
 * {@code gateway:paymentId} for a gateway that posts the generic format): the orders whose
 * payments, refunds or chargebacks carry it, through what the settlement projection already keeps
 * by (gateway, payment id) ({@link SettlementStore#ledger}, table {@code stl_payments}). A bare id
 * is looked up under the gateways with webhooks of their own (Stripe, Adyen); any other gateway is
 * named before a colon. Found once the settlement projection has read the payment.
 */
final class PaymentSearch {

  /** A gateway's name before the payment id: {@code testpay:pay-123}. */
  private static final Pattern NAMED = Pattern.compile("([A-Za-z0-9][A-Za-z0-9._\\-]{0,63}):(\\S{1,200})");
  private static final Pattern BARE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:\\-]{2,199}");
  private static final List<String> OWN_WEBHOOKS = List.of(StripeEvents.GATEWAY, AdyenNotifications.GATEWAY);

  /** One (gateway, payment id) to look up. */
  record Key(String gateway, String paymentId) {}

  private final SettlementStore store;

  PaymentSearch(SettlementStore store) {
    this.store = store;
  }

  /** What a search term may name: {@code gateway:id} as written, and the bare term under Stripe and Adyen. */
  static List<Key> keys(String q) {
    List<Key> keys = new ArrayList<>();
    Matcher named = NAMED.matcher(q);
    if (named.matches()) {
      keys.add(new Key(named.group(1), named.group(2)));
    }
    if (BARE.matcher(q).matches()) {
      OWN_WEBHOOKS.forEach(gateway -> keys.add(new Key(gateway, q)));
    }
    return keys;
  }

  /** The orders (each once, in the order found) with a payment event of the term's payment id. */
  CompletionStage<List<String>> orders(String q) {
    List<CompletableFuture<List<LedgerPayment>>> found = keys(q).stream()
        .map(k -> store.ledger(k.gateway(), k.paymentId()).toCompletableFuture()).toList();
    return CompletableFuture.allOf(found.toArray(CompletableFuture[]::new)).thenApply(v -> {
      Set<String> orders = new LinkedHashSet<>();
      found.forEach(f -> f.join().forEach(p -> {
        if (p.orderId() != null) {
          orders.add(p.orderId());
        }
      }));
      return List.copyOf(orders);
    });
  }
}
