package payledger.readmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DaysTest {

  @Test
  void anOrderListsInThePartitionOfItsUtcHour() {
    assertEquals("2026-12-06T23", Days.hour(Instant.parse("2026-12-06T23:59:59.999Z")));
    assertEquals("2026-12-07T00", Days.hour(Instant.parse("2026-12-07T00:00:00Z")));
  }

  @Test
  void aRangeCoversTheHoursOfBothEndsAcrossMidnight() {
    assertEquals(List.of("2026-12-06T22", "2026-12-06T23", "2026-12-07T00"),
        Days.hours(Instant.parse("2026-12-06T22:30:00Z"), Instant.parse("2026-12-07T00:00:00Z")));
    assertEquals(List.of("2026-12-06T22"),
        Days.hours(Instant.parse("2026-12-06T22:10:00Z"), Instant.parse("2026-12-06T22:20:00Z")));
  }
}
