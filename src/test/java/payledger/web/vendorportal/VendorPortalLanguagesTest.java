package payledger.web.vendorportal;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import payledger.web.Pages;

/**
 * Every word the vendor portal shows is there in English, German and Polish. The words it shows
 * are found where they are named: the {@code t.} keys of its templates (with the shared layout and
 * error page), and the keys its code looks up — each string literal of
 * {@code web/vendorportal/*.java} that is a key, and each key of the families it builds
 * ({@code "kind_" + kind}: every key with that prefix). So a word added to a page without its
 * three languages fails here.
 */
class VendorPortalLanguagesTest {

  private static final Path SOURCES = Path.of("src", "main", "java", "payledger", "web", "vendorportal");
  private static final Pattern TEMPLATE_KEY = Pattern.compile("\\bt\\.([A-Za-z0-9_]+)");
  private static final Pattern LITERAL = Pattern.compile("\"([A-Za-z0-9_]+)\"");

  @Test
  void everyKeyOfEveryPortalPageHasAllThreeLanguages() throws IOException {
    Map<String, String> en = file("en");
    Set<String> keys = usedKeys(en);
    assertTrue(keys.size() > 150, "the keys were found: " + keys.size());
    List<String> missing = new ArrayList<>();
    for (String lang : VendorPortal.LANGUAGES) {
      Map<String, String> words = file(lang);
      for (String key : keys) {
        if (words.getOrDefault(key, "").isBlank()) {
          missing.add(lang + ": " + key);
        }
      }
    }
    assertEquals(List.of(), missing, "keys without a word in a language");
  }

  @Test
  void theWordsKeepTheirPlaceholders() throws IOException {
    Map<String, String> en = file("en");
    for (String lang : List.of("de", "pl")) {
      Map<String, String> words = file(lang);
      for (String key : usedKeys(en)) {
        assertEquals(placeholders(en.get(key)), placeholders(words.get(key)), lang + " " + key);
      }
    }
  }

  @Test
  void thePortalSpeaksPolishAndTheOtherSitesDoNot() {
    Pages vendor = new Pages(VendorPortal.LANGUAGES);
    assertEquals("Portal sprzedawcy", vendor.text("pl", "vendor_portal_name"));
    assertEquals("Wypłacono mniej niż należne", vendor.text("pl", "discrepancy_PAYOUT_SHORT"));
    assertEquals("Vendor portal", new Pages().text("pl", "vendor_portal_name"),
        "the console and the customer portal stay English and German");
    Map<String, Object> m = new HashMap<>();
    m.put("vendor", true);
    m.put("title", vendor.text("pl", "vp_access_title"));
    m.put("csrf", "x");
    String html = vendor.render("vendorportal/access.mustache", "pl", m);
    assertTrue(html.contains("<html lang=\"pl\">"), html);
    assertTrue(html.contains("Identyfikator sprzedawcy") && html.contains("Wyślij mi link"), html);
    assertTrue(html.contains("href=\"?lang=pl\" lang=\"pl\">PL</a>"), "Polish offered: " + html);
    String console = new Pages().render("error.mustache", "en", Map.of("console", true,
        "status", 404, "message", "x", "title", "x"));
    assertFalse(console.contains("?lang=pl"), "not offered where it is not spoken");
    assertTrue(console.contains("?lang=de"), console);
  }

  /** The keys the vendor portal's templates and code name. */
  private static Set<String> usedKeys(Map<String, String> en) throws IOException {
    Set<String> keys = new TreeSet<>();
    List<String> templates = new ArrayList<>(List.of("web/layout.mustache", "web/error.mustache"));
    try (Stream<Path> files = Files.list(Path.of("src", "main", "resources", "web", "vendorportal"))) {
      files.forEach(f -> templates.add("web/vendorportal/" + f.getFileName()));
    }
    for (String template : templates) {
      Matcher m = TEMPLATE_KEY.matcher(resource(template));
      while (m.find()) {
        keys.add(m.group(1));
      }
    }
    // Pages' error page titles ("error_" + status) are the portal's too.
    Set<String> prefixes = new TreeSet<>(Set.of("error_"));
    try (Stream<Path> files = Files.list(SOURCES)) {
      for (Path source : files.toList()) {
        Matcher m = LITERAL.matcher(Files.readString(source));
        while (m.find()) {
          String literal = m.group(1);
          if (literal.endsWith("_")) {
            prefixes.add(literal);
          } else if (en.containsKey(literal)) {
            keys.add(literal);
          }
        }
      }
    }
    for (String prefix : prefixes) {
      en.keySet().stream().filter(k -> k.startsWith(prefix)).forEach(keys::add);
    }
    return keys;
  }

  private static Set<String> placeholders(String text) {
    Set<String> found = new TreeSet<>();
    Matcher m = Pattern.compile("\\{[a-z0-9]+\\}").matcher(text == null ? "" : text);
    while (m.find()) {
      found.add(m.group());
    }
    return found;
  }

  private static Map<String, String> file(String lang) {
    Properties p = new Properties();
    try (InputStream in = VendorPortalLanguagesTest.class.getClassLoader()
        .getResourceAsStream("web/strings_" + lang + ".properties")) {
      assertNotNull(in, "web/strings_" + lang + ".properties");
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> out = new HashMap<>();
    p.forEach((k, v) -> out.put((String) k, (String) v));
    return out;
  }

  private static String resource(String name) {
    try (InputStream in = VendorPortalLanguagesTest.class.getClassLoader().getResourceAsStream(name)) {
      assertNotNull(in, name);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
