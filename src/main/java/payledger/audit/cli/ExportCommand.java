package payledger.audit.cli;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.concurrent.Callable;
import org.apache.pekko.stream.javadsl.Sink;
import payledger.audit.Scope;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "export", mixinStandardHelpOptions = true,
    description = "Write every event in the range as NDJSON (stdout or --out), checking each "
        + "entity's hash chain from the lines as they pass. Exit 1 when a chain does not verify.")
final class ExportCommand implements Callable<Integer> {

  @Option(names = "--from", description = "range start, ISO-8601")
  java.time.Instant from;

  @Option(names = "--to", description = "range end (exclusive), ISO-8601")
  java.time.Instant to;

  @Option(names = {"-o", "--out"}, description = "file to write (default: stdout)")
  Path out;

  @Option(names = {"-q", "--quiet"}, description = "no progress on stderr")
  boolean quiet;

  @Mixin Target target;

  @Override
  public Integer call() throws Exception {
    Progress progress = new Progress(quiet);
    LineChecker checker = new LineChecker(from == null);
    try (OutputStream sink = new BufferedOutputStream(
        out == null ? System.out : new FileOutputStream(out.toFile()), 1 << 16)) {
      if (target.direct()) {
        try (DirectJournal journal = target.cassandra()) {
          journal.audit().export(Scope.range(from, to)).runWith(Sink.foreach(bytes -> {
            for (String line : bytes.utf8String().split("\n")) {
              write(line, sink, checker, progress);
            }
          }), journal.system()).toCompletableFuture().get();
        }
      } else {
        Iterator<String> lines = target.service().export(from, to).iterator();
        while (lines.hasNext()) {
          write(lines.next(), sink, checker, progress);
        }
      }
    }
    progress.done(String.format("exported %,d events, %d broken chains", checker.lines(),
        checker.problems().size()));
    checker.problems().forEach(p -> System.err.println("broken: " + p));
    return checker.problems().isEmpty() ? 0 : AuditCli.BROKEN;
  }

  private static void write(String line, OutputStream sink, LineChecker checker, Progress progress)
      throws IOException {
    if (line.isEmpty()) {
      return;
    }
    sink.write(line.getBytes(StandardCharsets.UTF_8));
    sink.write('\n');
    checker.accept(ServiceClient.JSON.readTree(line));
    progress.show(String.format("exported %,d events", checker.lines()), false);
  }
}
