package payledger.gateway;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One request as a gateway sent it: the raw body (signatures are over these bytes) and its headers.
 *
 * @param headers by lower-case name, the first value of each
 */
public record Delivery(byte[] body, Map<String, String> headers) {

  public Delivery {
    headers = Map.copyOf(headers);
  }

  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
  }
}
