package payledger.web.console;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import payledger.audit.VerifyReport;

/**
 * An order's audit verification ({@link VerifyReport}) as the order page shows it: whether it
 * passed, what was checked, and each problem in a line — broken hash chains, the replayed state
 * against the live entity, the replayed events against the read models — and what could not be
 * compared yet because a read model has not caught up (not a failure).
 */
final class Verified {

  private Verified() {}

  /** The template's values; {@code report} null when the journal holds nothing of the order. */
  static Map<String, Object> view(VerifyReport report, Map<String, String> t) {
    Map<String, Object> m = new HashMap<>();
    if (report == null) {
      m.put("ok", false);
      m.put("headline", t.get("verify_nothing"));
      return m;
    }
    m.put("ok", report.ok());
    m.put("headline", t.get(report.ok() ? "verify_ok" : "verify_failed"));
    m.put("counts", t.get("verify_counts")
        .replace("{0}", String.valueOf(report.eventsChecked()))
        .replace("{1}", String.valueOf(report.unchainedEvents()))
        .replace("{2}", String.valueOf(report.durationMillis())));
    List<String> problems = new ArrayList<>();
    report.brokenChains().forEach(b -> problems.add(t.get("verify_chain")
        .replace("{0}", String.valueOf(b.firstBadSeqNr())) + ": " + b.reason()));
    report.stateMismatches().forEach(x -> problems.add(x.check() + ": " + x.detail()));
    report.readModelMismatches().forEach(x -> problems.add(x.check() + ": " + x.detail()));
    if (report.truncated()) {
      problems.add(t.get("verify_truncated"));
    }
    m.put("problems", problems);
    m.put("hasProblems", !problems.isEmpty());
    m.put("behind", report.behind().stream().map(b -> b.check() + ": " + b.detail()).toList());
    m.put("hasBehind", !report.behind().isEmpty());
    m.put("compared", String.join(", ", report.compared()));
    m.put("at", payledger.web.Times.at(report.startedAt()));
    return m;
  }
}
