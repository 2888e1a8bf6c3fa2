package payledger.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time and resident memory of a process, from /proc (Linux), to compare two moments. */
record ProcessStats(long pid, long cpuTicks, long nanos, long rssKb) {

  /** USER_HZ: /proc reports CPU time in these ticks (100 on Linux, whatever the kernel's HZ). */
  private static final double TICKS_PER_SECOND = 100.0;

  static ProcessStats of(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
      long rss = Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
          .filter(l -> l.startsWith("VmRSS:"))
          .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(0);
      return new ProcessStats(pid, ticks, System.nanoTime(), rss);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read /proc/" + pid, e);
    }
  }

  /** Average CPU use since {@code earlier}, in % of one core (200 % = both cores of this box). */
  double cpuPercentSince(ProcessStats earlier) {
    double seconds = (nanos - earlier.nanos) / 1e9;
    return 100.0 * (cpuTicks - earlier.cpuTicks) / TICKS_PER_SECOND / seconds;
  }
}
