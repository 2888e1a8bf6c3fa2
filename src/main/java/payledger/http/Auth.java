package payledger.http;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.optionalHeaderValueByName;

import com.typesafe.config.Config;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.headers.HttpChallenge;
import org.apache.pekko.http.javadsl.model.headers.WWWAuthenticate;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The one auth directive: {@code Authorization: Bearer <key>}, keys known only by their SHA-256 (from
 * {@code payledger.auth}), compared in constant time against every configured key. 401 (with
 * {@code WWW-Authenticate: Bearer}) without a known key, 403 when the key lacks the route's role.
 * Gateway webhooks do not use it: they authenticate by their own signatures.
 */
public final class Auth {

  record Key(String name, byte[] sha256, Set<Role> roles) {}

  private final List<Key> keys;

  Auth(List<Key> keys) {
    this.keys = List.copyOf(keys);
  }

  public static Auth from(Config config) {
    Config c = config.getConfig("payledger.auth");
    List<Key> keys = new ArrayList<>(read(c.getConfigList("keys")));
    if (c.getBoolean("dev-keys-enabled")) {
      keys.addAll(read(c.getConfigList("dev-keys")));
    }
    return new Auth(keys);
  }

  private static List<Key> read(List<? extends Config> entries) {
    return entries.stream()
        .map(k -> {
          byte[] hash = hex(k.getString("sha256"));
          if (hash == null || hash.length != 32) {
            throw new IllegalArgumentException("payledger.auth key " + k.getString("name") + ": sha256 must be 64 hex digits");
          }
          Set<Role> roles = EnumSet.noneOf(Role.class);
          k.getStringList("roles").forEach(r -> roles.add(Role.valueOf(r.toUpperCase(Locale.ROOT))));
          return new Key(k.getString("name"), hash, roles);
        })
        .toList();
  }

  /** Runs {@code inner} only for a request whose key holds one of {@code allowed} (or admin). */
  Route require(Set<Role> allowed, Supplier<Route> inner) {
    return optionalHeaderValueByName(
        "Authorization",
        header -> {
          Optional<Key> key = header.flatMap(this::authenticate);
          if (key.isEmpty()) {
            return complete(
                Problems.response(
                        Problem.of(401, "unauthorized", "Unauthorized",
                            "send a valid API key as Authorization: Bearer <key>"))
                    .addHeader(WWWAuthenticate.create(HttpChallenge.create("Bearer", "payledger"))));
          }
          Set<Role> roles = key.get().roles();
          if (roles.contains(Role.ADMIN) || roles.stream().anyMatch(allowed::contains)) {
            return inner.get();
          }
          return complete(
              Problems.response(
                  Problem.of(403, "forbidden", "Forbidden", "this API key may not call this route")));
        });
  }

  /** Who holds an API key given outside a header (the console's sign-in form): its name and roles. */
  public record Identity(String name, Set<Role> roles) {}

  /** The holder of {@code apiKey}, compared like a header's key; empty when unknown. */
  public Optional<Identity> identify(String apiKey) {
    return apiKey == null ? Optional.empty()
        : authenticate("Bearer " + apiKey).map(k -> new Identity(k.name(), Set.copyOf(k.roles())));
  }

  private Optional<Key> authenticate(String header) {
    String[] parts = header.trim().split("\\s+", 2);
    if (parts.length != 2 || !parts[0].equalsIgnoreCase("Bearer") || parts[1].isBlank()) {
      return Optional.empty();
    }
    byte[] given = sha256(parts[1].trim());
    Key found = null;
    // No early exit: the time taken does not depend on which key (if any) matched.
    for (Key key : keys) {
      if (MessageDigest.isEqual(key.sha256(), given)) {
        found = key;
      }
    }
    return Optional.ofNullable(found);
  }

  static byte[] sha256(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] hex(String hex) {
    if (!hex.matches("[0-9a-fA-F]{64}")) {
      return null;
    }
    byte[] out = new byte[32];
    for (int i = 0; i < 32; i++) {
      out[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
    }
    return out;
  }
}
