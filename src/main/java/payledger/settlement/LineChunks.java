package payledger.settlement;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * A staged chunk of an import's lines as one blob ({@code stl_chunks.body}): a format byte, the
 * line count, then each line in {@link LineCodec}'s form, deflated (level 1: the cost is the
 * per-row write it replaces, not the bytes). Stored data: the form of version 1 never changes; a
 * new form gets a new version byte and this class keeps reading the old one.
 */
final class LineChunks {

  static final int VERSION = 1;

  private LineChunks() {}

  static byte[] encode(List<SettlementLine> lines) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.max(1_024, lines.size() * 24));
    Deflater deflater = new Deflater(Deflater.BEST_SPEED);
    try (DataOutputStream out = new DataOutputStream(new DeflaterOutputStream(bytes, deflater, 1 << 16))) {
      out.writeByte(VERSION);
      out.writeInt(lines.size());
      for (SettlementLine line : lines) {
        LineCodec.write(out, line);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      deflater.end();
    }
    return bytes.toByteArray();
  }

  static List<SettlementLine> decode(byte[] body) {
    Inflater inflater = new Inflater();
    try (DataInputStream in = new DataInputStream(new InflaterInputStream(new ByteArrayInputStream(body),
        inflater, 1 << 16))) {
      int version = in.readByte();
      if (version != VERSION) {
        throw new IllegalStateException("unknown staged chunk format " + version);
      }
      int count = in.readInt();
      List<SettlementLine> lines = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        lines.add(LineCodec.read(in));
      }
      return lines;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      inflater.end();
    }
  }
}
