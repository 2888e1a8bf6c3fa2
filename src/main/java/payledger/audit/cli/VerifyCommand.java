package payledger.audit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.Iterator;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.javadsl.Source;
import payledger.audit.Scope;
import payledger.audit.Verification;
import payledger.audit.VerifyReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "verify", mixinStandardHelpOptions = true,
    description = "Replay journals, recompute hash chains and state, compare with read models; "
        + "print the report (JSON) on stdout. Exit 1 when anything is broken or mismatched, 3 "
        + "when the scope matches no entity (nothing verified).")
final class VerifyCommand implements Callable<Integer> {

  static final ObjectMapper PRETTY = new ObjectMapper().registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .enable(SerializationFeature.INDENT_OUTPUT);

  @Mixin ScopeOptions scope;
  @Mixin Target target;

  @Option(names = {"-q", "--quiet"}, description = "no progress on stderr")
  boolean quiet;

  @Override
  public Integer call() throws Exception {
    Progress progress = new Progress(quiet);
    JsonNode report;
    try {
      report = target.direct() ? direct(progress) : overHttp(progress);
    } catch (ServiceClient.NothingToVerify nothing) {
      System.err.println("payledger audit: nothing to verify: " + nothing.getMessage());
      return AuditCli.NOTHING;
    }
    System.out.println(PRETTY.writeValueAsString(report));
    progress.done(summary(report));
    return report.path("ok").asBoolean() ? 0 : AuditCli.BROKEN;
  }

  private JsonNode overHttp(Progress progress) throws Exception {
    JsonNode report = null;
    Iterator<String> lines = target.service().verify(scope.body()).iterator();
    while (lines.hasNext()) {
      JsonNode line = ServiceClient.JSON.readTree(lines.next());
      if (line.has("report")) {
        report = line.path("report");
      } else {
        progress.show(summary(line.path("progress")), true);
      }
    }
    if (report == null) {
      throw new IllegalStateException("the service ended the verification without a report");
    }
    return report;
  }

  private JsonNode direct(Progress progress) throws Exception {
    Scope asked = scope.scope();
    try (DirectJournal journal = target.cassandra()) {
      AtomicReference<VerifyReport> report = new AtomicReference<>();
      Source<Verification.Update, NotUsed> updates = journal.audit().verify(asked)
          .toCompletableFuture().get()
          .orElseThrow(() -> new ServiceClient.NothingToVerify(asked.nothingFound()));
      updates.runWith(Sink.foreach(update -> {
        if (update.report() != null) {
          report.set(update.report());
        } else {
          progress.show(summary(PRETTY.valueToTree(update.progress())), true);
        }
      }), journal.system()).toCompletableFuture().get();
      return PRETTY.valueToTree(report.get());
    }
  }

  private static String summary(JsonNode p) {
    return String.format("%,d entities, %,d events, %,d broken, %,d mismatches, %,d behind",
        p.path("entitiesChecked").asLong(), p.path("eventsChecked").asLong(),
        p.has("brokenChainCount") ? p.path("brokenChainCount").asLong() : p.path("brokenChains").asLong(),
        p.has("mismatchCount") ? p.path("mismatchCount").asLong() : p.path("mismatches").asLong(),
        p.has("behindCount") ? p.path("behindCount").asLong() : p.path("behind").asLong());
  }
}
