package payledger.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** Registers orders for a run, retrying while the journal is still warming up (503). */
public final class Orders {

  private Orders() {}

  /**
   * An order's view without its {@code risk}, which the fraud projection fills in on its own time:
   * what the ledger itself answers, to compare before and after a restart or a redelivery.
   */
  public static JsonNode ledgerView(JsonNode order) {
    ObjectNode copy = order.deepCopy();
    copy.remove("risk");
    return copy;
  }

  public static List<String> register(ApiClient api, String prefix, int count) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String id = prefix + "-order-" + i;
      long deadline = System.nanoTime() + 60_000_000_000L;
      int status;
      do {
        status = api.post("/v1/orders", Requests.order(id)).status();
      } while (status == 503 && System.nanoTime() < deadline);
      if (status != 201 && status != 200) {
        throw new AssertionError("registering " + id + " answered " + status);
      }
      ids.add(id);
    }
    return ids;
  }
}
