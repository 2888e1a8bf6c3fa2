package payledger.audit;

import java.util.List;
import payledger.chain.ChainedState;

/**
 * What replaying one entity's journal found.
 *
 * @param events the events stored, counted whether or not they verified
 * @param lastSeqNr, lastHash where the intact part of the chain ends
 * @param firstBadSeqNr the first sequence number that does not verify, null when all do
 * @param state the state replayed from the intact part of the journal
 * @param replayed the domain events of the intact part, with their rows (timestamps)
 */
public record VerifiedEntity<E, S extends ChainedState<S>>(
    AuditedEntity<E, S> entity,
    String entityId,
    long events,
    long lastSeqNr,
    String lastHash,
    long unchained,
    Long firstBadSeqNr,
    String reason,
    S state,
    List<E> replayed,
    List<JournalRow> rows) {

  public boolean intact() {
    return firstBadSeqNr == null;
  }

  public String persistenceId() {
    return entity.persistenceId(entityId);
  }
}
