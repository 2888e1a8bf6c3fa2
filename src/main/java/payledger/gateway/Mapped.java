package payledger.gateway;

import payledger.order.PaymentEvent;

/** What a gateway message means for the ledger: one normalized event, or nothing (and why). */
public sealed interface Mapped {

  /** @param dispute set when the message is about a dispute: the case to open or update */
  record Event(PaymentEvent event, GatewayDispute dispute) implements Mapped {
    public Event(PaymentEvent event) {
      this(event, null);
    }
  }

  /** Acknowledged, counted, not recorded: an event type the ledger does not use, or a redundant copy. */
  record Ignored(String eventType, String reason) implements Mapped {}
}
