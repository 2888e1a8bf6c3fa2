package payledger.chain;

import java.util.Arrays;
import java.util.List;

/**
 * What the journal holds for every event of a chained entity: the event's canonical bytes (see
 * {@link Canonical}) with its place in the entity's hash chain. The payload is stored exactly as it
 * was hashed, so a row can be checked without knowing the event's Java type. Serialized by
 * {@link ChainedEventSerializer}.
 *
 * <p>Entities, projections and tests deal in domain events: {@link ChainAdapter} wraps them on the
 * way in, {@link Unchain} (journal plugin config) and {@link #unwrap} unwrap them on the way out.
 *
 * @param type the event's type name (its simple class name)
 * @param payload the canonical bytes, UTF-8 JSON
 */
public record ChainedEvent(String type, String prevHash, String hash, byte[] payload) {

  /** The event after {@code prevHash} (null: genesis) in an entity's chain. */
  public static ChainedEvent of(String prevHash, Object event) {
    byte[] canonical = Canonical.bytes(event);
    String prev = HashChain.orGenesis(prevHash);
    return new ChainedEvent(Canonical.typeName(event), prev, HashChain.next(prev, canonical), canonical);
  }

  /** Does the stored hash follow from the stored prevHash and payload? */
  public boolean hashMatches() {
    return HashChain.next(prevHash, payload).equals(hash);
  }

  public <E> E decode(Class<E> eventClass) {
    return Canonical.decode(payload, eventClass);
  }

  /** The domain event of a journal payload, whether chained or not (tests read raw storage). */
  public static Object unwrap(Object journaled, Class<?> eventClass) {
    return journaled instanceof ChainedEvent c ? c.decode(eventClass) : journaled;
  }

  /** The domain events of raw journal payloads, decoded as the classes their type names name. */
  @SuppressWarnings("unchecked")
  public static <E> List<E> unwrapAll(List<?> journaled, Class<E> sealedEventType) {
    return journaled.stream().map(j -> j instanceof ChainedEvent c
        ? c.decode(EventTypes.classOf(sealedEventType, c.type()))
        : (E) j).toList();
  }

  // Records compare arrays by identity; an event's bytes are its value.
  @Override
  public boolean equals(Object o) {
    return o instanceof ChainedEvent c && type.equals(c.type) && prevHash.equals(c.prevHash)
        && hash.equals(c.hash) && Arrays.equals(payload, c.payload);
  }

  @Override
  public int hashCode() {
    return hash.hashCode();
  }

  @Override
  public String toString() {
    return "ChainedEvent[" + type + ", " + hash + "]";
  }
}
