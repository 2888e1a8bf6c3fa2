package payledger.chain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.BiFunction;

/**
 * The hash chain of one entity's journal: {@code hash = SHA-256(prevHash ‖ canonical bytes)}, where
 * {@code prevHash} is the previous event's hash as 64 lower-case hex characters (ASCII) and the
 * first event's {@code prevHash} is {@link #GENESIS}. Hashes are lower-case hex.
 */
public final class HashChain {

  /** The prevHash of an entity's first event. */
  public static final String GENESIS = "0".repeat(64);

  private HashChain() {}

  /** The hash that follows {@code prevHash} (null means genesis) for these canonical bytes. */
  public static String next(String prevHash, byte[] canonical) {
    MessageDigest sha = sha256();
    sha.update(orGenesis(prevHash).getBytes(StandardCharsets.US_ASCII));
    sha.update(canonical);
    return HexFormat.of().formatHex(sha.digest());
  }

  /** The hash that follows {@code prevHash} for a domain event. */
  public static String next(String prevHash, Object event) {
    return next(prevHash, Canonical.bytes(event));
  }

  public static String orGenesis(String hash) {
    return hash == null ? GENESIS : hash;
  }

  /**
   * An entity's event handler with the chain: the domain's own {@code apply}, then the new last
   * hash. Entities write {@code onAnyEvent((s, e) -> HashChain.follow(s, e, S::apply))}.
   */
  public static <S extends ChainedState<S>, E> S follow(S state, E event, BiFunction<S, E, S> apply) {
    return apply.apply(state, event).withLastHash(next(state.lastHash(), event));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
