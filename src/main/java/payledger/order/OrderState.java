package payledger.order;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import payledger.chain.ChainedState;
import payledger.order.OrderEvent.*;
import payledger.serialization.CborSerializable;

/**
 * The state of an {@link OrderLedger}: the facts, every discrepancy raised so far, the disputes
 * about the order and what their resolutions asked of it.
 *
 * @param slaPassed the SLA moments of discrepancies that have passed, in journal order
 *     ({@link DiscrepancySla})
 * @param lastHash the hash of the last journaled event (the audit chain); null before the first
 */
public record OrderState(
    String orderId,
    OrderFacts facts,
    List<Discrepancy> discrepancies,
    List<String> disputes,
    List<GatewayInstruction> instructions,
    CustomerComms comms,
    List<DiscrepancyDeadlinePassed> slaPassed,
    String lastHash)
    implements CborSerializable, ChainedState<OrderState> {

  public OrderState {
    discrepancies = List.copyOf(discrepancies);
    disputes = List.copyOf(disputes);
    instructions = List.copyOf(instructions);
    comms = comms == null ? CustomerComms.NONE : comms;
    slaPassed = slaPassed == null ? List.of() : List.copyOf(slaPassed);
  }

  public static OrderState empty(String orderId) {
    return new OrderState(orderId, OrderFacts.NONE, List.of(), List.of(), List.of(),
        CustomerComms.NONE, List.of(), null);
  }

  boolean isEmpty() {
    return facts.invoice() == null && facts.payments().isEmpty();
  }

  public OrderStatus status() {
    if (facts.invoice() == null) {
      return OrderStatus.UNLINKED;
    }
    return discrepancies.stream().anyMatch(Discrepancy::isOpen)
        ? OrderStatus.DISCREPANCY
        : Reconciliation.moneyStatus(facts);
  }

  /** Reconciled without anybody's help: no adjustment and no manual resolution on the way. */
  public boolean autoReconciled() {
    return status() == OrderStatus.RECONCILED
        && facts.adjustments().isEmpty()
        && discrepancies.stream().noneMatch(Discrepancy::isManuallyResolved);
  }

  Optional<RecordedPayment> payment(String key) {
    return facts.payments().stream().filter(p -> p.event().key().equals(key)).findFirst();
  }

  Optional<Discrepancy> discrepancy(String id) {
    return discrepancies.stream().filter(d -> d.id().equals(id)).findFirst();
  }

  Optional<Adjustment> adjustment(String id) {
    return facts.adjustments().stream().filter(a -> a.adjustmentId().equals(id)).findFirst();
  }

  public OrderState apply(OrderEvent event) {
    if (event instanceof OrderRegistered e) {
      return with(facts.withInvoice(e.invoice(), e.registeredAt()));
    }
    if (event instanceof PaymentRecorded e) {
      return with(facts.withPayment(new RecordedPayment(e.payment(), e.recordedAt())));
    }
    if (event instanceof InvoiceAdjusted e) {
      return with(facts.withAdjustment(e.adjustment()));
    }
    if (event instanceof PaymentsLinked e) {
      return with(facts.withLink(e.linkedTo()));
    }
    if (event instanceof DiscrepancyOpened e) {
      return new OrderState(orderId, facts, append(discrepancies, e.discrepancy()), disputes,
          instructions, comms, slaPassed, lastHash);
    }
    if (event instanceof DisputeNoted e) {
      return new OrderState(orderId, facts, discrepancies, append(disputes, e.disputeId()),
          instructions, comms, slaPassed, lastHash);
    }
    if (event instanceof DisputeResolutionApplied e) {
      GatewayInstruction instruction = e.instruction();
      OrderFacts after = instruction.action().equals(GatewayInstruction.INVOICE_ADJUSTMENT)
          ? facts.withAdjustment(instruction.asAdjustment())
          : facts;
      return new OrderState(orderId, after, discrepancies, disputes,
          append(instructions, instruction), comms, slaPassed, lastHash);
    }
    if (event instanceof ReceiptIssued e) {
      return withComms(comms.withReceipt(e.receipt(), e.mismatches()));
    }
    if (event instanceof ReceiptResendRequested) {
      return withComms(comms.withResend());
    }
    if (event instanceof ReceiptDelivered e) {
      return withComms(comms.withReport(e.report()));
    }
    if (event instanceof CustomerNotified e) {
      return withComms(comms.withReport(e.report()));
    }
    if (event instanceof NotificationFailed e) {
      return withComms(comms.withReport(e.report()));
    }
    if (event instanceof DiscrepancyDeadlinePassed e) {
      return new OrderState(orderId, facts, discrepancies, disputes, instructions, comms,
          append(slaPassed, e), lastHash);
    }
    DiscrepancyResolved e = (DiscrepancyResolved) event;
    return new OrderState(orderId, facts, discrepancies.stream()
        .map(d -> d.id().equals(e.discrepancyId())
            ? d.resolved(e.resolution(), e.resolvedBy(), e.note(), e.resolvedAt())
            : d)
        .toList(), disputes, instructions, comms, slaPassed, lastHash);
  }

  private static <T> List<T> append(List<T> list, T element) {
    List<T> more = new ArrayList<>(list);
    more.add(element);
    return more;
  }

  private OrderState with(OrderFacts newFacts) {
    return new OrderState(orderId, newFacts, discrepancies, disputes, instructions, comms,
        slaPassed, lastHash);
  }

  private OrderState withComms(CustomerComms newComms) {
    return new OrderState(orderId, facts, discrepancies, disputes, instructions, newComms,
        slaPassed, lastHash);
  }

  @Override
  public OrderState withLastHash(String hash) {
    return new OrderState(orderId, facts, discrepancies, disputes, instructions, comms,
        slaPassed, hash);
  }
}
