package payledger.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import payledger.dispute.DisputeEvent;
import payledger.money.Money;
import payledger.money.MoneyFormat;
import payledger.order.Discrepancy;
import payledger.order.DiscrepancyType;
import payledger.order.OrderEvent;
import payledger.order.PaymentEvent;
import payledger.order.Receipt;

/**
 * Which customer notifications entity events call for: a pure function of the domain events, so a
 * replay yields the same notifications with the same ids. Who receives them (the {@link Contact}) is added by the projection.
 */
public final class NotificationPlan {

  /**
   * A notification before its recipient is known.
   *
   * @param channel a channel support forced (a resend), or null for the customer's preferences
   */
  public record Draft(
      String id,
      NotificationKind kind,
      String orderId,
      String disputeId,
      String subjectId,
      Map<String, String> values,
      Receipt receipt,
      Channel channel,
      Instant at) {

    /** The notification for {@code contact}, on the channel support forced or their own. */
    Notification to(Contact contact) {
      return new Notification(id, kind, orderId, disputeId, subjectId, contact.customerId(),
          contact.email(), contact.locale(),
          channel == null ? contact.channels() : Channel.preferences(List.of(channel.name())),
          values, receipt, at, contact.phone());
    }
  }

  private final Duration paymentGrace;

  /** @param paymentGrace how long a customer has to retry a failed payment (retry instructions) */
  public NotificationPlan(Duration paymentGrace) {
    this.paymentGrace = paymentGrace;
  }

  /**
   * The notifications a run of one order's events calls for, in order. A successful payment whose
   * receipt follows (it settled the order, and the receipt was journaled in the same write) is
   * told by the receipt alone: one message for one payment. Should the run end between the two
   * (a projection group cut there), the payment is confirmed as well: a second message, never none.
   *
   * @param locale the customer's, for amounts in the values
   */
  public List<Draft> forOrder(List<OrderEvent> events, String locale) {
    List<Draft> drafts = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      OrderEvent event = events.get(i);
      if (!(event instanceof OrderEvent.PaymentRecorded && receiptFollows(events, i + 1))) {
        drafts.addAll(forOrder(event, locale));
      }
    }
    return drafts;
  }

  /** Whether a sendable receipt comes before the next payment. */
  private static boolean receiptFollows(List<OrderEvent> events, int from) {
    for (OrderEvent next : events.subList(from, events.size())) {
      if (next instanceof OrderEvent.PaymentRecorded) {
        return false;
      }
      if (next instanceof OrderEvent.ReceiptIssued r) {
        return r.mismatches().isEmpty();
      }
    }
    return false;
  }

  /** @param locale the customer's, for amounts in the values */
  List<Draft> forOrder(OrderEvent event, String locale) {
    if (event instanceof OrderEvent.PaymentRecorded e) {
      return payment(e.orderId(), e.payment(), e.recordedAt(), locale);
    }
    if (event instanceof OrderEvent.DiscrepancyOpened e) {
      return discrepancy(e.orderId(), e.discrepancy(), locale);
    }
    if (event instanceof OrderEvent.DiscrepancyDeadlinePassed e) {
      return List.of(new Draft("sla:" + e.orderId() + ":" + e.discrepancyId() + ":" + e.deadline(),
          NotificationKind.DISCREPANCY_SLA, e.orderId(), null, e.discrepancyId(),
          Map.of("orderId", e.orderId(), "discrepancyId", e.discrepancyId(),
              "type", e.type().name(), "deadline", e.deadline().name(),
              "breach", e.deadline().isBreach() ? "true" : "",
              "dueAt", at(e.dueAt(), locale), "escalation", Integer.toString(e.escalation())),
          null, Channel.WEBHOOK, e.at()));
    }
    if (event instanceof OrderEvent.ReceiptIssued e && e.mismatches().isEmpty()) {
      return List.of(receipt("receipt:" + e.orderId(), e.receipt(), null));
    }
    if (event instanceof OrderEvent.ReceiptResendRequested e) {
      return List.of(new Draft(e.notificationId(), NotificationKind.RECEIPT, e.orderId(), null,
          e.receipt().number(), Map.of(), e.receipt(), Channel.parse(e.channel()).orElse(null),
          e.at()));
    }
    return List.of();
  }

  public List<Draft> forDispute(DisputeEvent event, String orderId, String locale) {
    String id = event.disputeId();
    if (event instanceof DisputeEvent.ActionTaken e) {
      String key = "dispute:" + id + ":" + e.action().name().toLowerCase() + ":" + e.at().toEpochMilli();
      Map<String, String> values = new HashMap<>(Map.of("trackingNumber", id,
          "at", at(e.at(), locale), "message", e.text() == null ? "" : e.text()));
      return switch (e.action()) {
        case ACKNOWLEDGE -> List.of(new Draft(key, NotificationKind.DISPUTE_ACKNOWLEDGED, orderId,
            id, id, values, null, null, e.at()));
        case REQUEST_INFO, ESCALATE, CLOSE -> {
          values.put("update", e.action().name());
          yield List.of(new Draft(key, NotificationKind.DISPUTE_UPDATE, orderId, id, id, values,
              null, null, e.at()));
        }
        default -> List.of();
      };
    }
    if (event instanceof DisputeEvent.Resolved e) {
      Map<String, String> values = new HashMap<>(Map.of("trackingNumber", id,
          "at", at(e.at(), locale), "action", e.resolution().action().name(),
          "reason", e.resolution().reason() == null ? "" : e.resolution().reason()));
      if (e.resolution().amount() != null) {
        values.put("amount", money(e.resolution().amount(), locale));
      }
      return List.of(new Draft("dispute:" + id + ":resolved", NotificationKind.DISPUTE_RESOLVED,
          orderId, id, id, values, null, null, e.at()));
    }
    return List.of();
  }

  Draft receipt(String id, Receipt receipt, Channel channel) {
    return new Draft(id, NotificationKind.RECEIPT, receipt.orderId(), null, receipt.number(),
        Map.of(), receipt, channel, receipt.issuedAt());
  }

  private List<Draft> payment(String orderId, PaymentEvent p, Instant at, String locale) {
    Map<String, String> values = new HashMap<>(Map.of("orderId", orderId,
        "amount", money(p.amount(), locale),
        "method", p.method() == null ? "" : p.method(), "gateway", p.gateway(),
        "reference", p.paymentId(), "at", at(p.occurredAt(), locale)));
    if (p.card() != null) {
      values.put(CardText.BRAND, p.card().brand());
      values.put(CardText.LAST4, p.card().last4());
      if (p.card().wallet() != null) {
        values.put(CardText.WALLET, p.card().wallet());
      }
    }
    String id = "payment:" + orderId + ":" + p.key();
    return switch (p.type()) {
      case SUCCEEDED -> List.of(new Draft(id, NotificationKind.PAYMENT_CONFIRMED, orderId, null,
          p.key(), values, null, null, at));
      case FAILED -> {
        values.put("reason", p.failureReason() == null ? "" : p.failureReason());
        values.put("retryBy", at(at.plus(paymentGrace), locale));
        yield List.of(new Draft(id, NotificationKind.PAYMENT_FAILED, orderId, null, p.key(),
            values, null, null, at));
      }
      case AUTHORIZED -> {
        values.put("onHold", "true");
        yield List.of(new Draft(id, NotificationKind.PAYMENT_UPDATE, orderId, null, p.key(),
            values, null, null, at));
      }
      default -> List.of();
    };
  }

  private List<Draft> discrepancy(String orderId, Discrepancy d, String locale) {
    // Unlinked money has no known customer; a withheld receipt is for support, not the customer.
    if (d.type() == DiscrepancyType.UNLINKED_PAYMENT || d.type() == DiscrepancyType.RECEIPT_MISMATCH) {
      return List.of();
    }
    Map<String, String> values = new HashMap<>(Map.of("orderId", orderId,
        "type", d.type().name(), "detail", d.detail() == null ? "" : d.detail(),
        "resolveBy", at(d.resolveBy(), locale), "detectedAt", at(d.detectedAt(), locale)));
    if (d.expected() != null) {
      values.put("expected", money(d.expected(), locale));
    }
    if (d.actual() != null) {
      values.put("actual", money(d.actual(), locale));
    }
    owedOrRefunded(d, locale, values);
    String id = Notification.DISCREPANCY_PREFIX + orderId + ":" + d.id();
    if (d.type() == DiscrepancyType.UNDERPAYMENT) {
      values.put("partial", "true");
      if (d.expected() != null && d.actual() != null
          && d.expected().currency().equals(d.actual().currency())) {
        values.put("outstanding", money(d.expected().minus(d.actual()), locale));
      }
      return List.of(new Draft(id, NotificationKind.PAYMENT_UPDATE, orderId, null, d.id(), values,
          null, null, d.detectedAt()));
    }
    return List.of(new Draft(id, NotificationKind.DISCREPANCY_NOTICE, orderId, null, d.id(), values,
        null, null, d.detectedAt()));
  }

  /**
   * What a notice tells the customer about money: for a missing or failed payment what is still
   * owed ({@code owed}), for an overpayment or a duplicate charge what will be refunded
   * ({@code refundDue}); with what was due and received ({@code due}, {@code received}). Other
   * discrepancies (currency, method, refunds beyond the payment) state no amount: theirs are not
   * a balance the customer can act on.
   */
  private static void owedOrRefunded(Discrepancy d, String locale, Map<String, String> values) {
    if (d.expected() == null || d.actual() == null
        || !d.expected().currency().equals(d.actual().currency())) {
      return;
    }
    Money balance = d.expected().minus(d.actual());
    switch (d.type()) {
      case MISSING_PAYMENT, FAILED_PAYMENT -> {
        if (balance.value() > 0) {
          values.put("owed", money(balance, locale));
        }
      }
      case OVERPAYMENT, DUPLICATE_CHARGE -> {
        if (balance.value() < 0) {
          values.put("refundDue", money(balance.times(-1), locale));
        }
      }
      default -> {
        return;
      }
    }
    values.put("due", money(d.expected(), locale));
    values.put("received", money(d.actual(), locale));
  }

  private static String money(Money amount, String locale) {
    return MoneyFormat.format(amount, Formats.locale(locale));
  }

  private static String at(Instant at, String locale) {
    return Formats.dateTime(at, Formats.locale(locale));
  }
}
