package payledger.testing;

import java.time.Clock;
import java.util.List;
import org.apache.pekko.persistence.testkit.javadsl.PersistenceTestKit;
import payledger.Service;
import payledger.chain.ChainedEvent;
import payledger.order.OrderEvent;

/** A real one-node service over real HTTP, journaling to the persistence testkit's memory. */
public final class InMemoryService implements AutoCloseable {

  private final Service service;
  private final ApiClient api;
  private final PersistenceTestKit journal;

  public InMemoryService(Clock clock) {
    this(clock, "");
  }

  /** With config overrides on top of the test defaults (HOCON). */
  public InMemoryService(Clock clock, String overrides) {
    service = Service.start(TestConfigs.inMemory(overrides + "\npayledger.http.ask-timeout = 1s"), clock);
    api = new ApiClient(service.httpPort());
    journal = PersistenceTestKit.create(service.system());
  }

  public ApiClient api() {
    return api;
  }

  public int port() {
    return service.httpPort();
  }

  /** The node's actor system (to ask an entity directly where no route raises what a test needs). */
  public org.apache.pekko.actor.typed.ActorSystem<Void> system() {
    return service.system();
  }

  public PersistenceTestKit journal() {
    return journal;
  }

  /** Every event journaled for an order so far, as domain events (the journal holds them chained). */
  public List<Object> journaled(String orderId) {
    return List.copyOf(ChainedEvent.unwrapAll(
        journal.persistedInStorage("OrderLedger|" + orderId), OrderEvent.class));
  }

  @Override
  public void close() {
    service.close();
  }
}
