package payledger.web;

import static org.apache.pekko.http.javadsl.server.Directives.*;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.HttpCookie;
import org.apache.pekko.http.javadsl.model.headers.Location;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.model.headers.SameSite;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * What every page and form of the console and portal share: HTML responses with strict security
 * headers (no script or style from anywhere else, no framing, no referrer — magic links carry
 * tokens — and no caching), 303 redirects after a POST, the language, the CSRF check, the assets.
 */
public final class Html {

  private static final List<HttpHeader> SECURITY = List.of(
      RawHeader.create("Content-Security-Policy", "default-src 'none'; script-src 'self';"
          + " style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none';"
          + " base-uri 'none'"),
      RawHeader.create("X-Content-Type-Options", "nosniff"),
      RawHeader.create("X-Frame-Options", "DENY"),
      RawHeader.create("Referrer-Policy", "no-referrer"),
      RawHeader.create("Cache-Control", "no-store"));

  private Html() {}

  public static Route secured(Supplier<Route> inner) {
    return respondWithDefaultHeaders(SECURITY, inner);
  }

  public static HttpResponse page(int status, String html) {
    return HttpResponse.create().withStatus(status)
        .withEntity(HttpEntities.create(ContentTypes.TEXT_HTML_UTF8, html));
  }

  public static HttpResponse seeOther(String location) {
    return HttpResponse.create().withStatus(StatusCodes.SEE_OTHER)
        .addHeader(Location.create(location));
  }

  /** A cookie only this site's requests carry, never readable by script. */
  public static HttpCookie cookie(String name, String value, String path, boolean secure) {
    return HttpCookie.create(name, value).withPath(path).withHttpOnly(true).withSecure(secure)
        .withSameSite(SameSite.Strict);
  }

  /**
   * The page's language: {@code ?lang=} (remembered in a cookie), else the cookie, else the
   * browser's first choice of {@link Pages#LANGUAGES}, else English.
   */
  public static Route language(Function<String, Route> inner) {
    return language(Pages.LANGUAGES, inner);
  }

  /** {@link #language(Function)} for a site that speaks {@code languages} (English first). */
  public static Route language(List<String> languages, Function<String, Route> inner) {
    return parameterOptional("lang", asked -> {
      if (asked.isPresent() && languages.contains(asked.get())) {
        return setCookie(cookie("pl_lang", asked.get(), "/", false), () -> inner.apply(asked.get()));
      }
      return optionalCookie("pl_lang", kept -> {
        if (kept.isPresent() && languages.contains(kept.get().value())) {
          return inner.apply(kept.get().value());
        }
        return optionalHeaderValueByName("Accept-Language", accept -> inner.apply(
            accept.map(a -> browserChoice(a, languages)).orElse("en")));
      });
    });
  }

  /** The language an {@code Accept-Language} header names first, when the site speaks it; else English. */
  static String browserChoice(String accept, List<String> languages) {
    String first = accept.trim().toLowerCase(Locale.ROOT);
    return languages.stream().filter(first::startsWith).findFirst().orElse("en");
  }

  /** The form's fields, when its {@code csrf} field is {@code expected}; a 403 page otherwise. */
  public static Route checked(String expected, Supplier<String> refusal,
      Function<Map<String, String>, Route> inner) {
    return formFieldMap(fields -> {
      String given = fields.getOrDefault("csrf", "");
      boolean ok = expected != null && MessageDigest.isEqual(
          given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
      return ok ? inner.apply(fields) : complete(page(403, refusal.get()));
    });
  }

  /**
   * The CSRF token of a form shown before any session (sign-in, portal access): a random value in
   * a SameSite=Strict cookie that the form repeats (double submit).
   */
  public static Route preSessionToken(boolean secure, Function<String, Route> inner) {
    return optionalCookie("pl_pre", kept -> {
      if (kept.isPresent() && kept.get().value().length() >= 32) {
        return inner.apply(kept.get().value());
      }
      String token = Sessions.token();
      return setCookie(cookie("pl_pre", token, "/", secure), () -> inner.apply(token));
    });
  }

  /** A pre-session form's fields, when it repeats its cookie's token; a 403 page otherwise. */
  public static Route preSessionChecked(Supplier<String> refusal,
      Function<Map<String, String>, Route> inner) {
    return optionalCookie("pl_pre", kept -> checked(kept.map(c -> c.value()).orElse(null),
        refusal, inner));
  }

  /** The one stylesheet and script, from {@code web/assets/} on the classpath. */
  public static Route assets() {
    return pathPrefix("assets", () -> path(PathMatchers.segment(), file ->
        file.matches("[a-z0-9-]+\\.(css|js|svg)")
            ? get(() -> respondWithHeader(RawHeader.create("Cache-Control", "max-age=3600"),
                () -> getFromResource("web/assets/" + file)))
            : reject()));
  }
}
