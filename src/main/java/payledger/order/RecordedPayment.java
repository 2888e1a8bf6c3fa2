package payledger.order;

import java.time.Instant;
import payledger.serialization.CborSerializable;

/** A gateway event as the ledger holds it: with the ledger's own time of recording. */
public record RecordedPayment(PaymentEvent event, Instant recordedAt) implements CborSerializable {

  public boolean is(PaymentEventType type) {
    return event.type() == type;
  }
}
