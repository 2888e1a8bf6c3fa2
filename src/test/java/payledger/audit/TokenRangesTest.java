package payledger.audit;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.apache.pekko.japi.Pair;
import org.junit.jupiter.api.Test;

/** The parallel journal scan's slices cover the whole token ring, each token exactly once. */
class TokenRangesTest {

  @Test
  void slicesAreContiguousAndCoverTheRing() {
    for (int slices : new int[] {1, 3, 4, 7}) {
      List<Pair<Long, Long>> ranges = CassandraJournal.tokenRanges(slices);
      assertEquals(slices, ranges.size());
      assertEquals(Long.MIN_VALUE, ranges.get(0).first());
      assertEquals(Long.MAX_VALUE, ranges.get(slices - 1).second());
      for (int i = 1; i < slices; i++) {
        assertEquals(ranges.get(i - 1).second() + 1, ranges.get(i).first());
      }
    }
  }
}
