package payledger.web;

import static org.apache.pekko.http.javadsl.server.Directives.*;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.headers.HttpCookie;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * One application's session cookie ({@code pl_console} on {@code /console}, {@code pl_portal} on
 * {@code /portal}): HttpOnly, SameSite=Strict, Secure when configured. Finds the session of a
 * request, starts and ends one, and checks the CSRF token of every form posted in one.
 */
public final class SessionGate {

  private final Sessions sessions;
  private final String cookie;
  private final String path;
  private final boolean secure;

  public SessionGate(Sessions sessions, String cookie, String path, boolean secure) {
    this.sessions = sessions;
    this.cookie = cookie;
    this.path = path;
    this.secure = secure;
  }

  public Sessions sessions() {
    return sessions;
  }

  /** A page's values: {@code layout} and the message the session's last action left, once. */
  public Map<String, Object> withFlash(Sessions.Session session, Map<String, Object> layout) {
    sessions.takeFlash(session).ifPresent(f -> layout.put("flash", f));
    return layout;
  }

  public Route optional(Function<Optional<Sessions.Session>, Route> inner) {
    return optionalCookie(cookie, pair -> inner.apply(pair.flatMap(p -> sessions.find(p.value()))));
  }

  /** The request's live session, or {@code otherwise} (a sign-in page or redirect). */
  public Route required(Function<Sessions.Session, Route> inner, Supplier<Route> otherwise) {
    return optional(found -> found.map(inner).orElseGet(otherwise));
  }

  public Route start(Sessions.Principal principal, Function<Sessions.Session, Route> inner) {
    Sessions.Session session = sessions.start(principal);
    return setCookie(Html.cookie(cookie, session.id(), path, secure), () -> inner.apply(session));
  }

  public Route end(Sessions.Session session, Supplier<Route> inner) {
    sessions.end(session.id());
    HttpCookie gone = Html.cookie(cookie, "", path, secure).withMaxAge(0);
    return setCookie(gone, inner);
  }

  /** A form posted in {@code session}: its fields when its CSRF token is the session's, else 403. */
  public Route form(Sessions.Session session, Supplier<String> refusal,
      Function<Map<String, String>, Route> inner) {
    return Html.checked(session.csrf(), refusal, inner);
  }
}
