package payledger.http;

import static org.apache.pekko.http.javadsl.server.Directives.*;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpCharsets;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.model.headers.ContentDisposition;
import org.apache.pekko.http.javadsl.model.headers.ContentDispositionTypes;
import org.apache.pekko.http.javadsl.model.headers.Location;
import org.apache.pekko.http.javadsl.server.Route;
import payledger.dispute.DisputeClient;
import payledger.dispute.DisputeIds;
import payledger.json.JsonFields;
import payledger.money.Money;
import payledger.notify.Messages;
import payledger.vendor.Statement;
import payledger.vendor.VendorCases;
import payledger.vendor.VendorClient;
import payledger.vendor.VendorLedger;

/**
 * {@code POST /v1/vendors} (admin), {@code GET /v1/vendors/{id}}, the vendor's configuration
 * ({@code POST /v1/vendors/{id}/commission-terms}, {@code POST /v1/vendors/{id}/payout-schedule}, {@code POST /v1/vendors/{id}/profile},
 * admin) and {@code GET /v1/vendors/{id}/statement?from=&to=&currency=} (JSON, CSV with
 * {@code Accept: text/csv}, PDF with {@code Accept: application/pdf}). Reads are for support and
 * auditors. {@code POST /v1/vendors/{id}/cases} (support) opens a case by or for the vendor.
 */
final class VendorRoutes {

  private static final Set<Role> CONFIGURE = EnumSet.of(Role.ADMIN);
  private static final Set<Role> READ = EnumSet.of(Role.SUPPORT, Role.AUDITOR);
  /** Support opens a vendor's case, on its own or on the vendor's behalf. */
  private static final Set<Role> OPEN_CASE = EnumSet.of(Role.SUPPORT);
  /** A statement spans at most this much. */
  static final Duration MAX_PERIOD = Duration.ofDays(366);

  private final VendorClient vendors;
  private final HttpSettings settings;
  private final Clock clock;
  private final Auth auth;
  private final Messages messages;
  private final VendorCases cases;

  /**
   * @param messages renders the statement as a PDF, as receipts are
   * @param disputes where vendor cases are opened
   */
  VendorRoutes(VendorClient vendors, HttpSettings settings, Clock clock, Auth auth, Messages messages,
      DisputeClient disputes) {
    this.vendors = vendors;
    this.cases = new VendorCases(vendors, disputes);
    this.settings = settings;
    this.clock = clock;
    this.auth = auth;
    this.messages = messages;
  }

  Route route() {
    return pathPrefix("vendors", () -> concat(
        pathEnd(() -> post(() -> auth.require(CONFIGURE, () -> Json.body(body -> {
          VendorRequests.NewVendor v = VendorRequests.register(body, clock.instant(), settings);
          return mapResponse(r -> r.addHeader(Location.create("/v1/vendors/" + v.vendorId())),
              () -> answer(v.vendorId(), () -> vendors.register(v.vendorId(), v.profile(),
                  v.schedule(), v.terms())));
        })))),
        pathPrefix(segment(), id -> concat(
            pathEnd(() -> get(() -> auth.require(READ, () -> answer(id, () -> vendors.get(id))))),
            path("commission-terms", () -> post(() -> auth.require(CONFIGURE, () -> Json.body(body -> {
              var terms = VendorRequests.terms(body, clock.instant(), settings);
              return answer(id, () -> vendors.addTerms(id, terms));
            })))),
            path("payout-schedule", () -> post(() -> auth.require(CONFIGURE, () -> Json.body(body -> {
              var schedule = VendorRequests.schedule(body);
              return answer(id, () -> vendors.setSchedule(id, schedule));
            })))),
            path("profile", () -> post(() -> auth.require(CONFIGURE, () -> Json.body(body -> {
              var profile = VendorRequests.profile(body);
              return answer(id, () -> vendors.setProfile(id, profile));
            })))),
            path("cases", () -> post(() -> auth.require(OPEN_CASE, () -> optionalHeaderValueByName(
                "Idempotency-Key", key -> Json.body(body -> openCase(id, key, body)))))),
            path("statement", () -> get(() -> auth.require(READ,
                () -> optionalHeaderValueByName("Accept", accept -> parameterMap(p ->
                    statement(id, p, Format.of(accept.orElse(""))))))))))));
  }

  /**
   * A case by or for the vendor: 201 opened, 200 a repeat (same {@code Idempotency-Key} and body),
   * 404 for an unknown vendor, 422 for a payout discrepancy that is not the vendor's.
   */
  private Route openCase(String id, Optional<String> key, com.fasterxml.jackson.databind.JsonNode body) {
    VendorRequests.NewCase c = VendorRequests.vendorCase(body, settings);
    if (key.isPresent() && (key.get().isBlank() || key.get().length() > 255)) {
      return complete(Problems.response(Problem.invalid(List.of(
          new Problem.FieldError("Idempotency-Key", "must be 1-255 characters")))));
    }
    if (!JsonFields.ID.matcher(id).matches()) {
      return complete(Problems.response(Problem.of(404, "not-found", "Not found", "no such vendor")));
    }
    String caseId = key.map(k -> DisputeIds.fromSeed("vendor-case:" + id + ":" + k))
        .orElseGet(DisputeIds::random);
    return completeWithFuture(Problems.reply(cases.open(id, caseId, c.details(), c.payoutDiscrepancyId()),
        result -> result instanceof VendorCases.Result.Opened opened
            ? DisputeResponse.answer(opened.view(), clock.instant())
            : Problems.response(new Problem("urn:payledger:problem:no-such-payout-discrepancy",
                Problems.title(422), 422, "the case names a payout discrepancy the vendor does not have",
                null, List.of(new Problem.FieldError("payoutDiscrepancyId",
                    "is not one of vendor " + id + "'s payout discrepancies"))))));
  }

  /** What the statement is answered as: JSON by default, CSV or PDF when asked for. */
  enum Format {
    JSON, CSV, PDF;

    static Format of(String accept) {
      return accept.contains("application/pdf") ? PDF : accept.contains("text/csv") ? CSV : JSON;
    }
  }

  private Route statement(String id, Map<String, String> p, Format format) {
    QueryParams q = new QueryParams(p, Set.of("from", "to", "currency"));
    Instant from = q.instant("from", false);
    Instant to = q.instant("to", true);
    String currency = p.get("currency");
    if (from == null && !p.containsKey("from")) {
      q.error("from", "is required");
    }
    if (to == null && !p.containsKey("to")) {
      q.error("to", "is required");
    }
    if (currency != null && !Money.isCurrency(Money.normalizeCurrency(currency))) {
      q.error("currency", "must be an ISO 4217 currency code such as EUR");
    }
    // A date as `to` is inclusive: the period ends with that day.
    Instant end = to != null && p.get("to").length() == 10 ? to.plusMillis(1) : to;
    if (from != null && end != null && !from.isBefore(end)) {
      q.error("from", "must be before to");
    } else if (from != null && end != null && Duration.between(from, end).compareTo(MAX_PERIOD) > 0) {
      q.error("to", "a statement spans at most " + MAX_PERIOD.toDays() + " days");
    }
    q.validate();
    if (!JsonFields.ID.matcher(id).matches()) {
      return complete(Problems.response(Problem.of(404, "not-found", "Not found", "no such vendor")));
    }
    return completeWithFuture(Problems.reply(vendors.get(id), view -> {
      String chosen = currency != null ? Money.normalizeCurrency(currency) : defaultCurrency(view);
      Statement s = Statement.of(view.vendor(), chosen, from, end);
      String file = "statement-" + id + "-" + LocalDate.ofInstant(from, ZoneOffset.UTC) + "-" + chosen;
      return switch (format) {
        case JSON -> Json.response(200, VendorResponse.StatementView.of(s));
        case CSV -> attachment(file + ".csv", HttpEntities.create(
            ContentTypes.create(MediaTypes.TEXT_CSV, HttpCharsets.UTF_8), s.csv()));
        case PDF -> attachment(file + ".pdf", HttpEntities.create(ContentTypes.create(MediaTypes.APPLICATION_PDF),
            messages.vendorStatementPdf(s, view.vendor().isRegistered()
                ? view.vendor().profile().name() : id, clock.instant(),
                view.vendor().isRegistered() ? view.vendor().profile().locale() : null)));
      };
    }));
  }

  private static HttpResponse attachment(String file,
      org.apache.pekko.http.javadsl.model.ResponseEntity entity) {
    return HttpResponse.create().withStatus(200)
        .addHeader(ContentDisposition.create(ContentDispositionTypes.ATTACHMENT,
            Map.of("filename", file)))
        .withEntity(entity);
  }

  /** The currency of the vendor's first movement, else EUR (an empty statement). */
  private static String defaultCurrency(VendorLedger.View view) {
    return view.vendor().movements().isEmpty() ? "EUR" : view.vendor().movements().get(0).currency();
  }

  /** 201 when the command changed the vendor, 200 otherwise; 404/409 problems when refused. */
  private Route answer(String id, Supplier<CompletionStage<VendorLedger.View>> asked) {
    if (!JsonFields.ID.matcher(id).matches()) {
      return complete(Problems.response(Problem.of(404, "not-found", "Not found", "no such vendor")));
    }
    return completeWithFuture(Problems.reply(asked.get(),
        view -> VendorResponse.answer(view, clock.instant())));
  }

}
