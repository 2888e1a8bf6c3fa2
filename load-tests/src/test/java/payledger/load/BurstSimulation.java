package payledger.load;

import static io.gatling.javaapi.core.CoreDsl.*;

import io.gatling.javaapi.core.Simulation;
import java.time.Duration;

/**
 * A burst: {@code -Drate} payment events per second for {@code -Dseconds}, then ten times that for
 * 30 s (a flash sale, or a gateway flushing its retry queue), then the base rate again. Asserts that
 * nothing fails (a 503 is a failure here: the gateway would have to retry) unless
 * {@code -Dassertions=false}.
 */
public class BurstSimulation extends Simulation {

  {
    LoadSettings s = LoadSettings.fromSystemProperties();
    double orders = s.rate() / LoadSettings.EVENTS_PER_ORDER;
    SetUp setUp = setUp(Ingestion.orders(s).injectOpen(
            constantUsersPerSec(orders).during(s.duration()),
            constantUsersPerSec(orders * 10).during(Duration.ofSeconds(30)),
            constantUsersPerSec(orders).during(s.duration())))
        .protocols(Ingestion.protocol(s));
    if (s.assertions()) {
      setUp.assertions(global().failedRequests().percent().lt(1.0));
    }
  }
}
