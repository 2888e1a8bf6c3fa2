package payledger.notify;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;
import com.github.mustachejava.MustacheNotFoundException;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Mustache templates under {@code notify/templates/{locale}/} on the classpath: one per
 * notification kind (its first line is {@code Subject: …}), and the receipt as HTML and as the text
 * of its PDF. A locale without a template falls back to {@code en}. Compiled once, then cached.
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

  public String receiptHtml(String locale, Object model) {
    return render(html, "receipt.html.mustache", locale, model);
  }

  /** The receipt as the lines of its PDF. */
  public String receiptText(String locale, Object model) {
    return render(text, "receipt.txt.mustache", locale, model);
  }

  private String render(MustacheFactory factory, String name, String locale, Object model) {
    String chosen = Formats.localeOrDefault(locale);
    Mustache mustache = compiled.computeIfAbsent((factory == html ? "h:" : "t:") + chosen + "/" + name,
        key -> compile(factory, chosen, name));
    StringWriter out = new StringWriter();
    mustache.execute(out, model);
    return out.toString();
  }

  private static Mustache compile(MustacheFactory factory, String locale, String name) {
    try {
      return factory.compile(locale + "/" + name);
    } catch (MustacheNotFoundException missing) {
      return factory.compile(Formats.DEFAULT_LOCALE + "/" + name);
    }
  }
}
