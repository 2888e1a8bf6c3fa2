package payledger.http;

import com.fasterxml.jackson.databind.JsonNode;
import payledger.dispute.CaseDetails;
import payledger.dispute.CaseResolution;
import payledger.dispute.DisputeCategory;
import payledger.json.JsonFields;
import payledger.money.Money;

/** Reads the bodies of the dispute routes. */
final class DisputeRequests {

  private DisputeRequests() {}

  record Step(String actor, String text) {}

  record Rating(int csat, String comment) {}

  /**
   * {@code {orderId?, customerId?, category, description, amount?, source?, discrepancyId?, actor}}:
   * support opens a case, on its own or on a customer's behalf ({@code source: CUSTOMER}), or
   * escalates an order's discrepancy ({@code discrepancyId}, with its {@code orderId}).
   */
  static CaseDetails open(JsonNode body, HttpSettings limits) {
    JsonFields f = JsonFields.root(body);
    String orderId = f.optionalId("orderId");
    String customerId = f.optionalId("customerId");
    DisputeCategory category = f.enumValue("category", DisputeCategory.class);
    String description = f.text("description");
    Money amount = body.has("amount") ? f.money("amount", 1, limits.maxAmount()) : null;
    String source = f.optionalText("source");
    String discrepancyId = f.optionalId("discrepancyId");
    String actor = f.text("actor");
    if (source != null && !source.equals("SUPPORT") && !source.equals("CUSTOMER")) {
      f.error("source", "must be SUPPORT or CUSTOMER");
    }
    if (category != null && DisputeCategory.forVendors().contains(category)) {
      f.error("category", "is for vendor cases: POST /v1/vendors/{vendorId}/cases");
    }
    if (discrepancyId != null && orderId == null) {
      f.error("orderId", "is required with a discrepancyId");
    }
    if (orderId == null && customerId == null && f.ok()) {
      f.error("orderId", "an order or a customer is required");
    }
    f.validate();
    CaseDetails.Source from = discrepancyId != null ? CaseDetails.Source.DISCREPANCY
        : "CUSTOMER".equals(source) ? CaseDetails.Source.CUSTOMER : CaseDetails.Source.SUPPORT;
    return new CaseDetails(orderId, customerId, category, description, amount, from, null,
        discrepancyId, null, actor);
  }

  /** {@code {actor, text}}; the text is required where the step says something. */
  static Step step(JsonNode body, boolean textRequired) {
    JsonFields f = JsonFields.root(body);
    String actor = f.text("actor");
    String text = textRequired ? f.text("text") : f.optionalText("text");
    f.validate();
    return new Step(actor, text);
  }

  /** {@code {action, amount?, reason, actor}}: money for REFUND and INVOICE_ADJUSTMENT only. */
  static CaseResolution resolution(JsonNode body, HttpSettings limits) {
    JsonFields f = JsonFields.root(body);
    CaseResolution.Action action = f.enumValue("action", CaseResolution.Action.class);
    String reason = f.text("reason");
    String actor = f.text("actor");
    Money amount = null;
    if (action == CaseResolution.Action.REFUND) {
      amount = f.money("amount", 1, limits.maxAmount());
    } else if (action == CaseResolution.Action.INVOICE_ADJUSTMENT) {
      amount = f.money("amount", -limits.maxAmount(), limits.maxAmount());
      if (amount != null && amount.value() == 0) {
        f.error("amount.value", "must not be zero");
      }
    } else if (body.has("amount")) {
      f.error("amount", "only a REFUND or an INVOICE_ADJUSTMENT has an amount");
    }
    f.validate();
    return new CaseResolution(action, amount, reason, actor);
  }

  /** {@code {csat: 1-5, comment?}}. */
  static Rating rating(JsonNode body) {
    JsonFields f = JsonFields.root(body);
    long csat = f.integer("csat", 1, 5);
    String comment = f.optionalText("comment");
    f.validate();
    return new Rating((int) csat, comment);
  }
}
