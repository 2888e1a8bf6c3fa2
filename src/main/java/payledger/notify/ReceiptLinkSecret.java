package payledger.notify;

import com.typesafe.config.Config;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The secret that signs self-service receipt links ({@code payledger.notify.receipt-links.secret}).
 * Whoever knows it opens any order's receipt, so it is never one that was published. A production
 * configuration (the dev API keys off, {@code payledger.auth.dev-keys-enabled = false}) must set its
 * own, or the node does not start. The embedded dev default, which leaves it empty, signs with a
 * random secret generated once per installation and kept in {@code var/receipt-link-secret}, so
 * links survive restarts and the nodes of one machine share it, but no known key opens a dev node.
 */
public final class ReceiptLinkSecret {

  /** The default of earlier releases, printed in their payledger.conf: refused wherever it is set. */
  private static final String PUBLISHED = "dev-receipt-link-secret-not-for-production";
  private static final String FILE = "receipt-link-secret";
  private static final String SET_IT =
      "set payledger.notify.receipt-links.secret (PAYLEDGER_RECEIPT_LINK_SECRET) to 16+ random"
          + " characters, e.g. $(openssl rand -hex 32), the same on every node";

  private ReceiptLinkSecret() {}

  /** The secret of this configuration; throws, saying what to set, when it may not run with none. */
  public static String resolve(Config config) {
    return resolve(config, Path.of(config.getString("payledger.home")).resolve("var"));
  }

  static String resolve(Config config, Path var) {
    String configured = config.getString("payledger.notify.receipt-links.secret");
    if (configured.equals(PUBLISHED)) {
      throw new IllegalStateException(
          "the receipt-link secret is the one published with earlier releases: " + SET_IT);
    }
    if (!configured.isEmpty()) {
      return configured;
    }
    if (!config.getBoolean("payledger.auth.dev-keys-enabled")) {
      throw new IllegalStateException("no receipt-link secret: a production configuration (dev API"
          + " keys off) signs receipt links with its own; " + SET_IT);
    }
    return kept(var.resolve(FILE));
  }

  /**
   * The installation's secret, created on first use: written whole under another name, then linked
   * into place, so nodes starting together on one {@code var/} all read the one that won.
   */
  private static String kept(Path file) {
    try {
      if (!Files.exists(file)) {
        Files.createDirectories(file.getParent());
        // Created readable by this user only.
        Path draft = Files.createTempFile(file.getParent(), FILE, ".new");
        try {
          byte[] random = new byte[32];
          new SecureRandom().nextBytes(random);
          Files.writeString(draft, HexFormat.of().formatHex(random) + "\n");
          Files.createLink(file, draft);
        } catch (FileAlreadyExistsException anotherNodeWasFirst) {
          // Read theirs below.
        } finally {
          Files.deleteIfExists(draft);
        }
      }
      String secret = Files.readString(file, StandardCharsets.UTF_8).trim();
      if (secret.length() < 16) {
        throw new IOException("it holds fewer than 16 characters");
      }
      return secret;
    } catch (IOException | UnsupportedOperationException e) {
      throw new IllegalStateException(
          "cannot keep the dev receipt-link secret in " + file + " (" + e.getMessage() + "); " + SET_IT, e);
    }
  }
}
