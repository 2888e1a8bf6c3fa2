package payledger.chain;

import org.apache.pekko.persistence.typed.EventAdapter;
import org.apache.pekko.persistence.typed.EventSeq;

/**
 * Puts an entity's domain events into its hash chain on their way to the journal, and takes them
 * out again on replay. One per entity instance: it holds the hash of the entity's last journaled
 * event, which the entity hands it from its recovered state ({@link #resume}) before any write.
 *
 * <p>Pekko applies an event to the state and then passes it here, once each, in journal order, so
 * this cursor and {@link ChainedState#lastHash()} always agree. A failed write restarts the entity,
 * whose recovery resumes the cursor from the journal again.
 *
 * <p>The journal manifest is the event's class name, which {@link Unchain} decodes by.
 */
public final class ChainAdapter<E> extends EventAdapter<E, Object> {

  private final Class<E> eventType;
  private String lastHash;

  public ChainAdapter(Class<E> eventType) {
    this.eventType = eventType;
  }

  /** Continues the chain after {@code hash} (null: the entity has no event yet). */
  public void resume(String hash) {
    lastHash = hash;
  }

  @Override
  public Object toJournal(E event) {
    ChainedEvent chained = ChainedEvent.of(lastHash, event);
    lastHash = chained.hash();
    return chained;
  }

  @Override
  public String manifest(E event) {
    return event.getClass().getName();
  }

  /** The Cassandra journal's {@link Unchain} has decoded already; the in-memory test journal has not. */
  @Override
  public EventSeq<E> fromJournal(Object journaled, String manifest) {
    if (journaled instanceof ChainedEvent c) {
      return EventSeq.single(c.decode(EventTypes.classOf(eventType, c.type())));
    }
    return EventSeq.single(eventType.cast(journaled));
  }
}
