package payledger.order;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import payledger.metrics.LedgerMetrics;
import payledger.order.OrderEvent.DiscrepancyDeadlinePassed;

/**
 * What a discrepancy's SLA moment raises besides its event, once, when it is journaled (never on
 * replay): the cases' metric ({@code payledger_sla_deadlines_passed_total}, with the discrepancy's
 * type) and a structured line on the cases' alert log ({@code payledger.alerts}): WARN for a
 * breach, INFO for a warning.
 */
final class DiscrepancyAlerts {

  private static final Logger alerts = LoggerFactory.getLogger("payledger.alerts");

  private DiscrepancyAlerts() {}

  static void raise(List<OrderEvent> journaled) {
    for (OrderEvent event : journaled) {
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
