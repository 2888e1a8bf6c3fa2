package payledger.load;

import static io.gatling.javaapi.core.CoreDsl.*;

import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Simulation;

/**
 * Payment ingestion at a steady rate: {@code -Drate} payment events per second (open model, the
 * default) for {@code -Dseconds}, or, with {@code -Dconcurrency=N}, N orders in flight at all times
 * (closed model: how fast the service can go). Asserts (unless {@code -Dassertions=false}) under 1 %
 * errors and a p99 for payment events under {@code -Dp99Ms} (default 1000).
 */
public class PaymentIngestionSimulation extends Simulation {

  {
    LoadSettings s = LoadSettings.fromSystemProperties();
    PopulationBuilder population = s.concurrency() > 0
        ? Ingestion.orders(s).injectClosed(constantConcurrentUsers(s.concurrency()).during(s.duration()))
        : Ingestion.orders(s).injectOpen(
            constantUsersPerSec(s.rate() / LoadSettings.EVENTS_PER_ORDER).during(s.duration()));
    SetUp setUp = setUp(population).protocols(Ingestion.protocol(s));
    if (s.assertions()) {
      setUp.assertions(
          global().failedRequests().percent().lt(1.0),
          details(Ingestion.EVENT).responseTime().percentile(99.0)
              .lt(Integer.getInteger("p99Ms", 1000)));
    }
  }
}
