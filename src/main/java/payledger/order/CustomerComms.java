package payledger.order;

import java.util.ArrayList;
import java.util.List;
import payledger.serialization.CborSerializable;

/**
 * What an order told its customer: the receipt (issued once), and the outcome of every notification
 * about the order, as the delivery worker reported them.
 *
 * @param receipt null until the order is fully paid
 * @param receiptMismatches why the receipt was withheld (empty when it is accurate and sendable)
 * @param reports delivery outcomes, in the order they were reported; one per notification id
 * @param resends how many resends support asked for (numbers the resend notifications)
 */
public record CustomerComms(
    Receipt receipt, List<String> receiptMismatches, List<DeliveryReport> reports, int resends)
    implements CborSerializable {

  static final CustomerComms NONE = new CustomerComms(null, List.of(), List.of(), 0);

  public CustomerComms {
    receiptMismatches = receiptMismatches == null ? List.of() : List.copyOf(receiptMismatches);
    reports = reports == null ? List.of() : List.copyOf(reports);
  }

  public boolean receiptWithheld() {
    return receipt != null && !receiptMismatches.isEmpty();
  }

  boolean reported(String notificationId) {
    return reports.stream().anyMatch(r -> r.notificationId().equals(notificationId));
  }

  CustomerComms withReceipt(Receipt issued, List<String> mismatches) {
    return new CustomerComms(issued, mismatches, reports, resends);
  }

  CustomerComms withReport(DeliveryReport report) {
    List<DeliveryReport> more = new ArrayList<>(reports);
    more.add(report);
    return new CustomerComms(receipt, receiptMismatches, more, resends);
  }

  CustomerComms withResend() {
    return new CustomerComms(receipt, receiptMismatches, reports, resends + 1);
  }
}
