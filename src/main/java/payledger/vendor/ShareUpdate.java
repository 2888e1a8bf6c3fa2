package payledger.vendor;

import java.time.Instant;
import java.util.Objects;
import payledger.serialization.CborSerializable;

/**
 * What a vendor has of one order now, after the order's event {@code orderSeqNr}: the cumulative
 * part, not a delta, so a repeat has no second effect and the ledger can tell a stale one (an older
 * sequence number) from a new one.
 *
 * @param part the vendor's part of the order's net paid (share + commission), in minor units
 * @param vendorDue the vendor's attributed due ({@link VendorSplit.Attribution#due}), which the
 *     commission is pro rata to
 * @param lineCount the vendor's lines in the order
 * @param at when the order event happened: the settlement time picks the commission terms and the
 *     payout date
 */
public record ShareUpdate(String vendorId, String orderId, long orderSeqNr, Movement.Kind kind, String currency,
    long part, long vendorDue, int lineCount, Instant at) implements CborSerializable {

  public ShareUpdate {
    Objects.requireNonNull(vendorId, "vendorId");
    Objects.requireNonNull(orderId, "orderId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(at, "at");
  }
}
