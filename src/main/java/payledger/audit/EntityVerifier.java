package payledger.audit;

import java.util.ArrayList;
import java.util.List;
import payledger.chain.ChainedEvent;
import payledger.chain.ChainedState;
import payledger.chain.HashChain;

/**
 * Checks one entity's journal, fed row by row in sequence-number order, the way an auditor would:
 * the numbering has no gap, each row deserializes, each stored hash follows from the stored
 * prevHash and payload, each prevHash is the previous row's hash, and each event applies to the
 * state replayed so far. The first failure is the entity's break; rows after it are counted only.
 */
public final class EntityVerifier<E, S extends ChainedState<S>> {

  private final AuditedEntity<E, S> entity;
  private final String entityId;
  private final List<E> events = new ArrayList<>();
  private final List<JournalRow> rows = new ArrayList<>();
  private S state;
  private String lastHash;
  private long lastSeqNr;
  private long count;
  private long unchained;
  private Long firstBadSeqNr;
  private String reason;

  EntityVerifier(AuditedEntity<E, S> entity, String entityId) {
    this.entity = entity;
    this.entityId = entityId;
    this.state = entity.emptyState().apply(entityId);
  }

  public void accept(JournalRow row) {
    count++;
    if (firstBadSeqNr != null) {
      return;
    }
    long expected = lastSeqNr + 1;
    if (row.seqNr() > expected) {
      broken(expected, "event " + expected + " is missing (the next stored event is " + row.seqNr() + ")");
      return;
    }
    if (row.seqNr() < expected) {
      broken(row.seqNr(), "sequence number " + row.seqNr() + " is stored twice");
      return;
    }
    lastSeqNr = row.seqNr();
    if (row.error() != null) {
      broken(row.seqNr(), "the stored event does not deserialize: " + row.error());
      return;
    }
    E event;
    String hash;
    try {
      if (row.payload() instanceof ChainedEvent chained) {
        if (!chained.prevHash().equals(HashChain.orGenesis(lastHash))) {
          broken(row.seqNr(), "prevHash is not the hash of event " + (row.seqNr() - 1));
          return;
        }
        if (!chained.hashMatches()) {
          broken(row.seqNr(), "the stored hash does not match the stored event");
          return;
        }
        event = chained.decode(entity.eventClass(chained.type()));
        hash = chained.hash();
      } else {
        // Written before the chain existed: covered only through the hashes that follow it.
        event = entity.eventType().cast(row.payload());
        hash = HashChain.next(lastHash, event);
        unchained++;
      }
      state = entity.apply().apply(state, event).withLastHash(hash);
    } catch (RuntimeException e) {
      broken(row.seqNr(), "the event cannot be replayed: " + e.getMessage());
      return;
    }
    lastHash = hash;
    events.add(event);
    rows.add(row);
  }

  private void broken(long seqNr, String why) {
    firstBadSeqNr = seqNr;
    reason = why;
  }

  public VerifiedEntity<E, S> result() {
    return new VerifiedEntity<>(entity, entityId, count, lastSeqNr, lastHash, unchained,
        firstBadSeqNr, reason, state, List.copyOf(events), List.copyOf(rows));
  }
}
