package payledger.chain;

import java.io.NotSerializableException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.apache.pekko.serialization.SerializerWithStringManifest;

/**
 * The journal bytes of a {@link ChainedEvent}, simple enough to read from a raw Cassandra row in
 * any language (docs/AUDIT.md): version byte {@code 1}, the type name's length (2 bytes, big
 * endian) and UTF-8 bytes, prevHash (32 bytes), hash (32 bytes), then the canonical JSON payload to
 * the end. No Jackson in between: the audit reads every row of the journal, so this is its hot path.
 */
public final class ChainedEventSerializer extends SerializerWithStringManifest {

  private static final byte VERSION = 1;
  private static final HexFormat HEX = HexFormat.of();

  @Override
  public int identifier() {
    return 7_310_001;
  }

  @Override
  public String manifest(Object o) {
    return "C1";
  }

  @Override
  public byte[] toBinary(Object o) {
    ChainedEvent c = (ChainedEvent) o;
    byte[] type = c.type().getBytes(StandardCharsets.UTF_8);
    ByteBuffer out = ByteBuffer.allocate(1 + 2 + type.length + 64 + c.payload().length);
    out.put(VERSION).putShort((short) type.length).put(type)
        .put(HEX.parseHex(c.prevHash())).put(HEX.parseHex(c.hash())).put(c.payload());
    return out.array();
  }

  @Override
  public Object fromBinary(byte[] bytes, String manifest) throws NotSerializableException {
    if (bytes.length < 3 || bytes[0] != VERSION) {
      throw new NotSerializableException("not a chained event (version " + (bytes.length == 0 ? "none" : bytes[0]) + ")");
    }
    int typeLength = ((bytes[1] & 0xff) << 8) | (bytes[2] & 0xff);
    int hashes = 3 + typeLength;
    if (bytes.length < hashes + 64) {
      throw new NotSerializableException("chained event too short: " + bytes.length + " bytes");
    }
    return new ChainedEvent(
        new String(bytes, 3, typeLength, StandardCharsets.UTF_8),
        HEX.formatHex(bytes, hashes, hashes + 32),
        HEX.formatHex(bytes, hashes + 32, hashes + 64),
        Arrays.copyOfRange(bytes, hashes + 64, bytes.length));
  }
}
