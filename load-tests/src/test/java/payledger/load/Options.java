package payledger.load;

/**
 * The benchmark's options, from system properties (see benchmark.sh and README.md).
 *
 * @param warmupSeconds at most this long; see {@link Warmup}
 * @param soakSeconds 0: no soak
 */
record Options(long seconds, int concurrency, long rawRows, long warmupSeconds, long warmupStep,
    int repeat, boolean pin, long soakSeconds, int batch, String serviceJvm) {

  static Options fromSystemProperties() {
    return new Options(Long.getLong("seconds", 60), Integer.getInteger("concurrency", 128),
        Long.getLong("rawRows", 200_000), Long.getLong("warmup", 600), Long.getLong("warmupStep", 30),
        Math.max(1, Integer.getInteger("repeat", 3)),
        Pinning.fromSystemProperties().on(), Long.getLong("soak", 0), Integer.getInteger("batch", 1),
        System.getProperty("serviceJvm", "").trim());
  }
}
