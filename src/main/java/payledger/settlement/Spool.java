package payledger.settlement;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A settlement file on local disk with its SHA-256: an upload is streamed here (never into memory)
 * so it can be read twice, once to check every line and once to stage them.
 */
public record Spool(Path file, String sha256, long bytes) {

  /** Copies {@code in} to a new file under {@code dir}, hashing as it goes. */
  public static Spool of(InputStream in, Path dir) {
    Writer writer = writer(dir);
    try (InputStream teed = writer.tee(in)) {
      teed.transferTo(OutputStream.nullOutputStream());
    } catch (IOException e) {
      writer.abandon();
      throw new UncheckedIOException(e);
    }
    return writer.finish();
  }

  /** A file already on disk (the CLI's, a benchmark's), hashed in one streaming pass. */
  public static Spool existing(Path file) {
    MessageDigest digest = newDigest();
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      long bytes = in.transferTo(OutputStream.nullOutputStream());
      return new Spool(file, HexFormat.of().formatHex(digest.digest()), bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A spool being written while its bytes are read by a checker ({@link #tee}). */
  public static Writer writer(Path dir) {
    try {
      Files.createDirectories(dir);
      Path file = Files.createTempFile(dir, "settlement-", ".csv");
      return new Writer(file, FileChannel.open(file, StandardOpenOption.WRITE), newDigest());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Bytes read through {@link #tee} are spooled and hashed; {@link #finish} makes them durable. */
  public static final class Writer {
    private final Path file;
    private final FileChannel out;
    private final MessageDigest digest;
    private long bytes;

    private Writer(Path file, FileChannel out, MessageDigest digest) {
      this.file = file;
      this.out = out;
      this.digest = digest;
    }

    /** {@code in}, each byte read from it also written to the spool and hashed. */
    public InputStream tee(InputStream in) {
      return new FilterInputStream(in) {
        @Override
        public int read() throws IOException {
          byte[] one = new byte[1];
          return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          int n = super.read(b, off, len);
          if (n > 0) {
            digest.update(b, off, n);
            ByteBuffer buffer = ByteBuffer.wrap(b, off, n);
            while (buffer.hasRemaining()) {
              out.write(buffer);
            }
            bytes += n;
          }
          return n;
        }

        @Override
        public long skip(long n) throws IOException {
          return read(new byte[(int) Math.min(n, 8192)], 0, (int) Math.min(n, 8192));
        }
      };
    }

    /** Forces the bytes to disk and closes the spool: it survives a crash of the node. */
    public Spool finish() {
      try (out) {
        out.force(true);
      } catch (IOException e) {
        abandon();
        throw new UncheckedIOException(e);
      }
      return new Spool(file, HexFormat.of().formatHex(digest.digest()), bytes);
    }

    /** Drops the spool (a refused or failed upload keeps nothing). */
    public void abandon() {
      try {
        out.close();
        Files.deleteIfExists(file);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** The spool moved to {@code target} (same file system: an atomic rename). */
  public Spool moveTo(Path target) {
    try {
      Files.move(file, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return new Spool(target, sha256, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void delete() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
