package payledger.web;

import static org.apache.pekko.http.javadsl.server.Directives.concat;

import java.time.Clock;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.server.Route;
import payledger.audit.Audit;
import payledger.dispute.CaseOpening;
import payledger.dispute.DisputeClient;
import payledger.notify.Notifications;
import payledger.order.OrderClient;
import payledger.order.PaymentLinking;
import payledger.readmodel.KpiSettings;
import payledger.readmodel.ReadSide;
import payledger.web.Sessions.Principal.Staff;
import payledger.web.console.ConsoleRoutes;
import payledger.web.portal.PortalRoutes;

/**
 * The support console ({@code /console}) and the customer portal ({@code /portal}): server-rendered
 * pages over the same clients and workflows as the API (docs/CONSOLE.md). The API wires them in
 * with what it already has: its clients, its key check and its per-client rate limit.
 */
public final class Web {

  /** The API's key check, for the console's sign-in form. */
  public interface KeyHolders {
    Optional<Staff> identify(String apiKey);
  }

  /** A per-client rate limit around a route (the API's, for routes without a key). */
  public interface Limit {
    Route within(Supplier<Route> inner);
  }

  private Web() {}

  /** The holder of a key as the console sees it; {@code roles} as the API names them. */
  public static Staff staff(String name, Collection<?> roles) {
    return new Staff(name, roles.stream().map(Object::toString).collect(Collectors.toUnmodifiableSet()));
  }

  public static Route routes(ActorSystem<?> system, Clock serviceClock, OrderClient orders,
      DisputeClient disputes, Supplier<ReadSide> readSide, Notifications.Api notify,
      KeyHolders keys, Limit limit, Optional<Audit> audit) {
    WebSettings settings = WebSettings.from(system.settings().config());
    Sessions sessions = new Sessions(settings.idleTimeout(), settings.absoluteTimeout(),
        settings.maxSessions(), Clock.systemUTC());
    Pages pages = new Pages();
    CaseOpening opening = new CaseOpening(disputes, orders);
    return concat(
        new ConsoleRoutes(system, settings, sessions, pages, serviceClock, orders, disputes, opening,
            new PaymentLinking(orders), readSide, notify,
            KpiSettings.from(system.settings().config()).kpis(), keys, limit, audit).route(),
        new PortalRoutes(settings, sessions, pages, serviceClock, orders, disputes, opening,
            readSide, notify, limit).route());
  }
}
