package payledger.audit;

import java.time.Instant;
import payledger.chain.ChainedEvent;

/**
 * One row of the journal as stored: whatever the serializer made of its bytes ({@link
 * ChainedEvent}, or a domain event written before the chain existed), or why it could not.
 *
 * @param payload null when the row does not deserialize
 * @param error why it does not deserialize, else null
 */
public record JournalRow(
    String persistenceId, long seqNr, Instant timestamp, Object payload, String error) {}
