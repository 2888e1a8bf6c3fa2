package payledger.chain;

import org.apache.pekko.persistence.journal.EventSeq;
import org.apache.pekko.persistence.journal.ReadEventAdapter;
import payledger.serialization.CborSerializable;

/**
 * The journal plugin's adapter for {@link ChainedEvent} (bound in {@code persistence.conf}): every
 * reader of the journal — entity recovery, events-by-tag projections, persistence queries — gets
 * the domain event, decoded as the class named by the journal manifest. The audit reads the rows
 * itself, with their hashes. Read-only, so the manifest {@link ChainAdapter} wrote is kept.
 */
public final class Unchain implements ReadEventAdapter {

  @Override
  public EventSeq fromJournal(Object journaled, String manifest) {
    if (!(journaled instanceof ChainedEvent chained)) {
      return EventSeq.single(journaled);
    }
    return EventSeq.single(chained.decode(eventClass(manifest)));
  }

  /** Only classes of our own serializable events: a journal row never names an arbitrary class. */
  static Class<?> eventClass(String manifest) {
    try {
      Class<?> type = Class.forName(manifest, false, Unchain.class.getClassLoader());
      if (!CborSerializable.class.isAssignableFrom(type) || !type.isRecord()) {
        throw new IllegalArgumentException(manifest + " is not a payledger event");
      }
      return type;
    } catch (ClassNotFoundException e) {
      throw new IllegalArgumentException("unknown event class " + manifest, e);
    }
  }
}
