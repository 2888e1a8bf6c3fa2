package payledger.http;

import java.time.Instant;
import java.util.List;
import payledger.money.Money;
import payledger.vendor.PayoutBook;
import payledger.vendor.PayoutDiscrepancy;
import payledger.vendor.VendorLedger;

/** A recorded payout event as the API answers it, and a payout discrepancy as the API shows it. */
record PayoutResponse(String vendorId, String eventId, String gateway, String payoutId, String status,
    Money amount, Instant occurredAt, boolean duplicate, List<Discrepancy> discrepancies) {

  static PayoutResponse of(VendorLedger.PayoutAck ack) {
    var p = ack.payout();
    return new PayoutResponse(ack.vendorId(), p.eventId(), p.gateway(), p.payoutId(), p.status().name(),
        new Money(p.amount(), p.currency()), p.occurredAt(), ack.duplicate(),
        ack.found().stream().map(d -> Discrepancy.of(d, null)).toList());
  }

  /**
   * @param vendorNotifiedAt when the first notice of it reached the vendor, null until one has
   * @param resolution null while open
   */
  record Discrepancy(String id, String type, String status, Money expected, Money actual,
      String payoutId, Instant periodDay, Instant detectedAt, Instant vendorNoticeBy,
      Instant vendorNotifiedAt, Instant resolveBy, int escalation, Resolution resolution) {

    record Resolution(String resolution, String actor, String note, Instant at) {}

    /** @param book the vendor's, for the notices sent; null when none can have been yet */
    static Discrepancy of(PayoutDiscrepancy d, PayoutBook book) {
      PayoutBook.VendorNotice told = book == null ? null : book.firstDelivered(d.id());
      return new Discrepancy(d.id(), d.type().name(), d.isOpen() ? "OPEN" : "RESOLVED",
          new Money(d.expected(), d.currency()), new Money(d.actual(), d.currency()), d.payoutId(),
          d.periodDay(), d.detectedAt(), d.noticeBy(), told == null ? null : told.at(),
          d.resolveBy(), d.escalation(),
          d.resolution() == null ? null : new Resolution(d.resolution().how(), d.resolution().by(),
              d.resolution().note(), d.resolution().at()));
    }
  }
}
