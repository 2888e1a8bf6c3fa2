package payledger.order;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import payledger.CborSerializable;
import payledger.order.OrderEvent.*;

/**
 * The state of an {@link OrderLedger}: the facts, every discrepancy raised so far, the disputes
 * about the order and what their resolutions asked of it.
 */
public record OrderState(
    String orderId,
    OrderFacts facts,
    List<Discrepancy> discrepancies,
    List<String> disputes,
    List<GatewayInstruction> instructions)
    implements CborSerializable {

  public OrderState {
    discrepancies = List.copyOf(discrepancies);
    disputes = List.copyOf(disputes);
    instructions = List.copyOf(instructions);
  }

  public static OrderState empty(String orderId) {
    return new OrderState(orderId, OrderFacts.NONE, List.of(), List.of(), List.of());
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
          instructions);
    }
    if (event instanceof DisputeNoted e) {
      return new OrderState(orderId, facts, discrepancies, append(disputes, e.disputeId()),
          instructions);
    }
    if (event instanceof DisputeResolutionApplied e) {
      GatewayInstruction instruction = e.instruction();
      OrderFacts after = instruction.action().equals(GatewayInstruction.INVOICE_ADJUSTMENT)
          ? facts.withAdjustment(instruction.asAdjustment())
          : facts;
      return new OrderState(orderId, after, discrepancies, disputes,
          append(instructions, instruction));
    }
    DiscrepancyResolved e = (DiscrepancyResolved) event;
    return new OrderState(orderId, facts, discrepancies.stream()
        .map(d -> d.id().equals(e.discrepancyId())
            ? d.resolved(e.resolution(), e.resolvedBy(), e.note(), e.resolvedAt())
            : d)
        .toList(), disputes, instructions);
  }

  private static <T> List<T> append(List<T> list, T element) {
    List<T> more = new ArrayList<>(list);
    more.add(element);
    return more;
  }

  private OrderState with(OrderFacts newFacts) {
    return new OrderState(orderId, newFacts, discrepancies, disputes, instructions);
  }
}
