package payledger.readmodel;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import payledger.dispute.CaseDetails;
import payledger.dispute.DisputeCase;
import payledger.order.DiscrepancySla;
import payledger.order.DeliveryReport;
import payledger.order.Discrepancy;
import payledger.order.OrderState;
import payledger.order.OrderStatus;
import payledger.order.PaymentEvent;
import payledger.order.PaymentEventType;
import payledger.order.Receipt;
import payledger.order.RecordedPayment;
import payledger.vendor.PayoutPeriods;
import payledger.vendor.PayoutSettings;
import payledger.vendor.VendorState;

/**
 * Pure: the KPI facts of an order's or a case's state. A projection writes the facts that differ
 * from those of the state before the event.
 *
 * <p>The receipt target is the ORDER fact's {@code doneAt/doneDue}: delivered within 24 h of being
 * issued (the order became fully paid); a withheld receipt is never delivered, so it misses. The
 * customer-notice target is the DISCREPANCY fact's {@code ackAt/ackDue}: its notice delivered by
 * {@code customerNotifyBy}. Both come from the delivery reports journaled on the order.
 *
 * <p>A discrepancy no customer is told of (unlinked money, a withheld receipt) has no notice deadline
 * to measure.
 *
 * <p>An order is not judged reconciled or not while it is {@link KpiFact.Flag#AWAITING_PAYMENT}:
 * nothing paid yet and no discrepancy raised. The ledger itself ends that state (money arrives, or
 * the payment grace ends with MISSING_PAYMENT / FAILED_PAYMENT), so the flag needs no deadline here.
 *
 * <p>Every payment event with an outcome is a PAYMENT fact of its own, in the hour it was recorded:
 * a success (category null, as stored before outcomes were told apart), a failure or a decline
 * ({@link KpiOutcomes#declined}), a refund, a chargeback; each with its amount. The receipt's
 * delivery and accuracy are flags of the ORDER fact ({@link KpiOutcomes#receipt}).
 */
public final class KpiFacts {

  /** The business target: a receipt for every paid order within 24 h. */
  static final Duration RECEIPT_WITHIN = Duration.ofHours(24);

  private static final String RECEIPT = "RECEIPT";

  /** The categories of PAYMENT facts other than a success (whose category is null). */
  public static final String FAILED = "FAILED";
  public static final String DECLINED = "DECLINED";
  public static final String REFUNDED = "REFUNDED";
  public static final String CHARGEBACK = "CHARGEBACK";

  private KpiFacts() {}

  public static List<KpiFact> of(OrderState state) {
    OrderRow row = OrderRow.of(state);
    if (row == null) {
      return List.of();
    }
    String id = state.orderId();
    List<KpiFact> facts = new ArrayList<>();
    var facts0 = state.facts();
    if (facts0.registeredAt() != null) {
      Set<String> flags = new HashSet<>();
      if (state.status() == OrderStatus.RECONCILED) {
        flags.add(KpiFact.Flag.RECONCILED.name());
      }
      if (state.autoReconciled()) {
        flags.add(KpiFact.Flag.AUTO_RECONCILED.name());
      }
      if (state.status() == OrderStatus.AWAITING_PAYMENT && state.discrepancies().isEmpty()) {
        flags.add(KpiFact.Flag.AWAITING_PAYMENT.name());
      }
      Receipt receipt = state.comms().receipt();
      if (state.comms().receiptWithheld()) {
        flags.add(KpiFact.Flag.RECEIPT_WITHHELD.name());
      } else {
        KpiOutcomes.receipt(receipt, state.comms().reports()).ifPresent(d -> flags.add(switch (d) {
          case FIRST_CHANNEL -> KpiFact.Flag.RECEIPT_FIRST_CHANNEL.name();
          case AFTER_FALLBACK -> KpiFact.Flag.RECEIPT_AFTER_FALLBACK.name();
          case NEVER -> KpiFact.Flag.RECEIPT_NOT_DELIVERED.name();
        }));
      }
      Instant registered = facts0.registeredAt();
      facts.add(new KpiFact(Days.day(registered), KpiFact.shardOf(registered), KpiFact.Kind.ORDER, id,
          row.method(), row.gateway(), null, facts0.registeredAt(), null, null,
          delivered(state, RECEIPT, null),
          receipt == null ? null : receipt.issuedAt().plus(RECEIPT_WITHIN), flags, null, null));
      // Payments are counted for registered orders only: a held payment is recorded again in
      // the order it is linked to, and must not count twice.
      for (RecordedPayment p : facts0.payments()) {
        String outcome = outcome(p.event());
        if (p.is(PaymentEventType.SUCCEEDED) || outcome != null) {
          String item = id + "/" + p.event().key();
          facts.add(new KpiFact(Days.day(p.recordedAt()), KpiFact.shardOf(p.recordedAt()),
              KpiFact.Kind.PAYMENT, item, method(p.event(), facts0.payments(), row), p.event().gateway(),
              outcome, p.recordedAt(), null, null, null, null, Set.of(), null, p.event().amount()));
        }
      }
    }
    for (Discrepancy d : state.discrepancies()) {
      boolean told = DiscrepancySla.customerIsTold(d.type());
      Set<String> flags = DiscrepancySla.escalation(state, d.id()) > 0
          ? Set.of(KpiFact.Flag.ESCALATED.name()) : Set.of();
      String item = id + "/" + d.id();
      facts.add(new KpiFact(Days.day(d.detectedAt()), KpiFact.shardOf(d.detectedAt()),
          KpiFact.Kind.DISCREPANCY, item, row.method(), row.gateway(), d.type().name(), d.detectedAt(),
          told ? DiscrepancySla.noticeDeliveredAt(state, d.id()) : null, told ? d.customerNotifyBy() : null,
          d.resolvedAt(), d.resolveBy(), flags, null, null));
    }
    return facts;
  }

  /** The category of a payment event's fact: null for a success and for events without an outcome. */
  static String outcome(PaymentEvent e) {
    return switch (e.type()) {
      case FAILED -> KpiOutcomes.declined(e) ? DECLINED : FAILED;
      case REFUNDED -> REFUNDED;
      case CHARGEBACK -> CHARGEBACK;
      default -> null;
    };
  }

  /**
   * The payment method of a payment event: its own; else, for a failure, refund or chargeback
   * (refunds and chargebacks often name none), that of the captured payment it is about, else the
   * order's. A success without one is {@code none}, as before.
   */
  private static String method(PaymentEvent e, List<RecordedPayment> payments, OrderRow row) {
    if (e.method() != null && !e.method().isBlank() || e.type() == PaymentEventType.SUCCEEDED) {
      return orDefault(e.method());
    }
    return payments.stream()
        .filter(p -> p.is(PaymentEventType.SUCCEEDED) && p.event().paymentId().equals(e.paymentId())
            && p.event().method() != null && !p.event().method().isBlank())
        .map(p -> p.event().method())
        .findFirst()
        .orElse(row.method());
  }

  /** The facts of a case, attributed to the payment method and gateway of its order. */
  public static List<KpiFact> of(DisputeCase c, String method, String gateway) {
    if (!c.isOpened()) {
      return List.of();
    }
    Set<String> flags = new HashSet<>();
    if (c.escalation() > 0) {
      flags.add(KpiFact.Flag.ESCALATED.name());
    }
    if (c.firstContactResolution()) {
      flags.add(KpiFact.Flag.FIRST_CONTACT.name());
    }
    if (c.details().source() == CaseDetails.Source.VENDOR) {
      flags.add(KpiFact.Flag.VENDOR.name());
    }
    return List.of(new KpiFact(Days.day(c.openedAt()), KpiFact.shardOf(c.openedAt()),
        KpiFact.Kind.CASE, c.disputeId(), orDefault(method), orDefault(gateway),
        c.details().category().kind().name(), c.openedAt(), c.acknowledgedAt(), c.acknowledgeBy(),
        c.resolvedAt(), c.resolveBy(), flags, c.csat(), null));
  }

  /**
   * The facts of a vendor's payout periods ({@link PayoutPeriods}): one per currency and payout day,
   * counted on that day under no payment method and no gateway, due at the day plus the grace. A
   * period once seen keeps its fact (flagged {@link KpiFact.Flag#PAYOUT_NOTHING_DUE} when nothing
   * turned out to be owed), so no fact row is ever left behind by a later state.
   */
  public static List<KpiFact> of(VendorState vendor, PayoutSettings settings) {
    List<KpiFact> facts = new ArrayList<>();
    for (PayoutPeriods.Period p : PayoutPeriods.of(vendor, settings)) {
      KpiFact.Flag flag = switch (p.outcome()) {
        case ON_TIME_AND_CORRECT -> KpiFact.Flag.PAYOUT_ON_TIME_AND_CORRECT;
        case FAULTY -> KpiFact.Flag.PAYOUT_FAULTY;
        case NOTHING_DUE -> KpiFact.Flag.PAYOUT_NOTHING_DUE;
        case OPEN -> null;
      };
      String item = p.vendorId() + "/" + p.currency() + "/" + Days.day(p.day());
      facts.add(new KpiFact(Days.day(p.day()), KpiFact.shardOf(p.day()), KpiFact.Kind.PAYOUT_PERIOD,
          item, OrderRow.NONE, OrderRow.NONE,
          null, p.day(), null, null, p.paidAt(), p.windowEnd(),
          flag == null ? Set.of() : Set.of(flag.name()), null, null));
    }
    return facts;
  }

  /** The facts of {@code after} that are new or differ from those of {@code before}. */
  public static List<KpiFact> changed(List<KpiFact> before, List<KpiFact> after) {
    Map<String, KpiFact> old = new LinkedHashMap<>();
    before.forEach(f -> old.put(f.key(), f));
    return after.stream().filter(f -> !Objects.equals(old.get(f.key()), f)).toList();
  }

  /** When the first notification of a kind (about {@code subjectId}, if given) was delivered. */
  private static Instant delivered(OrderState state, String kind, String subjectId) {
    return state.comms().reports().stream()
        .filter(r -> r.delivered() && r.kind().equals(kind)
            && (subjectId == null || subjectId.equals(r.subjectId())))
        .map(DeliveryReport::at)
        .min(Comparator.naturalOrder())
        .orElse(null);
  }

  private static String orDefault(String value) {
    return value == null || value.isBlank() ? OrderRow.NONE : value;
  }
}
