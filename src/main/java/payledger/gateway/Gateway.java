package payledger.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import payledger.gateway.PaymentIngestion.Outcome;

/**
 * One payment gateway's way into the ledger: how its deliveries are authenticated, what they mean
 * as normalized events, and what it expects back. Pure (no I/O): the HTTP edge reads the request,
 * asks the gateway, records the mapped events through {@link PaymentIngestion} and writes the
 * gateway's {@link Reply}. Gateways are registered by name in {@link Gateways}.
 *
 * <p>A delivery is checked twice: {@link #verify} on the raw bytes and headers before anything is
 * parsed (a signature over the body), then {@link #read} on the parsed body (signatures per item,
 * the mapping). Either refusal is a 400 and stores nothing.
 */
public interface Gateway {

  /** Its name: its section of gateways.conf, its label in the metrics, the gateway of its events. */
  String name();

  /** Before the body is parsed: why the delivery is refused, or empty when it may be read. */
  Optional<String> verify(Delivery delivery);

  /**
   * The parsed body of a delivery that passed {@link #verify}: refused, or every message it carries,
   * mapped. Throws {@link payledger.json.JsonFields.Invalid} for an authentic message that cannot be
   * read (400, nothing stored).
   */
  Received read(Delivery delivery, JsonNode body);

  /**
   * What the gateway expects back once every event of {@code mapped} is recorded; {@code outcomes}
   * holds one outcome per {@link Mapped.Event}, in order.
   */
  Reply answer(List<Mapped> mapped, List<Outcome> outcomes);

  /** A gateway's typed settings, read from its section of gateways.conf; they build the gateway. */
  interface Settings {
    /** {@code maxAmount}: the largest amount (minor units) an event may carry. */
    Gateway create(Clock clock, long maxAmount);
  }
}
