package payledger.gateway;

import java.util.Collection;
import java.util.Map;

/**
 * The optional {@code X-Signature} of the generic format: hex HMAC-SHA256 over the raw body, keyed with
 * the secret configured for the gateway (UTF-8). A gateway with a secret must sign; one without may not.
 */
final class GenericSignature {

  private final Map<String, String> secrets;

  public GenericSignature(Map<String, String> secrets) {
    this.secrets = Map.copyOf(secrets);
  }

  /**
   * True when every gateway named in the request that has a secret is satisfied by the header. A batch
   * mixing gateways with different secrets cannot be signed and is refused.
   */
  public boolean verify(Collection<String> gateways, String header, byte[] body) {
    byte[] given = header == null ? null : Hmac.fromHex(header.trim().toLowerCase());
    for (String gateway : gateways) {
      String secret = gateway == null ? null : secrets.get(gateway);
      if (secret != null
          && !Hmac.equal(Hmac.sha256(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8), body), given)) {
        return false;
      }
    }
    return true;
  }
}
