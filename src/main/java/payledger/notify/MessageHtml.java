package payledger.notify;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A notification's plain text as the body of its HTML part: paragraphs at blank lines, line breaks
 * kept, every character escaped, and links (the payment link, the receipt link) made clickable.
 */
final class MessageHtml {

  private static final Pattern LINK = Pattern.compile("https?://[^\\s<>\"]+[^\\s<>\".,;:!?)]");

  private MessageHtml() {}

  static String body(String text) {
    StringBuilder out = new StringBuilder();
    for (String paragraph : text.strip().split("\\n\\s*\\n")) {
      out.append("<p>");
      String[] lines = paragraph.strip().split("\\n");
      for (int i = 0; i < lines.length; i++) {
        if (i > 0) {
          out.append("<br/>\n");
        }
        out.append(linked(lines[i]));
      }
      out.append("</p>\n");
    }
    return out.toString();
  }

  private static String linked(String line) {
    StringBuilder out = new StringBuilder();
    Matcher m = LINK.matcher(line);
    int at = 0;
    while (m.find()) {
      out.append(escape(line.substring(at, m.start())));
      String url = escape(m.group());
      out.append("<a href=\"").append(url).append("\">").append(url).append("</a>");
      at = m.end();
    }
    return out.append(escape(line.substring(at))).toString();
  }

  static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length());
    s.codePoints().forEach(c -> {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.appendCodePoint(Character.isISOControl(c) ? ' ' : c);
      }
    });
    return out.toString();
  }
}
