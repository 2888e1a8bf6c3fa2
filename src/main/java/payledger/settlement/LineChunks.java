package payledger.settlement;

import java.util.ArrayList;
import java.util.List;

/**
 * A staged chunk of an import's lines as one blob ({@code stl_chunks.body}, {@link Deflated}): the
 * line count, then each line in {@link LineCodec}'s form. Stored data: the form of version 1 never
 * changes; a new form gets a new version byte and this class keeps reading the old one.
 */
final class LineChunks {

  static final int VERSION = 1;

  private LineChunks() {}

  static byte[] encode(List<SettlementLine> lines) {
    return Deflated.write(VERSION, lines.size() * 24, out -> {
      out.writeInt(lines.size());
      for (SettlementLine line : lines) {
        LineCodec.write(out, line);
      }
    });
  }

  static List<SettlementLine> decode(byte[] body) {
    return Deflated.read(body, VERSION, "staged chunk", in -> {
      int count = in.readInt();
      List<SettlementLine> lines = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        lines.add(LineCodec.read(in));
      }
      return lines;
    });
  }
}
