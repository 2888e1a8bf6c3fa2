package payledger.dispute;

import java.time.Instant;
import payledger.money.Money;
import payledger.serialization.CborSerializable;

/**
 * What a case was opened with; a repeat of the same open request carries the same details.
 *
 * @param orderId the order concerned, or null (a customer may not know it)
 * @param amount the disputed amount, or null
 * @param gatewayRef the gateway's own dispute id (Stripe {@code dp_…}, Adyen PSP reference), or null
 * @param discrepancyId the order's discrepancy this case escalates, or null
 * @param evidenceDueBy the gateway's deadline for the merchant's evidence, or null
 */
public record CaseDetails(
    String orderId,
    String customerId,
    DisputeCategory category,
    String description,
    Money amount,
    Source source,
    String gatewayRef,
    String discrepancyId,
    Instant evidenceDueBy,
    String openedBy)
    implements CborSerializable {

  public enum Source {
    SUPPORT,
    CUSTOMER,
    GATEWAY,
    DISCREPANCY
  }
}
