package payledger.order;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import payledger.metrics.LedgerMetrics;
import payledger.order.OrderEvent.DiscrepancyDeadlinePassed;
import payledger.order.OrderEvent.DiscrepancyOpened;
import payledger.order.OrderEvent.DiscrepancyResolved;

/**
 * What an order's discrepancy events raise besides themselves, once, when they are journaled
 * (never on replay): the opened and resolved counters, the alert of a receipt withheld for a
 * mismatch, and for an SLA moment the cases' metric ({@code payledger_sla_deadlines_passed_total},
 * with the discrepancy's type) and a structured line on the cases' alert log
 * ({@code payledger.alerts}): WARN for a breach, INFO for a warning.
 */
final class DiscrepancyAlerts {

  private static final Logger alerts = LoggerFactory.getLogger("payledger.alerts");

  private DiscrepancyAlerts() {}

  /** @param after the order's state after {@code journaled} */
  static void journaled(List<OrderEvent> journaled, OrderState after) {
    Receipts.alertIfWithheld(journaled);
    for (OrderEvent event : journaled) {
      if (event instanceof DiscrepancyOpened opened) {
        LedgerMetrics.discrepancyOpened(opened.discrepancy().type().name());
      } else if (event instanceof DiscrepancyResolved resolved) {
        after.discrepancy(resolved.discrepancyId()).ifPresent(d ->
            LedgerMetrics.discrepancyResolved(d.type().name(), resolved.resolution().name()));
      }
      if (event instanceof DiscrepancyDeadlinePassed p) {
        LedgerMetrics.slaDeadlinePassed(p.deadline().metricName(), p.deadline().isBreach(),
            p.type().name());
        if (p.deadline().isBreach()) {
          alerts.warn("SLA breach {} on discrepancy {} ({}) of order {} due {} (escalation level {})",
              p.deadline(), p.discrepancyId(), p.type(), p.orderId(), p.dueAt(), p.escalation());
        } else {
          alerts.info("SLA warning {} on discrepancy {} ({}) of order {}",
              p.deadline(), p.discrepancyId(), p.type(), p.orderId());
        }
      }
    }
  }
}
