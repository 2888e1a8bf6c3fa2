package payledger.dispute;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class CaseDetailsTest {

  private static CaseDetails openedBy(String opener, CaseDetails.Source source) {
    return new CaseDetails("o-1", "cust-1", DisputeCategory.FRAUD, "suspected card testing", null,
        source, null, null, null, opener);
  }

  @Test
  void aCaseThatFraudMonitoringOpenedIsNotToldToItsCustomer() {
    assertFalse(openedBy(CaseDetails.MONITORING, CaseDetails.Source.SUPPORT).customerIsTold());
  }

  @Test
  void aFraudCaseThatACustomerOrAnAgentOpenedIsTold() {
    assertTrue(openedBy("cust-1", CaseDetails.Source.CUSTOMER).customerIsTold());
    assertTrue(openedBy("agent-7", CaseDetails.Source.SUPPORT).customerIsTold());
  }
}
