package payledger.metrics;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a request path into a bounded metric label: the path template of {@code openapi.yaml} it
 * matches (e.g. {@code /v1/orders/{orderId}}), or {@link #UNMATCHED} for any other path, so the
 * number of label values is the number of documented routes plus one whatever clients send.
 */
public final class RouteTemplate {

  /** The one label shared by every path the API does not document (probes, typos, scanners). */
  public static final String UNMATCHED = "unmatched";

  // A path key of the spec's top-level `paths:` map: two spaces of indent, then the template.
  private static final Pattern PATH_KEY = Pattern.compile("^  (/\\S*):\\s*$");

  private record Template(String label, String[] segments, int literals) {

    boolean matches(String[] path) {
      if (path.length != segments.length) {
        return false;
      }
      for (int i = 0; i < path.length; i++) {
        boolean parameter = segments[i].startsWith("{");
        if (parameter ? path[i].isEmpty() : !segments[i].equals(path[i])) {
          return false;
        }
      }
      return true;
    }
  }

  private final List<Template> templates;

  private RouteTemplate(List<Template> templates) {
    this.templates = templates;
  }

  /** The templates of an OpenAPI document's {@code paths}, as this project writes it (block style). */
  public static RouteTemplate fromSpec(byte[] openApiYaml) {
    List<Template> templates = new ArrayList<>();
    boolean inPaths = false;
    for (String line : new String(openApiYaml, StandardCharsets.UTF_8).split("\\R")) {
      if (!line.startsWith(" ") && !line.isBlank()) {
        inPaths = line.startsWith("paths:");
        continue;
      }
      Matcher key = PATH_KEY.matcher(line);
      if (inPaths && key.matches()) {
        String[] segments = segments(key.group(1));
        int literals = 0;
        for (String s : segments) {
          literals += s.startsWith("{") ? 0 : 1;
        }
        templates.add(new Template(key.group(1), segments, literals));
      }
    }
    if (templates.isEmpty()) {
      throw new IllegalArgumentException("the OpenAPI document has no paths");
    }
    // Where two templates match, the one with more fixed words wins (`/a/b` over `/a/{id}`).
    templates.sort(Comparator.comparingInt(Template::literals).reversed());
    return new RouteTemplate(List.copyOf(templates));
  }

  /** Every template known, in the order they are tried. */
  public List<String> templates() {
    return templates.stream().map(Template::label).toList();
  }

  public String of(String path) {
    String[] segments = segments(path);
    for (Template template : templates) {
      if (template.matches(segments)) {
        return template.label();
      }
    }
    return UNMATCHED;
  }

  private static String[] segments(String path) {
    // -1 keeps a trailing empty segment, so `/v1/orders/` is not taken for `/v1/orders`.
    String[] parts = path.split("/", -1);
    return parts.length > 0 && parts[0].isEmpty()
        ? Arrays.copyOfRange(parts, 1, parts.length) : parts;
  }
}
