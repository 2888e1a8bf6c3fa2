package payledger.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * One journal row as the auditor's JSON object: {@code persistenceId, entityType, entityId, seqNr,
 * timestamp, type, payload, prevHash, hash} (docs/AUDIT.md). {@code payload} is the event exactly
 * as hashed: the canonical bytes are {@code {"event":<payload>,"type":"<type>"}} in canonical form.
 * The payload is copied from the stored bytes, never re-serialized, so what the auditor reads is
 * what was hashed. A row that does not deserialize carries {@code error} instead; stored bytes that
 * are not the canonical document carry {@code payloadBase64}.
 */
public final class JournalLines {

  private static final JsonFactory JSON = new JsonFactory();
  private static final byte[] PREFIX = "{\"event\":".getBytes(StandardCharsets.US_ASCII);

  private JournalLines() {}

  /** The row as one line of NDJSON (with the newline). */
  public static byte[] ndjson(JournalRow row) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    write(row, out);
    out.write('\n');
    return out.toByteArray();
  }

  /** The row as a JSON object. */
  public static byte[] json(JournalRow row) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    write(row, out);
    return out.toByteArray();
  }

  private static void write(JournalRow row, ByteArrayOutputStream out) {
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("persistenceId", row.persistenceId());
      int bar = row.persistenceId().indexOf('|');
      g.writeStringField("entityType", bar < 0 ? "" : row.persistenceId().substring(0, bar));
      g.writeStringField("entityId", row.persistenceId().substring(bar + 1));
      g.writeNumberField("seqNr", row.seqNr());
      g.writeStringField("timestamp", row.timestamp().toString());
      if (row.payload() instanceof ChainedEvent c) {
        g.writeStringField("type", c.type());
        byte[] event = eventOf(c);
        if (event != null) {
          g.writeFieldName("payload");
          g.writeRawValue(new String(event, StandardCharsets.UTF_8));
        } else {
          g.writeStringField("payloadBase64", Base64.getEncoder().encodeToString(c.payload()));
        }
        g.writeStringField("prevHash", c.prevHash());
        g.writeStringField("hash", c.hash());
      } else if (row.payload() != null) {
        // Written before the chain: shown in canonical form, with no hashes.
        g.writeStringField("type", Canonical.typeName(row.payload()));
        g.writeFieldName("payload");
        g.writeRawValue(new String(eventOf(ChainedEvent.of(null, row.payload())), StandardCharsets.UTF_8));
      } else {
        g.writeStringField("error", row.error());
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The event object inside the stored canonical document, or null when the stored bytes are not
   * such a document (then they were not written by payledger: the auditor gets them raw).
   */
  static byte[] eventOf(ChainedEvent c) {
    byte[] doc = c.payload();
    byte[] suffix = (",\"type\":\"" + c.type() + "\"}").getBytes(StandardCharsets.UTF_8);
    int end = doc.length - suffix.length;
    if (end <= PREFIX.length
        || !Arrays.equals(doc, 0, PREFIX.length, PREFIX, 0, PREFIX.length)
        || !Arrays.equals(doc, end, doc.length, suffix, 0, suffix.length)) {
      return null;
    }
    try {
      Canonical.parse(Arrays.copyOfRange(doc, PREFIX.length, end));
    } catch (RuntimeException notJson) {
      return null;
    }
    return Arrays.copyOfRange(doc, PREFIX.length, end);
  }
}
