package payledger.audit.cli;

import java.io.PrintStream;

/** One progress line on stderr, rewritten in place on a terminal; silent when --quiet. */
final class Progress {

  private static final String[] BAR = {"[=   ]", "[ =  ]", "[  = ]", "[   =]", "[  = ]", "[ =  ]"};
  private final PrintStream err = System.err;
  private final boolean quiet;
  private final long started = System.nanoTime();
  private int tick;
  private long lastShown;

  Progress(boolean quiet) {
    this.quiet = quiet;
  }

  /** Shows {@code what} at most ten times a second, or always when {@code force}. */
  void show(String what, boolean force) {
    long now = System.nanoTime();
    if (quiet || (!force && now - lastShown < 100_000_000L)) {
      return;
    }
    lastShown = now;
    double seconds = (now - started) / 1e9;
    err.printf("\r%s %s  %.1f s   ", BAR[tick++ % BAR.length], what, seconds);
    err.flush();
  }

  void done(String what) {
    if (!quiet) {
      show(what, true);
      err.println();
    }
  }
}
