package payledger.gateway;

import java.util.Map;

/** The answer a gateway expects once its delivery is recorded (failures are answered by the HTTP edge). */
public sealed interface Reply {

  /**
   * The ledger's own answer for one event, as the generic format defines it: 201 journaled now, 200
   * journaled before (with the accepted event), 409 a different event under its id.
   */
  record Standard(PaymentIngestion.Outcome outcome) implements Reply {}

  /** A JSON body of the gateway's own shape. */
  record Json(int status, Map<String, Object> body) implements Reply {}

  /** A plain-text body, such as Adyen's {@code [accepted]}. */
  record Text(int status, String body) implements Reply {}
}
