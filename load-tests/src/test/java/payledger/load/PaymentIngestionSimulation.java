package payledger.load;

import static io.gatling.javaapi.core.CoreDsl.*;

import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

/**
 * Payment ingestion at a steady rate: {@code -Drate} payment events per second (open model, the
 * default) for {@code -Dseconds}, or, with {@code -Dconcurrency=N}, N orders in flight at all times
 * (closed model: how fast the service can go). With {@code -Dbatch=N} a virtual user registers N
 * orders and posts their captures in one {@code POST /v1/payment-events/batch}. Asserts (unless
 * {@code -Dassertions=false}) under 1 % errors and a p99 for payment events under {@code -Dp99Ms}
 * (default 1000).
 */
public class PaymentIngestionSimulation extends Simulation {

  {
    LoadSettings s = LoadSettings.fromSystemProperties();
    ScenarioBuilder users = s.batched() ? Ingestion.batches(s) : Ingestion.orders(s);
    PopulationBuilder population = s.concurrency() > 0
        ? users.injectClosed(constantConcurrentUsers(s.concurrency()).during(s.duration()))
        : users.injectOpen(constantUsersPerSec(s.usersPerSecond()).during(s.duration()));
    SetUp setUp = setUp(population).protocols(Ingestion.protocol(s));
    if (s.assertions()) {
      setUp.assertions(
          global().failedRequests().percent().lt(1.0),
          details(Ingestion.EVENT).responseTime().percentile(99.0)
              .lt(Integer.getInteger("p99Ms", 1000)));
    }
  }
}
