package payledger.chain;

/**
 * The state of an entity whose journal is hash-chained: it knows the hash of its last event, so a
 * snapshot carries the chain and recovery from it continues the chain.
 */
public interface ChainedState<S> {

  /** The hash of the last applied event; null before the first (genesis). */
  String lastHash();

  S withLastHash(String hash);
}
