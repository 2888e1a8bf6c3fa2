package payledger.http;

import java.time.Instant;
import java.util.List;
import payledger.money.Money;
import payledger.vendor.PayoutDiscrepancy;
import payledger.vendor.VendorLedger;

/** A recorded payout event as the API answers it, and a payout discrepancy as the API shows it. */
record PayoutResponse(String vendorId, String eventId, String gateway, String payoutId, String status,
    Money amount, Instant occurredAt, boolean duplicate, List<Discrepancy> discrepancies) {

  static PayoutResponse of(VendorLedger.PayoutAck ack) {
    var p = ack.payout();
    return new PayoutResponse(ack.vendorId(), p.eventId(), p.gateway(), p.payoutId(), p.status().name(),
        new Money(p.amount(), p.currency()), p.occurredAt(), ack.duplicate(),
        ack.found().stream().map(Discrepancy::of).toList());
  }

  /** @param resolution null while open */
  record Discrepancy(String id, String type, String status, Money expected, Money actual,
      String payoutId, Instant periodDay, Instant detectedAt, Instant vendorNoticeBy,
      Instant resolveBy, int escalation, Resolution resolution) {

    record Resolution(String resolution, String actor, String note, Instant at) {}

    static Discrepancy of(PayoutDiscrepancy d) {
      return new Discrepancy(d.id(), d.type().name(), d.isOpen() ? "OPEN" : "RESOLVED",
          new Money(d.expected(), d.currency()), new Money(d.actual(), d.currency()), d.payoutId(),
          d.periodDay(), d.detectedAt(), d.noticeBy(), d.resolveBy(), d.escalation(),
          d.resolution() == null ? null : new Resolution(d.resolution().how(), d.resolution().by(),
              d.resolution().note(), d.resolution().at()));
    }
  }
}
