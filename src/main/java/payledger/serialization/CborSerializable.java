package payledger.serialization;

/**
 * Marker for every message, event and state that crosses a node or reaches the journal: bound to
 * Jackson CBOR in {@code serialization.conf}, so there is one serialization path to reason about.
 */
public interface CborSerializable {}
