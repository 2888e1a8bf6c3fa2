package payledger.settlement;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
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
    try {
      Files.createDirectories(dir);
      Path file = Files.createTempFile(dir, "settlement-", ".csv");
      MessageDigest digest = newDigest();
      long bytes;
      try (InputStream hashed = new DigestInputStream(in, digest);
          OutputStream out = Files.newOutputStream(file)) {
        bytes = hashed.transferTo(out);
      } catch (IOException | RuntimeException e) {
        Files.deleteIfExists(file);
        throw e;
      }
      return new Spool(file, HexFormat.of().formatHex(digest.digest()), bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
