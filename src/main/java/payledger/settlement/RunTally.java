package payledger.settlement;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import payledger.money.Money;

/**
 * A reconciliation run over one file, line by line in constant memory (per batch, gateway and
 * method, never per line): how many ledger lines matched, by gateway and method; the fees kept;
 * the findings by type; and, at the end, each payout batch checked (Σ lines = payout).
 */
public final class RunTally {

  /** Matched of the lines the ledger should know (payments, refunds, chargebacks). */
  public record Share(long lines, long matched) {
    Share plus(boolean isMatched) {
      return new Share(lines + 1, matched + (isMatched ? 1 : 0));
    }

    /** Percent with one decimal; 100 when there is nothing to match. */
    public double percent() {
      return lines == 0 ? 100.0 : Math.floor(matched * 1000.0 / lines) / 10.0;
    }
  }

  /** A payout batch: the sum of its lines' nets and the payout the file states (null: none). */
  public record Payout(String gateway, String batch, Money linesNet, Money paid, boolean balanced) {}

  /** The run's figures. */
  public record Summary(String importId, long lines, Share overall, Map<String, Share> byGateway,
      Map<String, Share> byMethod, Map<String, Long> fees, Map<String, Long> rounding,
      Map<FindingType, Long> findings, List<Payout> payouts, Instant reconciledAt) {}

  private record Batch(String gateway, String batch, Money[] net, SettlementLine[] payout, boolean[] mixed) {}

  private final String importId;
  private long lines;
  private Share overall = new Share(0, 0);
  private final Map<String, Share> byGateway = new TreeMap<>();
  private final Map<String, Share> byMethod = new TreeMap<>();
  private final Map<String, Long> fees = new TreeMap<>();
  private final Map<String, Long> rounding = new TreeMap<>();
  private final Map<FindingType, Long> findings = new EnumMap<>(FindingType.class);
  private final Map<String, Batch> batches = new LinkedHashMap<>();

  public RunTally(String importId) {
    this.importId = importId;
  }

  /** A ledger line's match and findings. */
  public void matched(Matching.Result result) {
    LineMatch m = result.match();
    SettlementLine line = m.line();
    batch(line);
    overall = overall.plus(m.matched());
    byGateway.merge(line.gateway(), new Share(1, m.matched() ? 1 : 0), RunTally::sum);
    byMethod.merge(line.gateway() + "/" + m.method(), new Share(1, m.matched() ? 1 : 0), RunTally::sum);
    fees.merge(line.gateway() + "/" + m.method() + "/" + line.fee().currency(), line.fee().value(), Long::sum);
    if (m.rounding() != null) {
      rounding.merge(m.rounding().currency(), m.rounding().value(), Long::sum);
    }
    result.findings().forEach(this::found);
  }

  /** A line the ledger has no event kind for: a fee, an adjustment, the payout. */
  public void other(SettlementLine line) {
    batch(line);
    if (line.kind() == SettlementKind.FEE) {
      fees.merge(line.gateway() + "/(fees)/" + line.net().currency(), -line.net().value(), Long::sum);
    }
  }

  public void found(Finding finding) {
    findings.merge(finding.type(), 1L, Long::sum);
  }

  private void batch(SettlementLine line) {
    lines++;
    Batch b = batches.computeIfAbsent(ImportRecord.batchKey(line.gateway(), line.batch()),
        k -> new Batch(line.gateway(), line.batch(), new Money[] {Money.zero(line.net().currency())},
            new SettlementLine[1], new boolean[1]));
    if (line.kind() == SettlementKind.PAYOUT) {
      b.payout()[0] = line;
    } else if (b.net()[0].currency().equals(line.net().currency())) {
      b.net()[0] = b.net()[0].plus(line.net());
    } else {
      b.mixed()[0] = true;
    }
  }

  /** The payout checks (their findings to {@code sink}), then the figures. */
  public Summary finish(Matching matching, Instant now, java.util.function.Consumer<Finding> sink) {
    List<Payout> payouts = new ArrayList<>();
    for (Batch b : batches.values()) {
      SettlementLine payout = b.payout()[0];
      Money paid = payout == null ? null : new Money(-payout.net().value(), payout.net().currency());
      boolean balanced = true;
      if (payout != null) {
        var finding = matching.payout(importId, b.gateway(), b.batch(),
            b.mixed()[0] ? null : b.net()[0], payout, now);
        if (finding.isPresent()) {
          balanced = false;
          found(finding.get());
          sink.accept(finding.get());
        }
      }
      payouts.add(new Payout(b.gateway(), b.batch(), b.net()[0], paid, balanced));
    }
    return new Summary(importId, lines, overall, byGateway, byMethod, fees, rounding, findings, payouts, now);
  }

  private static Share sum(Share a, Share b) {
    return new Share(a.lines() + b.lines(), a.matched() + b.matched());
  }
}
