package payledger.notify;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;
import com.github.mustachejava.MustacheNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Mustache templates under {@code notify/templates/} on the classpath: per locale
 * ({@code {locale}/}) one per notification kind (its first line is {@code Subject: …}) and the
 * receipt's labels ({@code receipt.properties}) and the short texts for SMS ({@code sms.properties});
 * and one receipt layout for every locale, as HTML
 * (in browsers, mails, and the source of the PDF) and as plain text (the mail's text part). A
 * locale without a template or label falls back to its language, then to {@code en}. Compiled
 * once, then cached.
 */
public final class Templates {

  /** A rendered text notification. */
  public record Text(String subject, String body) {}

  private static final String ROOT = "notify/templates";

  // Plain text (mail bodies, the PDF's lines) must not be HTML-escaped; HTML must be.
  private final MustacheFactory text = new DefaultMustacheFactory(ROOT) {
    @Override
    public void encode(String value, Writer writer) {
      try {
        writer.write(value);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  };
  private final MustacheFactory html = new DefaultMustacheFactory(ROOT);
  private final Map<String, Mustache> compiled = new ConcurrentHashMap<>();
  private final Map<String, Map<String, String>> labels = new ConcurrentHashMap<>();

  /** The notification of {@code kind} in {@code locale}. */
  public Text notification(NotificationKind kind, String locale, Object model) {
    String rendered = render(text, kind.template() + ".mustache", locale, model);
    int end = rendered.indexOf('\n');
    String first = end < 0 ? rendered : rendered.substring(0, end);
    if (!first.startsWith("Subject:")) {
      throw new IllegalStateException("template " + kind.template() + " must start with 'Subject:'");
    }
    return new Text(first.substring("Subject:".length()).trim(),
        end < 0 ? "" : rendered.substring(end + 1).strip() + "\n");
  }

  /** The receipt as XHTML (well-formed: the PDF renderer parses it as XML). */
  public String receiptHtml(Object model) {
    return execute(compiled.computeIfAbsent("h:receipt", k -> html.compile("receipt.html.mustache")),
        model);
  }

  /** A vendor's statement as XHTML (for its PDF): {@code model} is a {@link VendorStatementView}. */
  public String vendorStatementHtml(Object model) {
    return execute(compiled.computeIfAbsent("h:vendor_statement",
        k -> html.compile("vendor_statement.html.mustache")), model);
  }

  /** Any other message as HTML: {@code model} has its {@code subject} and escaped {@code body}. */
  public String messageHtml(Object model) {
    return execute(compiled.computeIfAbsent("h:message", k -> html.compile("message.html.mustache")),
        model);
  }

  /** The receipt as plain text, for the text part of its mail. */
  public String receiptText(Object model) {
    return execute(compiled.computeIfAbsent("t:receipt", k -> text.compile("receipt.txt.mustache")),
        model);
  }

  /**
   * The short text (SMS) of {@code kind} in {@code locale} ({@code {locale}/sms.properties}, a
   * missing one in the language, then in English), or null when the kind has none.
   */
  public String sms(NotificationKind kind, String locale, Object model) {
    String chosen = Formats.localeOrDefault(locale);
    String key = "s:" + chosen + "/" + kind.template();
    Mustache mustache = compiled.get(key);
    if (mustache == null) {
      String template = merged(chosen, "sms.properties").get(kind.template());
      if (template == null) {
        return null;
      }
      mustache = compiled.computeIfAbsent(key,
          k -> text.compile(new java.io.StringReader(template), k));
    }
    String rendered = execute(mustache, model).strip();
    return rendered.isEmpty() ? null : rendered;
  }

  /** The receipt's labels in {@code locale}, each missing one in English. */
  public Map<String, String> receiptLabels(String locale) {
    return merged(Formats.localeOrDefault(locale), "receipt.properties");
  }

  /** The vendor statement's words in {@code locale}, each missing one in English. */
  public Map<String, String> vendorStatementLabels(String locale) {
    return merged(Formats.localeOrDefault(locale), "vendor_statement.properties");
  }

  /** A properties file of {@code locale}, each missing key from its language, then English. */
  private Map<String, String> merged(String locale, String file) {
    return labels.computeIfAbsent(locale + "/" + file, k -> {
      Map<String, String> merged = new HashMap<>();
      List<String> candidates = new ArrayList<>(candidates(locale));
      Collections.reverse(candidates);
      for (String candidate : candidates) {
        merged.putAll(properties(ROOT + "/" + candidate + "/" + file));
      }
      return Map.copyOf(merged);
    });
  }

  private String render(MustacheFactory factory, String name, String locale, Object model) {
    String chosen = Formats.localeOrDefault(locale);
    Mustache mustache = compiled.computeIfAbsent((factory == html ? "h:" : "t:") + chosen + "/" + name,
        key -> compile(factory, chosen, name));
    return execute(mustache, model);
  }

  private static String execute(Mustache mustache, Object model) {
    StringWriter out = new StringWriter();
    mustache.execute(out, model);
    return out.toString();
  }

  private static Mustache compile(MustacheFactory factory, String locale, String name) {
    for (String candidate : candidates(locale)) {
      try {
        return factory.compile(candidate + "/" + name);
      } catch (MustacheNotFoundException missing) {
        // the next, more general locale
      }
    }
    throw new MustacheNotFoundException(Formats.DEFAULT_LOCALE + "/" + name);
  }

  /** "de-AT" → de-AT, de, en. */
  private static List<String> candidates(String locale) {
    List<String> out = new ArrayList<>(List.of(locale));
    String language = Locale.forLanguageTag(locale).getLanguage();
    if (!language.isEmpty() && !language.equals(locale)) {
      out.add(language);
    }
    if (!out.contains(Formats.DEFAULT_LOCALE)) {
      out.add(Formats.DEFAULT_LOCALE);
    }
    return out;
  }

  private static Map<String, String> properties(String resource) {
    InputStream in = Templates.class.getClassLoader().getResourceAsStream(resource);
    if (in == null) {
      return Map.of();
    }
    try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      Properties p = new Properties();
      p.load(reader);
      Map<String, String> out = new HashMap<>();
      p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k)));
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + resource, e);
    }
  }
}
