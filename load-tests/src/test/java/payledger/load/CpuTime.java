package payledger.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time (ms) of each process of the benchmark and of the whole box, to compare two moments: the
 * service (and its JIT compiler threads), Cassandra, the load generator (this JVM: Gatling), the
 * SMTP sink, and the box — /proc/stat's busy time over all cores (user, nice, system, irq, softirq;
 * not steal). {@link #restMs()} is the box minus the four: the kernel's own work, other users of a
 * shared machine, builds.
 */
record CpuTime(double serviceMs, double serviceJitMs, double cassandraMs, double generatorMs,
    double sinkMs, double boxMs, double seconds) {

  /** USER_HZ: /proc reports CPU time in these ticks (100 on Linux, whatever the kernel's HZ). */
  private static final double MS_PER_TICK = 10;

  static CpuTime of(long servicePid, long cassandraPid, long sinkPid) {
    ProcessStats service = ProcessStats.of(servicePid);
    return new CpuTime(ms(service.cpuTicks()), ms(service.jitTicks()),
        ms(ProcessStats.of(cassandraPid).cpuTicks()),
        ms(ProcessStats.of(ProcessHandle.current().pid()).cpuTicks()),
        ms(ProcessStats.of(sinkPid).cpuTicks()), ms(boxTicks()), System.nanoTime() / 1e9);
  }

  CpuTime since(CpuTime before) {
    return new CpuTime(serviceMs - before.serviceMs, serviceJitMs - before.serviceJitMs,
        cassandraMs - before.cassandraMs, generatorMs - before.generatorMs, sinkMs - before.sinkMs,
        boxMs - before.boxMs, seconds - before.seconds);
  }

  double restMs() {
    return boxMs - serviceMs - cassandraMs - generatorMs - sinkMs;
  }

  /** The JIT compiler threads' share of the service's CPU (0.05 = 5 %). */
  double jitShare() {
    return serviceMs == 0 ? 0 : serviceJitMs / serviceMs;
  }

  /** ms of CPU over this interval as % of one core (200 % = both cores of a 2-core box). */
  double percent(double ms) {
    return ms / 10 / seconds;
  }

  private static double ms(long ticks) {
    return ticks * MS_PER_TICK;
  }

  private static long boxTicks() {
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long busy = 0;
      for (int i : new int[] {1, 2, 3, 6, 7}) { // user nice system (idle iowait) irq softirq
        busy += Long.parseLong(f[i]);
      }
      return busy;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
