package payledger.readmodel;

import java.time.Instant;
import payledger.order.Discrepancy;

/** One discrepancy as the queue shows it; {@code key} ({@code orderId/discrepancyId}) names it. */
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
    Instant resolvedAt) {

  public static DiscrepancyRow of(String orderId, Discrepancy d) {
    var money = d.actual() != null ? d.actual() : d.expected();
    return new DiscrepancyRow(orderId, d.id(), d.type().name(), d.detectedAt(),
        d.customerNotifyBy(), d.resolveBy(),
        d.expected() == null ? null : d.expected().value(),
        d.actual() == null ? null : d.actual().value(),
        money == null ? null : money.currency(), d.detail(),
        d.resolution() == null ? null : d.resolution().name(), d.resolvedBy(), d.resolvedAt());
  }

  public String key() {
    return orderId + "/" + discrepancyId;
  }

  public boolean isOpen() {
    return resolution == null;
  }
}
