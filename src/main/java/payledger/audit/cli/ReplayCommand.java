package payledger.audit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import payledger.audit.AuditedEntity;
import payledger.audit.JournalLines;
import payledger.audit.VerifiedEntity;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "replay", mixinStandardHelpOptions = true,
    description = "Replay one entity's journal: each event with its hash check, then (with "
        + "--cassandra) the state the events give. Exit 1 when the chain does not verify.")
final class ReplayCommand implements Callable<Integer> {

  @ArgGroup(exclusive = true, multiplicity = "1")
  Which which;

  static final class Which {
    @Option(names = "--order", required = true) String orderId;
    @Option(names = "--dispute", required = true) String disputeId;
  }

  @Mixin Target target;

  @Override
  public Integer call() throws Exception {
    AuditedEntity<?, ?> type = which.orderId != null ? AuditedEntity.ORDERS : AuditedEntity.DISPUTES;
    String id = which.orderId != null ? which.orderId : which.disputeId;
    LineChecker checker = new LineChecker(true);
    if (target.direct()) {
      try (DirectJournal journal = target.cassandra()) {
        VerifiedEntity<?, ?> replayed = journal.audit().replay(type, id).toCompletableFuture().get()
            .orElseThrow(() -> new IllegalStateException("no journal for " + type.entityType() + " " + id));
        replayed.rows().forEach(row -> print(read(JournalLines.json(row)), checker));
        System.out.println("state: " + VerifyCommand.PRETTY.writeValueAsString(replayed.state()));
        if (!replayed.intact()) {
          System.out.println("broken at #" + replayed.firstBadSeqNr() + ": " + replayed.reason());
          return AuditCli.BROKEN;
        }
      }
    } else {
      JsonNode journal = target.service().journal(
          type == AuditedEntity.ORDERS ? "orders" : "disputes", id);
      journal.path("events").forEach(e -> print(e, checker));
      System.out.println("chain: " + journal.path("chain"));
    }
    checker.problems().forEach(p -> System.out.println("broken: " + p));
    return checker.problems().isEmpty() ? 0 : AuditCli.BROKEN;
  }

  private static void print(JsonNode event, LineChecker checker) {
    int before = checker.problems().size();
    checker.accept(event);
    System.out.printf("#%-4d %s  %-24s %s  %s%n", event.path("seqNr").asLong(),
        event.path("timestamp").asText(), event.path("type").asText(),
        event.path("hash").asText("-"), checker.problems().size() > before ? "BROKEN" : "ok");
  }

  private static JsonNode read(byte[] json) {
    try {
      return ServiceClient.JSON.readTree(json);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
