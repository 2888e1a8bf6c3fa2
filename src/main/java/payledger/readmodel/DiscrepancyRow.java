package payledger.readmodel;

import java.time.Instant;
import java.util.List;
import payledger.order.Discrepancy;
import payledger.order.DiscrepancyDeadline;
import payledger.order.DiscrepancySla;
import payledger.order.OrderState;
import payledger.order.RecordedPayment;

/**
 * One discrepancy as the queue shows it; {@code key} ({@code orderId/discrepancyId}) names it.
 *
 * @param escalation its SLA escalation level, 0-2 (one per breached deadline)
 * @param slaPassed the SLA moments that passed ({@link DiscrepancyDeadline} names), in order
 * @param gateway the gateway it is attributed to ({@link #gatewayOf}), null when none is known
 */
public record DiscrepancyRow(
    String orderId,
    String discrepancyId,
    String type,
    Instant detectedAt,
    Instant customerNotifyBy,
    Instant resolveBy,
    Long expected,
    Long actual,
    String currency,
    String detail,
    String resolution,
    String resolvedBy,
    Instant resolvedAt,
    int escalation,
    List<String> slaPassed,
    String gateway) {

  public DiscrepancyRow {
    slaPassed = slaPassed == null ? List.of() : List.copyOf(slaPassed);
  }

  public static DiscrepancyRow of(OrderState order, Discrepancy d) {
    String orderId = order.orderId();
    var money = d.actual() != null ? d.actual() : d.expected();
    return new DiscrepancyRow(orderId, d.id(), d.type().name(), d.detectedAt(),
        d.customerNotifyBy(), d.resolveBy(),
        d.expected() == null ? null : d.expected().value(),
        d.actual() == null ? null : d.actual().value(),
        money == null ? null : money.currency(), d.detail(),
        d.resolution() == null ? null : d.resolution().name(), d.resolvedBy(), d.resolvedAt(),
        DiscrepancySla.escalation(order, d.id()),
        DiscrepancySla.passed(order, d.id()).stream().map(DiscrepancyDeadline::name).toList(),
        gatewayOf(order, d));
  }

  /**
   * The gateway of the payment the discrepancy is about (its subject, else the first payment it
   * involves), else of the order's first payment, else null (a missing payment before any
   * attempt). An order paid through several gateways thus lists each payment's discrepancy under
   * that payment's gateway, and its whole-order ones under the gateway of the payments involved.
   */
  static String gatewayOf(OrderState order, Discrepancy d) {
    List<RecordedPayment> payments = order.facts().payments();
    List<String> about = new java.util.ArrayList<>();
    about.add(d.subject());
    if (d.payments() != null) {
      about.addAll(d.payments());
    }
    for (String key : about) {
      for (RecordedPayment p : payments) {
        if (p.event().key().equals(key)) {
          return p.event().gateway();
        }
      }
    }
    return payments.isEmpty() ? null : payments.get(0).event().gateway();
  }

  public String key() {
    return orderId + "/" + discrepancyId;
  }

  public boolean isOpen() {
    return resolution == null;
  }
}
