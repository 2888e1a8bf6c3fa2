package payledger.http;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Per-client token buckets: each client may spend {@code burst} requests at once and gets
 * {@code perSecond} back every second. Memory is bounded: a client idle long enough for its bucket
 * to be full again is forgotten (a full bucket and no bucket are the same), and past
 * {@code maxClients} the least recently seen is forgotten first (it starts again with a full burst).
 */
final class TokenBuckets {

  private static final class Bucket {
    double tokens;
    long updated;

    Bucket(double tokens, long updated) {
      this.tokens = tokens;
      this.updated = updated;
    }
  }

  private final double perNano;
  private final double burst;
  private final long refillNanos;
  private final LongSupplier nanoTime;
  // Access order: the eldest entry is the client seen longest ago.
  private final LinkedHashMap<String, Bucket> buckets;

  TokenBuckets(double perSecond, int burst, int maxClients, LongSupplier nanoTime) {
    if (perSecond <= 0 || burst < 1 || maxClients < 1) {
      throw new IllegalArgumentException("rate, burst and max clients must be positive");
    }
    this.perNano = perSecond / 1e9;
    this.burst = burst;
    this.refillNanos = (long) Math.ceil(burst / this.perNano);
    this.nanoTime = nanoTime;
    this.buckets = new LinkedHashMap<>(256, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
        return size() > maxClients;
      }
    };
  }

  /** 0 when the client may go ahead (one token spent), else the whole seconds until it may retry. */
  synchronized long secondsToWait(String client) {
    long now = nanoTime.getAsLong();
    forgetIdle(now);
    Bucket bucket = buckets.get(client);
    if (bucket == null) {
      bucket = new Bucket(burst, now);
      buckets.put(client, bucket);
    } else {
      bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.updated) * perNano);
      bucket.updated = now;
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, (long) Math.ceil((1 - bucket.tokens) / perNano / 1e9));
  }

  synchronized int clients() {
    return buckets.size();
  }

  private void forgetIdle(long now) {
    Iterator<Bucket> eldestFirst = buckets.values().iterator();
    while (eldestFirst.hasNext() && now - eldestFirst.next().updated >= refillNanos) {
      eldestFirst.remove();
    }
  }
}
