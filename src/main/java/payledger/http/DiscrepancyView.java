package payledger.http;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;
import payledger.order.Discrepancy;
import payledger.order.DiscrepancyDeadline;
import payledger.order.DiscrepancySla;
import payledger.order.OrderState;

/**
 * A discrepancy in the JSON of its order: the discrepancy's own fields (with its deadlines,
 * {@code customerNotifyBy} and {@code resolveBy}) and where it stands on its SLA.
 *
 * @param escalationLevel 0-2, one per breached deadline
 * @param slaPassed the SLA moments that passed, in order
 * @param customerNotified a notice about it reached the customer: the notice deadline is met
 */
record DiscrepancyView(
    @JsonUnwrapped Discrepancy discrepancy,
    int escalationLevel,
    List<DiscrepancyDeadline> slaPassed,
    boolean customerNotified) {

  static List<DiscrepancyView> all(OrderState order) {
    return order.discrepancies().stream()
        .map(d -> new DiscrepancyView(d, DiscrepancySla.escalation(order, d.id()),
            DiscrepancySla.passed(order, d.id()), DiscrepancySla.noticeDelivered(order, d.id())))
        .toList();
  }
}
