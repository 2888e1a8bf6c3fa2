package payledger.vendor;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * A vendor's case list in pages, newest opened first (the case id breaks a tie; a row without an
 * opening time is older than every other). A page ends with its last case: the next page starts
 * strictly after it, so cases opened meanwhile neither shift nor repeat a later page, and every
 * case is on exactly one page. (The portal carries that case in the page's URL as a page token.)
 */
public final class VendorCasePages {

  /** The most cases a page holds, whatever is asked. */
  public static final int MAX_SIZE = 100;

  private static final Comparator<VendorCaseList.Listed> NEWEST_FIRST = Comparator
      .comparing((VendorCaseList.Listed l) -> opened(l))
      .thenComparing(VendorCaseList.Listed::disputeId).reversed();

  /** @param next the last case of this page when a page follows it, null when this is the last */
  public record Page(List<VendorCaseList.Listed> cases, VendorCaseList.Listed next) {}

  /** The page of {@code rows} after the case {@code after} (null: the first), at most {@code size}. */
  public static Page page(List<VendorCaseList.Listed> rows, int size, VendorCaseList.Listed after) {
    int bounded = Math.max(1, Math.min(size, MAX_SIZE));
    List<VendorCaseList.Listed> sorted = rows.stream()
        .filter(r -> after == null || NEWEST_FIRST.compare(r, after) > 0)
        .sorted(NEWEST_FIRST).toList();
    List<VendorCaseList.Listed> cases = sorted.subList(0, Math.min(bounded, sorted.size()));
    return new Page(cases, sorted.size() > bounded ? cases.get(cases.size() - 1) : null);
  }

  private static Instant opened(VendorCaseList.Listed l) {
    return l.openedAt() == null ? Instant.EPOCH : l.openedAt();
  }

  private VendorCasePages() {}
}
