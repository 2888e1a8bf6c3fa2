package payledger.vendor;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.junit.jupiter.api.Test;

/**
 * A vendor's case list is paged newest opened first and complete: following the "older" tokens
 * from the first page visits every case once, however many, in order; cases opened while a vendor
 * pages neither shift nor repeat a later page; a page is bounded.
 */
class VendorCasePagesTest {

  private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

  private static List<VendorCaseList.Listed> cases(int n) {
    List<VendorCaseList.Listed> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      // Ids in no relation to time (the table's order), two cases in each second.
      rows.add(new VendorCaseList.Listed(String.format("PL-%05d", (i * 7919) % n),
          T0.plusSeconds(i / 2)));
    }
    Collections.shuffle(rows, new Random(7));
    return rows;
  }

  private static List<String> walk(List<VendorCaseList.Listed> rows, int size) {
    List<String> seen = new ArrayList<>();
    VendorCaseList.Listed after = null;
    do {
      VendorCasePages.Page page = VendorCasePages.page(rows, size, after);
      assertTrue(page.cases().size() <= size);
      page.cases().forEach(c -> seen.add(c.disputeId()));
      after = page.next();
    } while (after != null);
    return seen;
  }

  @Test
  void everyCaseIsOnExactlyOnePageNewestFirstBeyondTheOldTwoHundred() {
    List<VendorCaseList.Listed> rows = cases(517);

    List<String> seen = walk(rows, 20);

    List<String> expected = rows.stream()
        .sorted((a, b) -> {
          int byTime = b.openedAt().compareTo(a.openedAt());
          return byTime != 0 ? byTime : b.disputeId().compareTo(a.disputeId());
        })
        .map(VendorCaseList.Listed::disputeId).toList();
    assertEquals(517, seen.size());
    assertEquals(expected, seen);
    assertEquals(26, (517 + 19) / 20, "pages of twenty");
  }

  @Test
  void theFirstPageHoldsTheNewestAndTheLastHasNoNextToken() {
    List<VendorCaseList.Listed> rows = cases(30);

    VendorCasePages.Page first = VendorCasePages.page(rows, 20, null);
    VendorCasePages.Page last = VendorCasePages.page(rows, 20, first.next());

    assertEquals(T0.plusSeconds(14), first.cases().get(0).openedAt());
    assertEquals(20, first.cases().size());
    assertEquals(10, last.cases().size());
    assertNull(last.next());
    assertNull(VendorCasePages.page(cases(20), 20, null).next(), "exactly one page");
    assertEquals(List.of(), VendorCasePages.page(List.of(), 20, null).cases());
  }

  @Test
  void casesOpenedWhileAVendorPagesNeitherShiftNorRepeatTheOlderPages() {
    List<VendorCaseList.Listed> rows = new ArrayList<>(cases(45));
    VendorCasePages.Page first = VendorCasePages.page(rows, 20, null);
    List<String> secondBefore = ids(VendorCasePages.page(rows, 20, first.next()));

    rows.add(new VendorCaseList.Listed("PL-NEW01", T0.plusSeconds(3600)));
    rows.add(new VendorCaseList.Listed("PL-NEW02", T0.plusSeconds(3601)));

    assertEquals(secondBefore, ids(VendorCasePages.page(rows, 20, first.next())));
    assertEquals("PL-NEW02", VendorCasePages.page(rows, 20, null).cases().get(0).disputeId());
  }

  @Test
  void aRowWithoutAnOpeningTimeIsListedLast() {
    List<VendorCaseList.Listed> rows = new ArrayList<>(cases(3));
    rows.add(new VendorCaseList.Listed("PL-OLDROW", null));

    List<String> seen = walk(rows, 2);

    assertEquals(4, seen.size());
    assertEquals("PL-OLDROW", seen.get(3));
  }

  @Test
  void aPageIsBoundedWhateverIsAsked() {
    List<VendorCaseList.Listed> rows = cases(250);

    assertEquals(VendorCasePages.MAX_SIZE, VendorCasePages.page(rows, 10_000, null).cases().size());
    assertEquals(1, VendorCasePages.page(rows, 0, null).cases().size());
  }

  @Test
  void theListPagesWhatItHolds() throws Exception {
    VendorCaseList list = new VendorCaseList() {
      @Override
      public CompletionStage<Done> add(String vendorId, String disputeId, Instant openedAt) {
        return CompletableFuture.completedFuture(Done.getInstance());
      }

      @Override
      public CompletionStage<List<Listed>> all(String vendorId) {
        return CompletableFuture.completedFuture(vendorId.equals("acme") ? cases(25) : List.of());
      }
    };

    VendorCasePages.Page page = list.page("acme", 20, null).toCompletableFuture().get();

    assertEquals(20, page.cases().size());
    assertEquals(5, list.page("acme", 20, page.next()).toCompletableFuture().get().cases().size());
    assertEquals(0, list.page("bolt", 20, null).toCompletableFuture().get().cases().size());
  }

  private static List<String> ids(VendorCasePages.Page page) {
    return page.cases().stream().map(VendorCaseList.Listed::disputeId).toList();
  }
}
