package payledger.chain;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The canonical bytes of a domain event, the input of its hash: what an auditor recomputes, in any
 * language, from the JSON payload the journal endpoints return (docs/AUDIT.md).
 *
 * <p>{@code {"event":{…the event's fields…},"type":"<event type name>"}} in the JSON
 * Canonicalization Scheme (RFC 8785) restricted to what payledger events hold: members sorted by
 * name, no insignificant whitespace, null members omitted, integers only (no floating point),
 * instants as ISO-8601 UTC strings ({@code 2026-11-22T10:15:30Z}, fraction digits only when
 * non-zero), enums by name, UTF-8. Only record components count, never derived accessors.
 */
public final class Canonical {

  /** Fields only: a record's components are its data; {@code isOpen()} and the like are derived. */
  public static final ObjectMapper MAPPER = new ObjectMapper()
      .registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
      .setSerializationInclusion(JsonInclude.Include.NON_NULL)
      .setVisibility(PropertyAccessor.GETTER, JsonAutoDetect.Visibility.NONE)
      .setVisibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE)
      .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY);

  private Canonical() {}

  /** The type name an event is journaled and hashed under: its simple class name. */
  public static String typeName(Object event) {
    return event.getClass().getSimpleName();
  }

  /** The canonical bytes of a domain event. */
  public static byte[] bytes(Object event) {
    ObjectNode doc = MAPPER.createObjectNode();
    doc.set("event", MAPPER.valueToTree(event));
    doc.put("type", typeName(event));
    return bytes(doc);
  }

  /** Any JSON tree in canonical form; refuses floating point, which has no one spelling. */
  public static byte[] bytes(JsonNode node) {
    StringBuilder out = new StringBuilder(256);
    write(node, out);
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static final JsonPointer EVENT = JsonPointer.compile("/event");

  /** Reads a canonical payload back into the event record it was made from (in one pass). */
  public static <E> E decode(byte[] canonical, Class<E> type) {
    try {
      return MAPPER.readerFor(type).at(EVENT).readValue(canonical);
    } catch (IOException e) {
      throw new UncheckedIOException("not a canonical " + type.getSimpleName(), e);
    }
  }

  /** The parsed payload (for re-canonicalizing a document received as JSON). */
  public static JsonNode parse(byte[] json) {
    try {
      return MAPPER.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON", e);
    }
  }

  private static void write(JsonNode node, StringBuilder out) {
    switch (node.getNodeType()) {
      case OBJECT -> {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        names.sort(null); // String order is UTF-16 code unit order, as RFC 8785 sorts
        out.append('{');
        boolean first = true;
        for (String name : names) {
          JsonNode value = node.get(name);
          if (value.isNull()) {
            continue;
          }
          if (!first) {
            out.append(',');
          }
          first = false;
          string(name, out);
          out.append(':');
          write(value, out);
        }
        out.append('}');
      }
      case ARRAY -> {
        out.append('[');
        Iterator<JsonNode> items = node.elements();
        while (items.hasNext()) {
          write(items.next(), out);
          if (items.hasNext()) {
            out.append(',');
          }
        }
        out.append(']');
      }
      case STRING -> string(node.textValue(), out);
      case BOOLEAN -> out.append(node.booleanValue());
      case NUMBER -> {
        if (!node.isIntegralNumber()) {
          throw new IllegalArgumentException("floating point has no canonical form: " + node);
        }
        out.append(node.bigIntegerValue());
      }
      case NULL -> out.append("null");
      default -> throw new IllegalArgumentException("no canonical form for " + node.getNodeType());
    }
  }

  /** A JSON string literal with RFC 8785 escaping. */
  public static String string(String s) {
    StringBuilder out = new StringBuilder(s.length() + 2);
    string(s, out);
    return out.toString();
  }

  /** RFC 8785 string escaping: only '"', '\\' and control characters, lower-case hex. */
  private static void string(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
