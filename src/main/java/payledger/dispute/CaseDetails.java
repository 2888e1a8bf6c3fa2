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

  /**
   * The opener of the cases that fraud monitoring raises on its own findings. Their customer is
   * not told of them: a suspected fraudster is not warned.
   */
  public static final String MONITORING = "payledger-risk";

  /** Whether the case's customer hears of it (acknowledgement, updates, resolution). */
  public boolean customerIsTold() {
    return !MONITORING.equals(openedBy);
  }

  public enum Source {
    SUPPORT,
    CUSTOMER,
    GATEWAY,
    DISCREPANCY,
    /**
     * By or for a marketplace vendor about its payouts: the case references the vendor
     * ({@link DisputeEvent.VendorReferenced}) instead of a customer, who is not told of it.
     */
    VENDOR
  }
}
