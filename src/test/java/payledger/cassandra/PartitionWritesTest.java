package payledger.cassandra;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How a partition's rows are cut into batches: by count, by bytes, a lone larger row alone. */
class PartitionWritesTest {

  @Test
  void rowsAreCutByCountAndByBytesInTheirOrder() {
    List<Integer> sizes = List.of(10, 10, 10, 10, 10);
    assertEquals(List.of(List.of(10, 10), List.of(10, 10), List.of(10)),
        PartitionWrites.cut(sizes, s -> s, 2, 1_000), "two rows a batch");
    assertEquals(List.of(List.of(10, 10, 10), List.of(10, 10)),
        PartitionWrites.cut(sizes, s -> s, 100, 30), "30 bytes a batch");
  }

  @Test
  void aRowLargerThanTheBoundGoesAlone() {
    assertEquals(List.of(List.of(5), List.of(50), List.of(5)),
        PartitionWrites.cut(List.of(5, 50, 5), s -> s, 100, 20));
    assertEquals(List.of(), PartitionWrites.cut(List.<Integer>of(), s -> s, 100, 20));
  }
}
