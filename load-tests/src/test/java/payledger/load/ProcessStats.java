package payledger.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time and resident memory of a process, from /proc (Linux), to compare two moments; and the
 * CPU time of its JIT compiler threads, which on two cores can take a large share of a JVM that is
 * still warming up (a lower bound: a compiler thread that has exited takes its time with it).
 */
record ProcessStats(long pid, long cpuTicks, long jitTicks, long nanos, long rssKb) {

  /** USER_HZ: /proc reports CPU time in these ticks (100 on Linux, whatever the kernel's HZ). */
  private static final double TICKS_PER_SECOND = 100.0;

  static ProcessStats of(long pid) {
    try {
      Path proc = Path.of("/proc", Long.toString(pid));
      long ticks = ticks(Files.readString(proc.resolve("stat")));
      long jit;
      try (Stream<Path> threads = Files.list(proc.resolve("task"))) {
        jit = threads.mapToLong(ProcessStats::compilerTicks).sum();
      }
      long rss = Files.readAllLines(proc.resolve("status")).stream()
          .filter(l -> l.startsWith("VmRSS:"))
          .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(0);
      return new ProcessStats(pid, ticks, jit, System.nanoTime(), rss);
    } catch (IOException | UncheckedIOException e) {
      throw new IllegalStateException("cannot read /proc/" + pid, e);
    }
  }

  /** utime + stime of a /proc stat line; the fields after the command name (which may hold spaces). */
  private static long ticks(String stat) {
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(f[11]) + Long.parseLong(f[12]);
  }

  /** The thread's CPU ticks when it is a HotSpot compiler thread ("C1 CompilerThre", "C2 …"), else 0. */
  private static long compilerTicks(Path thread) {
    try {
      return Files.readString(thread.resolve("comm")).contains("CompilerThre")
          ? ticks(Files.readString(thread.resolve("stat"))) : 0;
    } catch (IOException e) {
      return 0; // the thread ended between listing and reading
    }
  }

  /** The JIT compiler threads' average CPU use since {@code earlier}, in % of one core. */
  double jitPercentSince(ProcessStats earlier) {
    double seconds = (nanos - earlier.nanos) / 1e9;
    return 100.0 * (jitTicks - earlier.jitTicks) / TICKS_PER_SECOND / seconds;
  }

  /** Average CPU use since {@code earlier}, in % of one core (200 % = both cores of this box). */
  double cpuPercentSince(ProcessStats earlier) {
    double seconds = (nanos - earlier.nanos) / 1e9;
    return 100.0 * (cpuTicks - earlier.cpuTicks) / TICKS_PER_SECOND / seconds;
  }
}
