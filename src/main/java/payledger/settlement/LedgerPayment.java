package payledger.settlement;

import java.time.Instant;
import payledger.money.Money;
import payledger.order.PaymentEventType;

/**
 * What the ledger journaled about one gateway payment id, as the settlement projection keeps it:
 * the order, the event's type and amount, the method and when it was journaled.
 *
 * @param eventKey the event's deduplication key ({@code gateway:eventId})
 */
public record LedgerPayment(String gateway, String paymentId, String eventKey, String orderId,
    PaymentEventType type, Money amount, String method, Instant journaledAt) {}
