package payledger.gateway;

import java.util.List;

/** What a gateway made of a parsed delivery. */
public sealed interface Received {

  /** Not authentic (a signature in the body does not verify): 400, nothing stored. */
  record Refused(String reason) implements Received {}

  /** Every message of the delivery, mapped, in order: the delivery is accepted only once all are recorded. */
  record Messages(List<Mapped> mapped) implements Received {
    public Messages {
      mapped = List.copyOf(mapped);
    }
  }
}
