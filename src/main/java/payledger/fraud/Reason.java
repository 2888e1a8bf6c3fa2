package payledger.fraud;

import java.util.Objects;

/** A rule that fired on a payment, what it adds to the order's score, and why, in words. */
public record Reason(FraudRule rule, int weight, String detail) {

  public Reason {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(detail, "detail");
  }
}
