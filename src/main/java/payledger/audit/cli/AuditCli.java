package payledger.audit.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ./payledger audit verify|export|replay}: the auditor's tool, against a running service
 * (HTTP, the auditor's API key) or directly against Cassandra. Exit codes: 0 all verified, 1
 * something is broken or does not match, 2 the tool could not do its job (usage, connection), 3
 * the scope matches no entity of the journal (nothing was verified).
 */
@Command(
    name = "payledger audit",
    mixinStandardHelpOptions = true,
    description = "Replay, verify and export the payledger journal (docs/AUDIT.md).",
    subcommands = {VerifyCommand.class, ExportCommand.class, ReplayCommand.class})
public final class AuditCli implements Runnable {

  static final int BROKEN = 1;
  static final int FAILED = 2;
  static final int NOTHING = 3;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  public static int run(String... args) {
    return new CommandLine(new AuditCli())
        .setExecutionExceptionHandler((e, cmd, parsed) -> {
          cmd.getErr().println("payledger audit: " + e.getMessage());
          return FAILED;
        })
        .setExitCodeExceptionMapper(e -> FAILED)
        .execute(args);
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.err);
  }
}
