package payledger.gateway;

import payledger.order.PaymentEvent;

/** What a gateway message means for the ledger: one normalized event, or nothing (and why). */
public sealed interface Mapped {

  record Event(PaymentEvent event) implements Mapped {}

  /** Acknowledged, counted, not recorded: an event type the ledger does not use, or a redundant copy. */
  record Ignored(String eventType, String reason) implements Mapped {}
}
