package payledger.settlement;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * The one form of the settlement's blobs in Cassandra (staged chunks, order-line sets, settled
 * sets): a format byte, then the body, deflated at level 1 (the cost to save is the per-row write
 * such a blob replaces, not bytes). A reader refuses a format byte it does not know.
 */
final class Deflated {

  /** Writes a blob's body. */
  interface Body {
    void write(DataOutputStream out) throws IOException;
  }

  /** Reads a blob's body. */
  interface Reader<T> {
    T read(DataInputStream in) throws IOException;
  }

  private Deflated() {}

  static byte[] write(int version, int sizeHint, Body body) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.max(1_024, sizeHint));
    Deflater deflater = new Deflater(Deflater.BEST_SPEED);
    try (DataOutputStream out = new DataOutputStream(new DeflaterOutputStream(bytes, deflater, 1 << 16))) {
      out.writeByte(version);
      body.write(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      deflater.end();
    }
    return bytes.toByteArray();
  }

  static <T> T read(byte[] blob, int version, String what, Reader<T> reader) {
    Inflater inflater = new Inflater();
    try (DataInputStream in = new DataInputStream(new InflaterInputStream(new ByteArrayInputStream(blob),
        inflater, 1 << 16))) {
      int found = in.readByte();
      if (found != version) {
        throw new IllegalStateException("unknown " + what + " format " + found);
      }
      return reader.read(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      inflater.end();
    }
  }
}
