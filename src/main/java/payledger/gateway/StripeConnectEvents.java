package payledger.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Locale;
import payledger.json.JsonFields;
import payledger.vendor.PayoutEvent;

/**
 * Maps a verified Stripe Connect event about money sent to a connected account to a
 * {@link PayoutMessage}. Pure. Stripe moves a vendor's money twice: a {@code transfer} from the
 * platform to the connected account, then a {@code payout} from that account to the vendor's bank.
 * Payouts are counted from one family only ({@code payouts-from}): {@code payout.paid} /
 * {@code payout.failed} of the connected account named by the event's {@code account} (the default),
 * or {@code transfer.created} / {@code transfer.reversed} to the account in {@code destination}; the
 * other family is acknowledged as redundant. A partial transfer reversal is acknowledged and not
 * recorded: the transfer still paid the rest, which a support agent settles on the vendor's ledger.
 */
final class StripeConnectEvents {

  private final boolean fromTransfers;
  private final long maxAmount;

  StripeConnectEvents(boolean fromTransfers, long maxAmount) {
    this.fromTransfers = fromTransfers;
    this.maxAmount = maxAmount;
  }

  PayoutMessage map(JsonNode body) {
    if (!body.isObject()) {
      throw new JsonFields.Invalid("(body)", "must be a JSON object");
    }
    JsonFields envelope = JsonFields.message(body, "");
    if (!"event".equals(envelope.text("object"))) {
      throw new JsonFields.Invalid("object", "must be \"event\"");
    }
    String type = envelope.text("type");
    return switch (type) {
      case "payout.paid", "payout.failed" -> fromTransfers ? redundant(type) : payout(envelope, type);
      case "transfer.created", "transfer.reversed" ->
          fromTransfers ? transfer(envelope, type, body) : redundant(type);
      default -> new PayoutMessage.Ignored(type, "not a payout event payledger records");
    };
  }

  private PayoutMessage payout(JsonFields envelope, String type) {
    String eventId = envelope.id("id");
    String account = envelope.id("account");
    Instant created = envelope.epochSeconds("created");
    JsonFields po = envelope.object("data").object("object");
    String payoutId = po.id("id");
    long amount = po.integer("amount", 1, maxAmount);
    String currency = po.currency("currency");
    envelope.validate();
    po.validate();
    PayoutEvent.Status status = type.equals("payout.paid") ? PayoutEvent.Status.PAID : PayoutEvent.Status.FAILED;
    return new PayoutMessage.Payout(null, account,
        new PayoutEvent(eventId, StripeEvents.GATEWAY, payoutId, status, currency.toUpperCase(Locale.ROOT),
            amount, created));
  }

  private PayoutMessage transfer(JsonFields envelope, String type, JsonNode body) {
    String eventId = envelope.id("id");
    Instant created = envelope.epochSeconds("created");
    JsonFields tr = envelope.object("data").object("object");
    String transferId = tr.id("id");
    String account = tr.id("destination");
    long amount = tr.integer("amount", 1, maxAmount);
    String currency = tr.currency("currency");
    envelope.validate();
    tr.validate();
    boolean reversed = type.equals("transfer.reversed");
    if (reversed && body.path("data").path("object").path("amount_reversed").asLong(0) < amount) {
      return new PayoutMessage.Ignored(type, "a partial reversal: settle it on the vendor's ledger");
    }
    return new PayoutMessage.Payout(null, account, new PayoutEvent(eventId, StripeEvents.GATEWAY,
        transferId, reversed ? PayoutEvent.Status.FAILED : PayoutEvent.Status.PAID,
        currency.toUpperCase(Locale.ROOT), amount, created));
  }

  private static PayoutMessage redundant(String type) {
    return new PayoutMessage.Ignored(type, "redundant: payouts are counted from the other family");
  }
}
