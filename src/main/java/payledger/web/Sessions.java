package payledger.web;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Server-side sessions of the console and the portal, in this node's memory: the browser holds only
 * a random id (the {@code pl_session} cookie). A session ends on sign-out, after
 * {@code idleTimeout} without a request, and after {@code absoluteTimeout} in any case; past
 * {@code maxSessions} the least recently used one is dropped. Times are the wall clock's, never the
 * test clock's: advancing service time must not sign anybody out.
 *
 * <p>Why memory and not Cassandra: a session is cheap to make again (sign in), holds no business
 * state, and an API key or a customer's access must not outlive a node's memory. The price is that
 * a cluster behind a load balancer needs sticky sessions (docs/CONSOLE.md).
 */
public final class Sessions {

  /** Who a session is for. */
  public sealed interface Principal {
    /** A support, auditor or admin API key's holder ({@code roles} as the API names them). */
    record Staff(String name, Set<String> roles) implements Principal {
      public boolean may(String role) {
        return roles.contains("ADMIN") || roles.contains(role);
      }
    }

    /** A customer, through a magic link. */
    record Customer(String customerId) implements Principal {}

    /** A marketplace vendor, through a magic link to its registered contact email. */
    record Vendor(String vendorId) implements Principal {}
  }

  /** One live session; {@code csrf} goes into every form and is checked on every POST. */
  public record Session(String id, Principal principal, String csrf, Instant createdAt) {}

  private static final SecureRandom RANDOM = new SecureRandom();

  private record Entry(Session session, Instant lastSeen) {}

  private final Duration idleTimeout;
  private final Duration absoluteTimeout;
  private final Clock clock;
  private final LinkedHashMap<String, Entry> live;
  private final Map<String, String> flashes = new java.util.concurrent.ConcurrentHashMap<>();

  public Sessions(Duration idleTimeout, Duration absoluteTimeout, int maxSessions, Clock clock) {
    this.idleTimeout = idleTimeout;
    this.absoluteTimeout = absoluteTimeout;
    this.clock = clock;
    this.live = new LinkedHashMap<>(64, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
        return size() > maxSessions;
      }
    };
  }

  public synchronized Session start(Principal principal) {
    Session session = new Session(token(), principal, token(), clock.instant());
    live.put(session.id(), new Entry(session, session.createdAt()));
    return session;
  }

  /** The live session of a cookie value, its idle time restarted; empty when unknown or expired. */
  public synchronized Optional<Session> find(String id) {
    if (id == null) {
      return Optional.empty();
    }
    Entry entry = live.get(id);
    Instant now = clock.instant();
    if (entry == null) {
      return Optional.empty();
    }
    if (now.isAfter(entry.lastSeen().plus(idleTimeout))
        || now.isAfter(entry.session().createdAt().plus(absoluteTimeout))) {
      live.remove(id);
      return Optional.empty();
    }
    live.put(id, new Entry(entry.session(), now));
    return Optional.of(entry.session());
  }

  public synchronized void end(String id) {
    if (id != null) {
      live.remove(id);
      flashes.remove(id);
    }
  }

  /** A message for the session's next page (what an action did, or why it was refused). */
  public void flash(Session session, String text) {
    flashes.put(session.id(), text);
  }

  /** The message left for this page, once. */
  public Optional<String> takeFlash(Session session) {
    return Optional.ofNullable(flashes.remove(session.id()));
  }

  /** 256 random bits, URL-safe: session ids, CSRF tokens, form nonces. */
  public static String token() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
