package payledger.web.console;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorSystem;
import payledger.audit.Audit;
import payledger.dispute.CaseOpening;
import payledger.dispute.DisputeClient;
import payledger.notify.Notifications;
import payledger.order.OrderClient;
import payledger.order.PaymentLinking;
import payledger.readmodel.ReadSide;
import payledger.web.Pages;
import payledger.web.SessionGate;
import payledger.web.Sessions;
import payledger.web.Sessions.Principal.Staff;

/**
 * What the console's pages share: the templates, the session cookie, the service clock (deadlines
 * are in service time) and the same clients and workflows as the API, its audit verification
 * (empty when the journal is not Cassandra) and the node's actor system (cluster and projections).
 */
record Console(
    Pages pages,
    SessionGate gate,
    Clock clock,
    OrderClient orders,
    DisputeClient disputes,
    CaseOpening opening,
    PaymentLinking linking,
    Supplier<ReadSide> readSide,
    Notifications.Api notifications,
    int pageSize,
    ActorSystem<?> system,
    Optional<Audit> audit) {

  /** Acts on orders and cases: the API's support role (or admin). */
  static boolean mayAct(Staff staff) {
    return staff.may("SUPPORT");
  }

  /** Verifies an order's audit trail, as {@code POST /v1/audit/verify}: the auditor role (or admin). */
  static boolean mayAudit(Staff staff) {
    return staff.may("AUDITOR");
  }

  /** The discrepancy queue is support's, as {@code GET /v1/discrepancies}. */
  static boolean mayWorkQueue(Staff staff) {
    return staff.may("SUPPORT");
  }

  /**
   * Sees the read side's and the cluster's health on the dashboard, as {@code GET
   * /v1/admin/projections} (projection lag) and the management API (nodes): the admin role only.
   */
  static boolean mayWatchHealth(Staff staff) {
    return staff.may("ADMIN");
  }

  static Staff staff(Sessions.Session session) {
    return (Staff) session.principal();
  }

  /** The layout's values, without the session's message (an error page must not swallow it). */
  Map<String, Object> layout(Sessions.Session session, String title) {
    Staff staff = staff(session);
    Map<String, Object> m = new HashMap<>();
    m.put("title", title);
    m.put("console", true);
    m.put("csrf", session.csrf());
    m.put("user", staff.name());
    m.put("roles", String.join(", ", staff.roles()).toLowerCase());
    m.put("canAct", mayAct(staff));
    m.put("canQueue", mayWorkQueue(staff));
    m.put("canAudit", mayAudit(staff));
    return m;
  }

  /** A page's values: the layout's and the message the session's last action left, once. */
  Map<String, Object> model(Sessions.Session session, String title) {
    return gate.withFlash(session, layout(session, title));
  }

  /** A whole error page with {@code message} (the status says what kind). */
  String error(Sessions.Session session, String lang, int status, String message) {
    return pages.error(lang, session == null ? Map.of("console", true) : layout(session, ""), status,
        message);
  }

  /** Who acted, in the case's and order's audit trail: the API key's name from the console. */
  static String actor(Sessions.Session session) {
    return "console:" + staff(session).name();
  }
}
