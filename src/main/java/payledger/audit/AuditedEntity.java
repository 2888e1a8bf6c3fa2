package payledger.audit;

import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import payledger.chain.ChainedState;
import payledger.chain.EventTypes;
import payledger.dispute.Dispute;
import payledger.dispute.DisputeCase;
import payledger.dispute.DisputeEvent;
import payledger.order.OrderEvent;
import payledger.order.OrderLedger;
import payledger.order.OrderState;
import payledger.settlement.BatchEvent;
import payledger.settlement.BatchState;
import payledger.settlement.SettlementBatch;
import payledger.vendor.VendorEvent;
import payledger.vendor.VendorLedger;
import payledger.vendor.VendorState;

/**
 * An entity type whose journal is hash-chained, with what the verifier needs to replay it: its
 * sealed event interface, its empty state and its (pure) event handler.
 */
public record AuditedEntity<E, S extends ChainedState<S>>(
    String entityType,
    Class<E> eventType,
    Function<String, S> emptyState,
    BiFunction<S, E, S> apply) {

  public static final AuditedEntity<OrderEvent, OrderState> ORDERS = new AuditedEntity<>(
      OrderLedger.ENTITY_KEY.name(), OrderEvent.class, OrderState::empty, OrderState::apply);

  public static final AuditedEntity<DisputeEvent, DisputeCase> DISPUTES = new AuditedEntity<>(
      Dispute.ENTITY_KEY.name(), DisputeEvent.class, DisputeCase::empty, DisputeCase::apply);

  public static final AuditedEntity<VendorEvent, VendorState> VENDORS = new AuditedEntity<>(
      VendorLedger.ENTITY_KEY.name(), VendorEvent.class, VendorState::empty, VendorState::apply);

  /** Payout batches of settlement files, their findings and resolutions; the id is {@code gateway/batch}. */
  public static final AuditedEntity<BatchEvent, BatchState> SETTLEMENT_BATCHES = new AuditedEntity<>(
      SettlementBatch.ENTITY_KEY.name(), BatchEvent.class, BatchState::empty, BatchState::apply);

  public static final List<AuditedEntity<?, ?>> ALL = List.of(ORDERS, DISPUTES, VENDORS, SETTLEMENT_BATCHES);

  /** Pekko's persistence id: {@code <entity type>|<entity id>}. */
  public String persistenceId(String entityId) {
    return entityType + "|" + entityId;
  }

  public static Optional<AuditedEntity<?, ?>> of(String entityType) {
    return ALL.stream().filter(a -> a.entityType.equals(entityType)).findFirst();
  }

  /** The audited entity a persistence id belongs to; empty for anything else in the journal. */
  public static Optional<AuditedEntity<?, ?>> forPersistenceId(String persistenceId) {
    int bar = persistenceId.indexOf('|');
    return bar < 0 ? Optional.empty() : of(persistenceId.substring(0, bar));
  }

  public static String entityId(String persistenceId) {
    return persistenceId.substring(persistenceId.indexOf('|') + 1);
  }

  /** The class of one of this entity's event types, by type name. */
  public Class<? extends E> eventClass(String typeName) {
    return EventTypes.classOf(eventType, typeName);
  }

  /** A verifier for one entity of this type. */
  public EntityVerifier<E, S> verifier(String entityId) {
    return new EntityVerifier<>(this, entityId);
  }
}
