package payledger.http;

import static org.apache.pekko.http.javadsl.server.Directives.*;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Set;
import org.apache.pekko.http.javadsl.server.Route;
import payledger.json.JsonFields;
import payledger.time.ServiceClock;

/**
 * {@code GET/POST /v1/admin/clock}: read service time, and move it forward with
 * {@code {"advanceBy": "PT49H"}} when the test clock is on (404 otherwise).
 */
final class AdminRoutes {

  record ClockView(Instant now, boolean adjustable) {}

  private static final Set<Role> ADMIN = EnumSet.of(Role.ADMIN);

  private final ServiceClock clock;
  private final Auth auth;

  AdminRoutes(ServiceClock clock, Auth auth) {
    this.clock = clock;
    this.auth = auth;
  }

  Route route() {
    return path(segment("admin").slash("clock"), () -> auth.require(ADMIN, () -> concat(
        get(() -> complete(Json.response(200, view()))),
        post(() -> Json.body(this::advance)))));
  }

  private Route advance(JsonNode body) {
    if (!clock.isAdjustable()) {
      return complete(Problems.response(Problem.of(404, "test-clock-off", "Not found",
          "the test clock is off; set payledger.test-clock.enabled (PAYLEDGER_TEST_CLOCK=true)")));
    }
    JsonFields f = JsonFields.root(body);
    String advanceBy = f.text("advanceBy");
    f.validate();
    Duration by;
    try {
      by = Duration.parse(advanceBy);
    } catch (DateTimeParseException e) {
      by = Duration.ofMillis(-1);
    }
    if (by.isNegative() || by.isZero()) {
      f.error("advanceBy", "must be a positive ISO-8601 duration such as PT49H");
      f.validate();
    }
    clock.advance(by);
    return complete(Json.response(200, view()));
  }

  private ClockView view() {
    return new ClockView(clock.instant(), clock.isAdjustable());
  }
}
