package payledger.settlement;

import java.util.Comparator;
import java.util.List;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.javadsl.Source;

/**
 * The payments of a day that no settled row names, from two streams in the same order — the
 * day's payments and the day's settled events, both sorted by (payment id, event key) as their
 * tables cluster them — merged and joined as they stream, holding one key at a time.
 */
final class SettledJoin {

  private SettledJoin() {}

  /** A payment of the day, or a settled event's key (then {@code payment} is null). */
  record Item(String paymentId, String eventKey, LedgerPayment payment) {
    static Item payment(LedgerPayment p) {
      return new Item(p.paymentId(), p.eventKey(), p);
    }

    static Item settled(String paymentId, String eventKey) {
      return new Item(paymentId, eventKey, null);
    }

    boolean isSettled() {
      return payment == null;
    }
  }

  /**
   * Cassandra's order of text (UTF-8 bytes, the same as code points), the key's settled row
   * before its payment: a payment follows its own settled row directly.
   */
  static final Comparator<Item> ORDER = Comparator.<Item, String>comparing(Item::paymentId, SettledJoin::byCodePoint)
      .thenComparing(Item::eventKey, SettledJoin::byCodePoint)
      .thenComparing(i -> i.isSettled() ? 0 : 1);

  static Source<LedgerPayment, NotUsed> unsettled(Source<Item, NotUsed> payments, Source<Item, NotUsed> settled) {
    return payments.mergeSorted(settled, ORDER)
        .statefulMapConcat(() -> {
          Item[] lastSettled = new Item[1];
          return item -> {
            if (item.isSettled()) {
              lastSettled[0] = item;
              return List.of();
            }
            Item s = lastSettled[0];
            boolean settledHere = s != null && s.paymentId().equals(item.paymentId())
                && s.eventKey().equals(item.eventKey());
            return settledHere ? List.<LedgerPayment>of() : List.of(item.payment());
          };
        });
  }

  static int byCodePoint(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  }
}
