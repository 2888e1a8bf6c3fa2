package payledger.settlement;

import com.typesafe.config.Config;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@code payledger.settlements} (settlements.conf), read once: import limits, the SETTLEMENT_MISSING
 * window, the days a run scans the ledger's payments over, how often spooled imports are resumed, the fee expectations and the findings' deadlines (with the warning's share of the window).
 */
public record SettlementSettings(
    long maxFileBytes,
    Duration importTimeout,
    Path spoolDir,
    int writesInFlight,
    int missingAfterDays,
    int missingLookbackDays,
    FeeExpectations fees,
    Duration noticeWithin,
    Duration resolveWithin,
    double warnAt,
    String keyspace,
    Duration resumeEvery,
    int matchWindowDays,
    int scanJoinMinLines) {

  public static SettlementSettings from(Config config) {
    Config c = config.getConfig("payledger.settlements");
    String spool = c.getString("spool-dir");
    List<FeeExpectations.Expectation> fees = c.getConfigList("fee-expectations").stream()
        .map(f -> new FeeExpectations.Expectation(f.getString("gateway"), f.getString("method"),
            new BigDecimal(f.getString("percent")), f.getLong("fixed")))
        .toList();
    return new SettlementSettings(
        c.getBytes("max-file-bytes"),
        c.getDuration("import-timeout"),
        spool.isBlank() ? Path.of(System.getProperty("java.io.tmpdir")) : Path.of(spool),
        c.getInt("writes-in-flight"),
        c.getInt("missing-after-days"),
        c.getInt("missing-lookback-days"),
        new FeeExpectations(fees),
        c.getDuration("notice-within"),
        c.getDuration("resolve-within"),
        c.getDouble("warn-at"),
        config.getString("pekko.persistence.cassandra.journal.keyspace"),
        c.getDuration("resume-every"),
        c.getInt("match-window-days"),
        c.getInt("scan-join-min-lines"));
  }
}
