package payledger.readmodel;

import java.util.List;
import java.util.Objects;
import payledger.dispute.DisputeCase;
import payledger.dispute.DisputeEvent;

/**
 * Pure: what one dispute event changes in the read models (the case lists and its KPI fact). The
 * case's payment method and gateway are those of its order, as the order read model knows them
 * (its list rows take the gateway that opened it first: {@link DisputeRow#of}). Both rows take the
 * order's gateway as known now, so a row first written without one is rewritten with it.
 */
public final class DisputeReadModel {

  /** @param facts the case's KPI fact when new or changed (also when only the order's method is) */
  public record Changes(DisputeCase after, DisputeRow rowBefore, DisputeRow rowAfter, List<KpiFact> facts) {

    public boolean rowChanged() {
      return !Objects.equals(rowBefore, rowAfter);
    }
  }

  private DisputeReadModel() {}

  public static Changes changes(DisputeCase before, DisputeEvent event, String method, String gateway) {
    return between(before, before.apply(event), method, gateway);
  }

  /** What changed from {@code before} to {@code after}, one event or several apart. */
  public static Changes between(DisputeCase before, DisputeCase after, String method, String gateway) {
    return new Changes(after, DisputeRow.of(before, gateway), DisputeRow.of(after, gateway),
        KpiFacts.of(after, method, gateway));
  }
}
