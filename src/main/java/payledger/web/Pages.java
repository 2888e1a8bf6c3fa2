package payledger.web;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console's and portal's pages: Mustache templates under {@code web/} on the classpath (HTML
 * escaped), each rendered into {@code layout.mustache}, with the page's language's strings as
 * {@code t} ({@code web/strings_{lang}.properties}, a missing one in English). Compiled once.
 */
public final class Pages {

  /** The console's and the customer portal's languages; a site may speak more ({@link #Pages(List)}). */
  public static final List<String> LANGUAGES = List.of("en", "de");

  private final List<String> languages;
  private final MustacheFactory factory = new DefaultMustacheFactory("web");
  private final Map<String, Mustache> compiled = new ConcurrentHashMap<>();
  private final Map<String, Map<String, String>> strings = new ConcurrentHashMap<>();

  public Pages() {
    this(LANGUAGES);
  }

  /** Pages in {@code languages} (English first): the layout offers each of them. */
  public Pages(List<String> languages) {
    this.languages = List.copyOf(languages);
  }

  /**
   * A whole page: {@code template} with {@code model}, inside the layout. The model names the
   * layout's parts: {@code title}, {@code app} (console or portal), {@code session} values.
   */
  public String render(String template, String lang, Map<String, Object> model) {
    Map<String, Object> m = new HashMap<>(model);
    m.put("t", strings(lang));
    m.put("lang", lang);
    m.put("langs", languages.stream()
        .map(code -> Map.of("code", code, "label", code.toUpperCase(Locale.ROOT))).toList());
    m.put("body", execute(template, m));
    return execute("layout.mustache", m);
  }

  /**
   * A whole error page with {@code message} (the status says what kind) over a site's layout
   * values {@code base}: a signed-in page's layout, or only the site's flag before a sign-in.
   */
  public String error(String lang, Map<String, Object> base, int status, String message) {
    Map<String, Object> m = new HashMap<>(base);
    m.put("title", text(lang, "error_" + status));
    m.put("status", status);
    m.put("message", message);
    return render("error.mustache", lang, m);
  }

  /** The strings of {@code lang} (one of this site's languages, else English), each missing one in English. */
  public Map<String, String> strings(String lang) {
    return strings.computeIfAbsent(languages.contains(lang) ? lang : "en", chosen -> {
      Map<String, String> merged = new HashMap<>(load("en"));
      merged.putAll(load(chosen));
      return Map.copyOf(merged);
    });
  }

  public String text(String lang, String key) {
    return strings(lang).getOrDefault(key, key);
  }

  public String text(String lang, String key, String fallback) {
    return strings(lang).getOrDefault(key, fallback);
  }

  private String execute(String template, Object model) {
    StringWriter out = new StringWriter();
    compiled.computeIfAbsent(template, factory::compile).execute(out, model);
    return out.toString();
  }

  private static Map<String, String> load(String lang) {
    Properties p = new Properties();
    try (InputStream in = Pages.class.getClassLoader()
        .getResourceAsStream("web/strings_" + lang + ".properties")) {
      if (in != null) {
        p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> out = new HashMap<>();
    p.forEach((k, v) -> out.put((String) k, (String) v));
    return out;
  }
}
