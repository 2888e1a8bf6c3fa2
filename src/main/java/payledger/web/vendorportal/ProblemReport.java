package payledger.web.vendorportal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import payledger.dispute.DisputeCategory;
import payledger.money.Money;
import payledger.web.Forms;

/**
 * The "report a payment problem" form read (pure): a payout category, a description, optionally
 * one of the vendor's own payout discrepancies and an amount typed in major units. Each bad field
 * is named with the string key of its message, so the page shows it beside the field.
 *
 * @param errors field name → message key; empty when the report is valid
 */
record ProblemReport(DisputeCategory category, String description, String discrepancyId,
    Money amount, String nonce, Map<String, String> errors) {

  /** The categories a vendor can report: its payouts missing or wrong. */
  static final List<DisputeCategory> CATEGORIES =
      List.of(DisputeCategory.PAYOUT_MISSING, DisputeCategory.PAYOUT_INCORRECT);

  static final int MAX_DESCRIPTION = 4000;

  boolean valid() {
    return errors.isEmpty();
  }

  /**
   * @param discrepancies the ids of the vendor's payout discrepancies: another id is an error
   * @param currencies the currencies the form offered (the vendor's, else EUR)
   */
  static ProblemReport read(Map<String, String> fields, Set<String> discrepancies,
      List<String> currencies) {
    Map<String, String> errors = new LinkedHashMap<>();
    DisputeCategory category = CATEGORIES.stream()
        .filter(c -> c.name().equals(fields.get("category"))).findFirst().orElse(null);
    if (category == null) {
      errors.put("category", "vp_error_category");
    }
    Optional<String> description = Forms.text(fields, "description", MAX_DESCRIPTION);
    if (description.isEmpty()) {
      errors.put("description", "vp_error_description");
    }
    String discrepancy = Forms.text(fields, "discrepancy", 64).orElse(null);
    if (discrepancy != null && !discrepancies.contains(discrepancy)) {
      errors.put("discrepancy", "vp_error_discrepancy");
    }
    Money amount = null;
    String typed = fields.getOrDefault("amount", "");
    String currency = fields.getOrDefault("currency", "");
    if (!typed.isBlank()) {
      Optional<Long> minor = currencies.contains(currency)
          ? Forms.minorUnits(typed, currency) : Optional.empty();
      if (minor.isEmpty() || minor.get() <= 0) {
        errors.put("amount", "vp_error_amount");
      } else {
        amount = new Money(minor.get(), currency);
      }
    }
    String nonce = Forms.text(fields, "nonce", 64).orElse(null);
    if (nonce == null) {
      errors.put("nonce", "invalid");
    }
    return new ProblemReport(category, description.orElse(null), discrepancy, amount, nonce,
        Map.copyOf(errors));
  }
}
