package payledger.http;

import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.pekko.actor.ActorSystem;

/**
 * Readiness check (management.conf): the node's API is bound. Membership, sharding and Cassandra
 * are ready a moment before the HTTP port is: without this check a load balancer (or a test) saw
 * /ready answer 200 and was refused a connection.
 */
public final class ApiBoundCheck implements Supplier<CompletionStage<Boolean>> {

  private static final Set<ActorSystem> BOUND = Collections.synchronizedSet(
      Collections.newSetFromMap(new WeakHashMap<>()));

  private final ActorSystem system;

  public ApiBoundCheck(ActorSystem system) {
    this.system = system;
  }

  static void bound(ActorSystem system) {
    BOUND.add(system);
  }

  @Override
  public CompletionStage<Boolean> get() {
    return CompletableFuture.completedFuture(BOUND.contains(system));
  }
}
