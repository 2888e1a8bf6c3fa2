package payledger.settlement;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.javadsl.Source;
import payledger.money.Money;
import payledger.order.PaymentEventType;

/**
 * A merge join of a file's payment lines with the ledger's payments, both streamed in the same
 * order — lines by (gateway, first reference) from {@link SortedSpill}, the ledger's succeeded
 * payments by (gateway, payment id, event key) as {@code stl_payments_by_day} clusters them, the
 * days of a window merged — holding one payment id's events at a time. Each line comes out with
 * the ledger's events of its reference found in the scan (none: an empty list).
 */
final class LedgerJoin {

  private LedgerJoin() {}

  /** A line and the ledger's events of its first reference among the payments scanned. */
  record Joined(SettlementLine line, List<LedgerPayment> candidates) {}

  /** One side's element: a ledger payment, or a line (then {@code payment} is null). */
  private record Item(String gateway, String id, LedgerPayment payment, SettlementLine line) {}

  /** The ledger's order: gateway, payment id, event key, as Cassandra orders text. */
  static final Comparator<LedgerPayment> LEDGER_ORDER = Comparator
      .comparing(LedgerPayment::gateway, SettledJoin::byCodePoint)
      .thenComparing(LedgerPayment::paymentId, SettledJoin::byCodePoint)
      .thenComparing(LedgerPayment::eventKey, SettledJoin::byCodePoint);

  /** A key's ledger events before its lines: a line follows every event of its payment id. */
  private static final Comparator<Item> ORDER = Comparator
      .comparing(Item::gateway, SettledJoin::byCodePoint)
      .thenComparing(Item::id, SettledJoin::byCodePoint)
      .thenComparing(i -> i.payment() == null ? 1 : 0);

  /** Several days' streams of one order merged into one (each already in {@link #LEDGER_ORDER}). */
  static Source<LedgerPayment, NotUsed> mergeDays(List<Source<LedgerPayment, NotUsed>> days) {
    Source<LedgerPayment, NotUsed> merged = Source.empty();
    for (Source<LedgerPayment, NotUsed> day : days) {
      merged = merged.mergeSorted(day, LEDGER_ORDER);
    }
    return merged;
  }

  static Source<Joined, NotUsed> join(Source<SettlementLine, NotUsed> lines, Source<LedgerPayment, NotUsed> ledger) {
    Source<Item, NotUsed> payments = ledger.map(p -> new Item(p.gateway(), p.paymentId(), p, null));
    Source<Item, NotUsed> settled = lines.map(l -> new Item(l.gateway(), l.references().get(0), null, l));
    return payments.mergeSorted(settled, ORDER)
        .statefulMapConcat(() -> {
          Item[] key = new Item[1];
          List<LedgerPayment> group = new ArrayList<>();
          return item -> {
            boolean same = key[0] != null && key[0].gateway().equals(item.gateway())
                && key[0].id().equals(item.id());
            if (item.payment() != null) {
              if (!same) {
                key[0] = item;
                group.clear();
              }
              group.add(item.payment());
              return List.of();
            }
            return List.of(new Joined(item.line(), same ? List.copyOf(group) : List.of()));
          };
        });
  }

  /**
   * Whether the scan found what the line settles: a succeeded payment at the line's gross or
   * settled amount. Otherwise the line is looked up among all the ledger's events of its
   * references (a payment journaled outside the window, an amount that differs: the finding
   * comes from every event, as for any other line).
   */
  static boolean settles(SettlementLine line, List<LedgerPayment> candidates) {
    Money gross = new Money(Math.abs(line.gross().value()), line.gross().currency());
    Money net = line.net().plus(line.fee());
    Money settled = new Money(Math.abs(net.value()), net.currency());
    for (LedgerPayment c : candidates) {
      if (c.type() == PaymentEventType.SUCCEEDED && (c.amount().equals(gross) || c.amount().equals(settled))) {
        return true;
      }
    }
    return false;
  }
}
