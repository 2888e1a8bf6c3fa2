package payledger.vendor;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import payledger.readmodel.PageToken;

/**
 * A vendor's case list in pages, newest opened first (the case id breaks a tie; a row without an
 * opening time is older than every other). A page's token is its last case: the next page starts
 * strictly after it, so cases opened meanwhile neither shift nor repeat a later page, and every
 * case is on exactly one page.
 */
public final class VendorCasePages {

  /** The most cases a page holds, whatever is asked. */
  public static final int MAX_SIZE = 100;

  private static final Comparator<VendorCaseList.Listed> NEWEST_FIRST = Comparator
      .comparing((VendorCaseList.Listed l) -> opened(l))
      .thenComparing(VendorCaseList.Listed::disputeId).reversed();

  /** @param next the token of the page after this one, null when this is the last */
  public record Page(List<VendorCaseList.Listed> cases, PageToken next) {}

  /**
   * The page of {@code rows} after {@code after} (null: the first) of at most {@code size} cases.
   *
   * @throws PageToken.Invalid when {@code after} is another vendor's token
   */
  public static Page page(String vendorId, List<VendorCaseList.Listed> rows, int size,
      PageToken after) {
    if (after != null && !vendorId.equals(after.segment())) {
      throw new PageToken.Invalid("pageToken is not one of this list's");
    }
    int bounded = Math.max(1, Math.min(size, MAX_SIZE));
    List<VendorCaseList.Listed> sorted = rows.stream()
        .filter(r -> after == null || NEWEST_FIRST.compare(r, marker(after)) > 0)
        .sorted(NEWEST_FIRST).toList();
    List<VendorCaseList.Listed> cases = sorted.subList(0, Math.min(bounded, sorted.size()));
    PageToken next = sorted.size() > bounded
        ? token(vendorId, cases.get(cases.size() - 1)) : null;
    return new Page(cases, next);
  }

  private static PageToken token(String vendorId, VendorCaseList.Listed last) {
    return new PageToken(vendorId, opened(last), last.disputeId());
  }

  private static VendorCaseList.Listed marker(PageToken after) {
    return new VendorCaseList.Listed(after.id(), Objects.requireNonNullElse(after.at(), Instant.EPOCH));
  }

  private static Instant opened(VendorCaseList.Listed l) {
    return l.openedAt() == null ? Instant.EPOCH : l.openedAt();
  }

  private VendorCasePages() {}
}
