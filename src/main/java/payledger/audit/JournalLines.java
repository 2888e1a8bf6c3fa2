package payledger.audit;

import com.fasterxml.jackson.core.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import payledger.chain.Canonical;
import payledger.chain.ChainedEvent;

/**
 * One journal row as the auditor's JSON object: {@code persistenceId, entityType, entityId, seqNr,
 * timestamp, type, payload, prevHash, hash} (docs/AUDIT.md). {@code payload} is the event exactly
 * as hashed: the canonical bytes are {@code {"event":<payload>,"type":"<type>"}} in canonical form.
 * The payload is copied from the stored bytes, never re-serialized, so what the auditor reads is
 * what was hashed. A row that does not deserialize carries {@code error} instead; stored bytes that
 * are not the canonical document carry {@code payloadBase64}.
 *
 * <p>Written by hand rather than through a JSON generator: an export renders every row of the
 * journal, and copying the payload bytes through is most of the work.
 */
public final class JournalLines {

  private static final byte[] PREFIX = "{\"event\":".getBytes(StandardCharsets.US_ASCII);

  private JournalLines() {}

  /** The row as one line of NDJSON (with the newline). */
  public static byte[] ndjson(JournalRow row) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(768);
    write(row, out);
    out.write('\n');
    return out.toByteArray();
  }

  /** Appends the row as one line of NDJSON (with the newline) to {@code out}. */
  public static void ndjson(JournalRow row, ByteArrayOutputStream out) {
    write(row, out);
    out.write('\n');
  }

  /** The row as a JSON object. */
  public static byte[] json(JournalRow row) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(768);
    write(row, out);
    return out.toByteArray();
  }

  private static void write(JournalRow row, ByteArrayOutputStream out) {
    String pid = row.persistenceId();
    int bar = pid.indexOf('|');
    field(out, '{', "persistenceId", pid);
    field(out, ',', "entityType", bar < 0 ? "" : pid.substring(0, bar));
    field(out, ',', "entityId", pid.substring(bar + 1));
    ascii(out, ",\"seqNr\":" + row.seqNr());
    field(out, ',', "timestamp", row.timestamp().toString());
    if (row.payload() instanceof ChainedEvent c) {
      field(out, ',', "type", c.type());
      byte[] doc = c.payload();
      int end = eventEnd(c);
      if (end > 0) {
        ascii(out, ",\"payload\":");
        out.write(doc, PREFIX.length, end - PREFIX.length);
      } else {
        field(out, ',', "payloadBase64", Base64.getEncoder().encodeToString(doc));
      }
      field(out, ',', "prevHash", c.prevHash());
      field(out, ',', "hash", c.hash());
    } else if (row.payload() != null) {
      // Written before the chain: shown in canonical form, with no hashes.
      ChainedEvent c = ChainedEvent.of(null, row.payload());
      field(out, ',', "type", c.type());
      ascii(out, ",\"payload\":");
      out.write(c.payload(), PREFIX.length, eventEnd(c) - PREFIX.length);
    } else {
      field(out, ',', "error", row.error());
    }
    out.write('}');
  }

  /** The event object inside the stored canonical document, or null when the bytes are not one. */
  static byte[] eventOf(ChainedEvent c) {
    int end = eventEnd(c);
    return end < 0 ? null : Arrays.copyOfRange(c.payload(), PREFIX.length, end);
  }

  /**
   * Where the event object inside {@code {"event":…,"type":"…"}} ends, or -1 when the stored bytes
   * are not such a document holding one well-formed JSON object (then they were not written by
   * payledger, and the auditor gets them raw).
   */
  private static int eventEnd(ChainedEvent c) {
    byte[] doc = c.payload();
    byte[] suffix = (",\"type\":\"" + c.type() + "\"}").getBytes(StandardCharsets.UTF_8);
    int end = doc.length - suffix.length;
    if (end <= PREFIX.length
        || !Arrays.equals(doc, 0, PREFIX.length, PREFIX, 0, PREFIX.length)
        || !Arrays.equals(doc, end, doc.length, suffix, 0, suffix.length)) {
      return -1;
    }
    try (JsonParser p = Canonical.MAPPER.getFactory().createParser(doc, PREFIX.length, end - PREFIX.length)) {
      if (p.nextToken() == null || !p.currentToken().isStructStart()) {
        return -1;
      }
      p.skipChildren();
      return p.nextToken() == null ? end : -1;
    } catch (IOException notJson) {
      return -1;
    }
  }

  private static void field(ByteArrayOutputStream out, char before, String name, String value) {
    out.write(before);
    out.write('"');
    ascii(out, name);
    ascii(out, "\":");
    out.writeBytes(Canonical.string(value).getBytes(StandardCharsets.UTF_8));
  }

  private static void ascii(ByteArrayOutputStream out, String s) {
    for (int i = 0; i < s.length(); i++) {
      out.write(s.charAt(i));
    }
  }
}
