package payledger.fraud;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What the rules see of one payment event: the event, the recent payments of its customer, card
 * and email (newest first or in any order; each may hold the event itself, and on a replay later
 * events too: the rules look only at what came before it), and the order's sources so far.
 *
 * @param orderGateways the gateways of the order's payment attempts, this one included
 * @param orderCards the card fingerprints of the order's payment attempts, this one included
 */
public record RiskContext(PaymentFact payment, List<PaymentFact> customer, List<PaymentFact> card,
    List<PaymentFact> email, Set<String> orderGateways, Set<String> orderCards) {

  public RiskContext {
    Objects.requireNonNull(payment, "payment");
    customer = List.copyOf(customer);
    card = List.copyOf(card);
    email = List.copyOf(email);
    orderGateways = Set.copyOf(orderGateways);
    orderCards = Set.copyOf(orderCards);
  }

  /** A payment with no history and its order's sources from itself alone. */
  public static RiskContext alone(PaymentFact payment) {
    return new RiskContext(payment, List.of(), List.of(), List.of(),
        payment.orderId() == null || !payment.attempt() ? Set.of() : Set.of(payment.gateway()),
        payment.orderId() == null || !payment.attempt() || payment.fingerprint() == null
            ? Set.of() : Set.of(payment.fingerprint()));
  }
}
