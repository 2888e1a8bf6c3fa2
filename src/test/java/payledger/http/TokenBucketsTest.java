package payledger.http;

import static org.junit.jupiter.api.Assertions.*;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketsTest {

  private final AtomicLong now = new AtomicLong(1_000_000_000L);

  private TokenBuckets buckets(double perSecond, int burst, int maxClients) {
    return new TokenBuckets(perSecond, burst, maxClients, now::get);
  }

  private void advanceMillis(long millis) {
    now.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
  }

  @Test
  void aClientMaySpendItsBurstThenWaitsForTheRate() {
    TokenBuckets limit = buckets(2, 3, 100);

    assertEquals(0, limit.secondsToWait("a"));
    assertEquals(0, limit.secondsToWait("a"));
    assertEquals(0, limit.secondsToWait("a"));
    assertEquals(1, limit.secondsToWait("a"));
    advanceMillis(500);
    assertEquals(0, limit.secondsToWait("a"));
    assertEquals(1, limit.secondsToWait("a"));
  }

  @Test
  void theWaitIsTheTimeUntilOneTokenIsBackRoundedUp() {
    TokenBuckets limit = buckets(0.1, 1, 100);

    assertEquals(0, limit.secondsToWait("a"));
    assertEquals(10, limit.secondsToWait("a"));
    advanceMillis(2_500);
    assertEquals(8, limit.secondsToWait("a"));
  }

  @Test
  void clientsHaveTheirOwnBuckets() {
    TokenBuckets limit = buckets(1, 1, 100);

    assertEquals(0, limit.secondsToWait("a"));
    assertEquals(1, limit.secondsToWait("a"));
    assertEquals(0, limit.secondsToWait("b"));
  }

  @Test
  void refusedRequestsDoNotSpendTokens() {
    TokenBuckets limit = buckets(1, 1, 100);
    assertEquals(0, limit.secondsToWait("a"));
    for (int i = 0; i < 50; i++) {
      limit.secondsToWait("a");
    }
    advanceMillis(1_000);

    assertEquals(0, limit.secondsToWait("a"));
  }

  @Test
  void clientsIdleLongEnoughToBeFullAgainAreForgotten() {
    TokenBuckets limit = buckets(10, 20, 1_000_000);
    for (int i = 0; i < 10_000; i++) {
      limit.secondsToWait("client-" + i);
    }
    assertEquals(10_000, limit.clients());
    advanceMillis(2_000);

    limit.secondsToWait("late");

    assertEquals(1, limit.clients());
  }

  @Test
  void memoryIsBoundedEvenWhenEveryClientIsActive() {
    TokenBuckets limit = buckets(1, 5, 1_000);
    for (int i = 0; i < 50_000; i++) {
      limit.secondsToWait("client-" + i);
    }

    assertEquals(1_000, limit.clients());
  }
}
