package payledger.http;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import payledger.money.Money;
import payledger.vendor.CommissionTerms;
import payledger.vendor.PayoutSchedule;
import payledger.vendor.Statement;
import payledger.vendor.VendorLedger;
import payledger.vendor.VendorProfile;
import payledger.vendor.VendorState;

/**
 * A vendor as the API shows it: profile, terms, schedule and balances now; its statements. A
 * vendor credited by an order before it was registered shows {@code registered: false}.
 */
record VendorResponse(
    String vendorId,
    boolean registered,
    String name,
    String email,
    List<String> notificationChannels,
    String locale,
    PayoutSchedule payoutSchedule,
    List<Terms> commissionTerms,
    List<Balance> balances,
    int orders,
    List<PayoutResponse.Discrepancy> payoutDiscrepancies) {

  record Terms(Instant effectiveFrom, int basisPoints, Money fixedPerLine) {}

  /** Money owed to the vendor: pending (not payable yet per its schedule) and available. */
  record Balance(String currency, Money pending, Money available, Money paidOut) {}

  /** 201 when the command changed the vendor, 200 otherwise. */
  static HttpResponse answer(VendorLedger.View view, Instant now) {
    return Json.response(view.changed() ? 201 : 200, from(view.vendor(), now));
  }

  static VendorResponse from(VendorState v, Instant now) {
    VendorProfile p = v.isRegistered() ? v.profile() : new VendorProfile("", null, List.of());
    return new VendorResponse(v.vendorId(), v.isRegistered(), v.isRegistered() ? p.name() : null,
        p.email(), p.notificationChannels(), p.language(), v.schedule(),
        v.terms().stream().map(VendorResponse::terms).toList(),
        v.balances(now).stream().map(b -> new Balance(b.currency(),
            new Money(b.pending(), b.currency()), new Money(b.available(), b.currency()),
            new Money(b.paidOut(), b.currency()))).toList(),
        v.orders().size(),
        v.payouts().discrepancies().stream()
            .map(d -> PayoutResponse.Discrepancy.of(d, v.payouts())).toList());
  }

  private static Terms terms(CommissionTerms t) {
    return new Terms(t.effectiveFrom(), t.basisPoints(),
        t.fixedCurrency() == null ? null : new Money(t.fixedPerLine(), t.fixedCurrency()));
  }

  /** A statement with every amount as money in its currency. */
  record StatementView(String vendorId, String currency, Instant from, Instant to, Money opening,
      List<Line> lines, Map<String, Total> totals, Money closing) {

    record Line(Instant at, String kind, String reference, Money gross, Money commission, Money net,
        Instant availableAt, Money balance) {}

    record Total(Money gross, Money commission, Money net) {}

    static StatementView of(Statement s) {
      String c = s.currency();
      return new StatementView(s.vendorId(), c, s.from(), s.to(), new Money(s.opening(), c),
          s.lines().stream().map(l -> new Line(l.at(), l.kind().name(), l.reference(),
              new Money(l.gross(), c), new Money(l.commission(), c), new Money(l.net(), c),
              l.availableAt(), new Money(l.balance(), c))).toList(),
          s.totals().entrySet().stream().collect(java.util.stream.Collectors.toMap(
              e -> e.getKey().name(), e -> new Total(new Money(e.getValue().gross(), c),
                  new Money(e.getValue().commission(), c), new Money(e.getValue().net(), c)),
              (a, b) -> a, java.util.TreeMap::new)),
          new Money(s.closing(), c));
    }
  }
}
