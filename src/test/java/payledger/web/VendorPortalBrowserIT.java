package payledger.web;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import payledger.Service;
import payledger.testing.ApiClient;
import payledger.testing.Ids;
import payledger.testing.LocalCassandraExtension;
import payledger.testing.Requests;
import payledger.testing.TestConfigs;

/**
 * The vendor portal in a real headless Chromium against one real service node on the real local
 * Cassandra node, with a real SMTP sink: a vendor sold 100.00 at 10 % commission and was paid out
 * 85.00 of the 90.00 due (a short payout). It asks for a link (a wrong address gets none), reads
 * the mail, signs in, sees its balance and the payout discrepancy with its deadline, its sale with
 * the commission, downloads the month's statement (PDF and CSV), reports a problem about the
 * discrepancy — bad input shown back first —, answers support's request for information and sees
 * it listed, beside the case support opened for it over the API (category, state, deadlines; in
 * Polish too). Another vendor, signed in too, sees its own support-opened case listed and none of
 * the first vendor's: the first vendor's case is a 404 for it, and the reverse. Screenshots go to
 * {@code target/screenshots/vendor-portal-*.png}.
 */
@ExtendWith(LocalCassandraExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VendorPortalBrowserIT {

  private static final Path SHOTS = Path.of("target", "screenshots");
  private static final String KEYSPACE = "payledger_vendor_portal_it";

  private final String vendor = Ids.unique("vpa");
  private final String other = Ids.unique("vpb");
  private final String email = vendor + "@vendors.example";
  private final String otherEmail = other + "@vendors.example";
  private final String orderId = Ids.unique("vporder");
  private GreenMail smtp;
  private Service service;
  private ChromeDriver browser;
  private ApiClient admin;
  private String base;
  private String otherCase;
  private JsonNode supportCase;
  private String reported;
  private Instant serviceNow;

  @BeforeAll
  void start() throws Exception {
    int smtpPort = freePort();
    int httpPort = freePort();
    smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    base = "http://127.0.0.1:" + httpPort;
    service = Service.start(TestConfigs.service("""
        pekko.persistence.cassandra.journal.keyspace = %s
        pekko.persistence.cassandra.events-by-tag.eventual-consistency-delay = 1s
        payledger.http.port = %d
        payledger.test-clock.enabled = true
        payledger.notify.public-base-url = "%s"
        payledger.notify.smtp.port = %d
        payledger.notify.delivery.poll-interval = 200ms
        """.formatted(KEYSPACE, httpPort, base, smtpPort)), Clock.systemUTC());
    admin = new ApiClient(service.httpPort());
    admin.awaitJournal();
    Files.createDirectories(SHOTS);
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
        "--window-size=1280,1100", "--lang=en");
    ChromeDriverService driver = new ChromeDriverService.Builder()
        .usingDriverExecutable(new java.io.File("/usr/bin/chromedriver")).usingAnyFreePort().build();
    browser = new ChromeDriver(driver, options);
  }

  @AfterAll
  void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (service != null) {
      service.close();
    }
    if (smtp != null) {
      smtp.stop();
    }
  }

  @Test
  @Order(1)
  void twoVendorsSellAndTheFirstIsPaidOutShort() {
    assertEquals(201, admin.post("/v1/vendors", registration(vendor, "Lamp & Co <Berlin>", email)).status());
    assertEquals(201, admin.post("/v1/vendors", registration(other, "Other Ltd", otherEmail)).status());
    sell(orderId, vendor, 10_000);
    sell(Ids.unique("vporder"), other, 4_000);
    ApiClient support = admin.withKey(ApiClient.SUPPORT_KEY);
    support.await("/v1/vendors/" + vendor, v -> owed(v) == 9_000);
    support.await("/v1/vendors/" + other, v -> owed(v) == 3_600);
    // A day later both sales are payable; the first vendor is paid 85.00 of its 90.00.
    ApiClient.Reply moved = admin.post("/v1/admin/clock",
        ApiClient.JSON.createObjectNode().put("advanceBy", "PT24H"));
    assertEquals(200, moved.status(), moved.body());
    serviceNow = Instant.parse(moved.json().path("now").asText());
    ApiClient.Reply paid = payout(vendor, 8_500);
    assertEquals(201, paid.status(), paid.body());
    assertEquals("PAYOUT_SHORT", paid.json().path("discrepancies").path(0).path("type").asText());
    // The other vendor reported a problem of its own (through the API, as support does for it).
    ObjectNode report = ApiClient.JSON.createObjectNode().put("category", "PAYOUT_MISSING")
        .put("description", "nothing arrived").put("actor", otherEmail);
    ApiClient.Reply opened = support.post("/v1/vendors/" + other + "/cases", report);
    assertEquals(201, opened.status(), opened.body());
    otherCase = opened.json().path("id").asText();
    // Support opens a case for the first vendor over the API: it is listed on that vendor's portal.
    ObjectNode forVendor = ApiClient.JSON.createObjectNode().put("category", "PAYOUT_MISSING")
        .put("description", "vendor called: Friday's payout is missing").put("actor", "agent-3");
    ApiClient.Reply bySupport = support.post("/v1/vendors/" + vendor + "/cases", forVendor);
    assertEquals(201, bySupport.status(), bySupport.body());
    supportCase = bySupport.json();
  }

  @Test
  @Order(2)
  void theVendorSignsInByTheMailedLinkAndSeesItsBalanceAndTheShortPayout() throws Exception {
    // A vendor id with another address: the same answer, and no mail.
    askForLink(vendor, "someone@else.example");
    assertTrue(browser.findElement(By.id("access-message")).getText().contains("sign-in link"));
    shot("vendor-portal-access");
    String link = signInLink(vendor, email);
    assertTrue(link.startsWith(base + "/vendors/portal/enter?token="), link);
    assertEquals(0, smtp.getReceivedMessagesForDomain("else.example").length,
        "no link to an address that is not the vendor's");
    assertEquals(1, Arrays.stream(smtp.getReceivedMessages()).filter(m -> isLink(m, email)).count(),
        "one link: the request with another address sent none");
    browser.get(link);
    assertTrue(browser.getCurrentUrl().endsWith("/vendors/portal"), browser.getCurrentUrl());
    WebElement eur = browser.findElement(By.cssSelector("#balances [data-currency=EUR]"));
    assertEquals("€0.00", first(eur, ".pending"));
    assertEquals("€5.00", first(eur, ".available"));
    assertEquals("€85.00", first(eur, ".paid-out"));
    assertEquals("€5.00", eur.findElement(By.cssSelector(".owed")).getText());
    assertEquals("Lamp & Co <Berlin>", browser.findElement(By.id("vendor-name")).getText(), "escaped, shown as typed");
    String tomorrow = serviceNow.atZone(ZoneOffset.UTC).toLocalDate().plusDays(1).toString();
    assertEquals(tomorrow + ": €5.00",
        browser.findElement(By.cssSelector("#next-payout li[data-currency=EUR]")).getText());
    WebElement pd1 = browser.findElement(By.cssSelector("tr[data-discrepancy=PD1]"));
    assertEquals("PAYOUT_SHORT", pd1.getAttribute("data-type"));
    assertTrue(pd1.getText().contains("Paid less than due") && pd1.getText().contains("€90.00")
        && pd1.getText().contains("€85.00") && pd1.getText().contains("-€5.00"), pd1.getText());
    shot("vendor-portal-balance");

    browser.get(base + "/vendors/portal/sales");
    WebElement sale = browser.findElement(By.cssSelector("#sales tr[data-order='" + orderId + "']"));
    assertEquals("SALE", sale.getAttribute("data-kind"));
    assertTrue(sale.getText().contains("€100.00 €10.00 €90.00"), sale.getText());
    assertEquals("Page 1 of 1", browser.findElement(By.id("page-of")).getText());
    shot("vendor-portal-sales");

    browser.get(base + "/vendors/portal/payouts");
    assertTrue(browser.findElement(By.id("payouts")).getText().contains("€85.00"));
    WebElement listed = browser.findElement(By.cssSelector("#discrepancies tr[data-discrepancy=PD1]"));
    String detected = admin.withKey(ApiClient.SUPPORT_KEY).get("/v1/vendors/" + vendor).json()
        .path("payoutDiscrepancies").path(0).path("resolveBy").asText();
    String deadline = detected.substring(0, 10) + " " + detected.substring(11, 16) + " UTC";
    assertTrue(listed.getText().contains(deadline), "the resolution deadline " + deadline + ": " + listed.getText());
    assertTrue(listed.getText().contains("open"), listed.getText());
    shot("vendor-portal-payouts");

    browser.get(base + "/vendors/portal?lang=de");
    assertEquals("Vorgemerkt", browser.findElement(By.cssSelector("#balances dt")).getText());
    assertTrue(browser.findElement(By.cssSelector("tr[data-discrepancy=PD1]")).getText()
        .contains("Weniger gezahlt als fällig"));
    shot("vendor-portal-balance-de");
    browser.get(base + "/vendors/portal?lang=en");
  }

  @Test
  @Order(3)
  void theVendorDownloadsTheMonthsStatement() throws Exception {
    browser.get(base + "/vendors/portal/statements");
    String month = YearMonth.from(serviceNow.atZone(ZoneOffset.UTC)).toString();
    WebElement row = browser.findElement(By.cssSelector("#statements tr[data-period='" + month + "-EUR']"));
    shot("vendor-portal-statements");
    String pdfHref = row.findElement(By.cssSelector("a.pdf")).getAttribute("href");
    String csvHref = row.findElement(By.cssSelector("a.csv")).getAttribute("href");
    HttpResponse<byte[]> pdf = fetch(pdfHref);
    assertEquals(200, pdf.statusCode());
    assertEquals("application/pdf", pdf.headers().firstValue("Content-Type").orElse(""));
    assertTrue(pdf.headers().firstValue("Content-Disposition").orElse("")
        .contains("statement-" + vendor + "-" + month + "-EUR.pdf"));
    String text;
    try (org.apache.pdfbox.pdmodel.PDDocument doc = org.apache.pdfbox.Loader.loadPDF(pdf.body())) {
      text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
    }
    assertTrue(text.contains("Sale " + orderId + " €100.00 -€10.00 €90.00"), text);
    assertTrue(text.contains("Closing balance €5.00"), text);
    HttpResponse<byte[]> csv = fetch(csvHref);
    assertEquals(200, csv.statusCode());
    String lines = new String(csv.body(), StandardCharsets.UTF_8);
    assertTrue(lines.contains(",SALE," + orderId + ",EUR,10000,1000,9000,"), lines);
    assertTrue(lines.contains(",CLOSING,,EUR,,,,,500"), lines);
    assertEquals(404, fetch(base + "/vendors/portal/statements/" + month + ".pdf?currency=USD").statusCode(),
        "a currency the vendor has no money in");
    assertEquals(404, fetch(base + "/vendors/portal/statements/1999-01.pdf?currency=EUR").statusCode());
  }

  @Test
  @Order(4)
  void theVendorReportsAProblemAboutTheShortPayoutAndSeesItListed() throws Exception {
    browser.get(base + "/vendors/portal/payouts");
    navigate(() -> browser.findElement(By.cssSelector("tr[data-discrepancy=PD1] a")).click());
    assertEquals("PD1", browser.findElement(By.cssSelector("#discrepancy option[selected]")).getAttribute("value"));
    // Bad input first: no category, an amount that is none. The form comes back with both named.
    browser.findElement(By.id("amount")).sendKeys("five euros");
    browser.findElement(By.id("description")).sendKeys("We were paid 85.00 but 90.00 was due <b>.");
    submit(By.id("send-report"));
    assertTrue(browser.findElement(By.id("err-category")).getText().contains("Choose what"));
    assertTrue(browser.findElement(By.id("err-amount")).getText().contains("Enter an amount"));
    assertEquals("We were paid 85.00 but 90.00 was due <b>.",
        browser.findElement(By.id("description")).getAttribute("value"), "what was typed is kept");
    assertEquals("PD1", browser.findElement(By.cssSelector("#discrepancy option[selected]")).getAttribute("value"));
    shot("vendor-portal-report-errors");
    browser.findElement(By.cssSelector("input[name=category][value=PAYOUT_INCORRECT]")).click();
    browser.findElement(By.id("amount")).clear();
    browser.findElement(By.id("amount")).sendKeys("5.00");
    submit(By.id("send-report"));
    reported = browser.findElement(By.id("tracking")).getText();
    assertTrue(browser.findElement(By.cssSelector(".flash")).getText().contains("Reported as case " + reported));
    assertEquals("Received", browser.findElement(By.id("case-state")).getText());
    assertEquals("A payout was wrong", browser.findElement(By.id("case-category")).getText());
    shot("vendor-portal-case");
    JsonNode opened = admin.withKey(ApiClient.SUPPORT_KEY).get("/v1/disputes/" + reported).json();
    assertEquals("VENDOR", opened.path("source").asText(), opened.toString());
    assertEquals(vendor, opened.path("vendor").path("vendorId").asText());
    assertEquals("PD1", opened.path("vendor").path("payoutDiscrepancyId").asText());
    // Support acknowledges and asks for information; the vendor answers from the case's page.
    ApiClient support = admin.withKey(ApiClient.SUPPORT_KEY);
    ObjectNode step = ApiClient.JSON.createObjectNode().put("actor", "agent-7");
    assertEquals(201, support.post("/v1/disputes/" + reported + "/acknowledge", step).status());
    assertEquals(201, support.post("/v1/disputes/" + reported + "/request-info",
        step.deepCopy().put("text", "Which bank account received the 85.00?")).status());
    browser.get(base + "/vendors/portal/cases/" + reported);
    assertEquals("Waiting for your answer", browser.findElement(By.id("case-state")).getText());
    browser.findElement(By.id("reply")).sendKeys("The account ending 0042.");
    shot("vendor-portal-case-reply");
    submit(By.id("send-reply"));
    assertEquals("Being investigated", browser.findElement(By.id("case-state")).getText());
    assertTrue(browser.findElement(By.id("timeline")).getText().contains("The account ending 0042."));
    assertEquals("vendor:" + vendor, support.get("/v1/disputes/" + reported).json().path("timeline")
        .findValuesAsText("actor").stream().filter(a -> a.startsWith("vendor:")).reduce((a, b) -> b)
        .orElse(""), "the answer is the vendor's");
    // Both of its cases are listed, the one it reported and the one support opened for it over
    // the API, each with its category, state and deadlines; the other vendor's case is not.
    String supportId = supportCase.path("id").asText();
    awaitListed(reported, supportId);
    WebElement mine = browser.findElement(By.cssSelector("#open-cases [data-case='" + reported + "']"));
    assertEquals("PAYOUT_INCORRECT", mine.getAttribute("data-category"));
    assertEquals("A payout was wrong", mine.findElement(By.className("case-category")).getText());
    assertEquals("Being investigated", mine.findElement(By.className("case-state")).getText());
    WebElement theirs = browser.findElement(By.cssSelector("#open-cases [data-case='" + supportId + "']"));
    assertTrue(theirs.findElement(By.tagName("h2")).getText().endsWith(supportId), theirs.getText());
    assertEquals("PAYOUT_MISSING", theirs.getAttribute("data-category"));
    assertEquals("A payout did not arrive", theirs.findElement(By.className("case-category")).getText());
    assertEquals("OPEN", theirs.getAttribute("data-state"));
    assertEquals("Received", theirs.findElement(By.className("case-state")).getText());
    assertEquals("We acknowledge by " + minutes(supportCase.path("deadlines").path("acknowledgeBy").asText()),
        theirs.findElement(By.className("ack-by")).getText());
    assertEquals("We resolve by " + minutes(supportCase.path("deadlines").path("resolveBy").asText()),
        theirs.findElement(By.className("resolve-by")).getText());
    assertTrue(browser.findElements(By.cssSelector("[data-case='" + otherCase + "']")).isEmpty(),
        "not the other vendor's case");
    shot("vendor-portal-cases");
    browser.get(base + "/vendors/portal/cases/" + supportId);
    assertEquals("Received", browser.findElement(By.id("case-state")).getText());
    // In Polish: the same list in the vendor's third language.
    browser.get(base + "/vendors/portal/cases?lang=pl");
    assertEquals("Przyjęte", browser.findElement(By.cssSelector("[data-case='" + supportId + "'] .case-state")).getText());
    assertEquals("Wypłata nie dotarła", browser.findElement(
        By.cssSelector("[data-case='" + supportId + "'] .case-category")).getText());
    assertEquals("Twoje zgłoszenia", browser.findElement(By.tagName("h1")).getText());
    shot("vendor-portal-cases-pl");
    browser.get(base + "/vendors/portal?lang=en");
    browser.manage().window().setSize(new Dimension(390, 844));
    browser.get(base + "/vendors/portal/report");
    shot("vendor-portal-report-phone");
    browser.manage().window().setSize(new Dimension(1280, 1100));
  }

  @Test
  @Order(5)
  void noVendorSeesAnothersDataAndEveryFormNeedsItsToken() throws Exception {
    assertEquals(404, fetch(base + "/vendors/portal/cases/" + otherCase).statusCode(),
        "the other vendor's case");
    assertEquals(404, fetch(base + "/vendors/portal/cases/PL-NOPE").statusCode());
    assertEquals(200, fetch(base + "/vendors/portal/cases/" + reported).statusCode());
    HttpResponse<String> forged = post("/vendors/portal/report",
        "category=PAYOUT_MISSING&description=forged&nonce=abcdefgh");
    assertEquals(403, forged.statusCode(), "no CSRF token: refused");
    browser.get(base + "/vendors/portal/cases");
    assertEquals(2, browser.findElements(By.cssSelector("[data-case]")).size(),
        "nothing opened: its report and support's case only");

    // The other vendor signs in: its own money and case only, and the first vendor's case is a 404.
    browser.manage().deleteAllCookies();
    browser.get(signInLink(other, otherEmail));
    WebElement eur = browser.findElement(By.cssSelector("#balances [data-currency=EUR]"));
    assertEquals("€36.00", first(eur, ".available"));
    assertTrue(browser.findElements(By.cssSelector("tr[data-discrepancy]")).isEmpty());
    browser.get(base + "/vendors/portal/sales");
    assertTrue(browser.findElements(By.cssSelector("#sales tr[data-order='" + orderId + "']")).isEmpty());
    // Its own case, opened by support over the API, is listed in full; the first vendor's are not.
    awaitListed(otherCase);
    WebElement own = browser.findElement(By.cssSelector("#open-cases [data-case='" + otherCase + "']"));
    assertEquals("PAYOUT_MISSING", own.getAttribute("data-category"));
    assertEquals("A payout did not arrive", own.findElement(By.className("case-category")).getText());
    assertEquals("Received", own.findElement(By.className("case-state")).getText());
    assertEquals(1, browser.findElements(By.cssSelector("[data-case]")).size(), browser.getPageSource());
    assertTrue(browser.findElements(By.cssSelector("[data-case='" + reported + "']")).isEmpty());
    assertTrue(browser.findElements(By.cssSelector("[data-case='" + supportCase.path("id").asText() + "']"))
        .isEmpty(), "support's case for the first vendor");
    assertEquals(404, fetch(base + "/vendors/portal/cases/" + reported).statusCode(),
        "the first vendor's case");
    browser.get(base + "/vendors/portal/cases/" + reported);
    assertTrue(browser.findElement(By.cssSelector(".problem")).getText().contains("not yours"));

    // Without a session: the access form, never a vendor's page.
    browser.manage().deleteAllCookies();
    browser.get(base + "/vendors/portal/payouts");
    assertTrue(browser.findElements(By.id("payouts")).isEmpty());
    assertTrue(browser.getCurrentUrl().endsWith("/vendors/portal"), browser.getCurrentUrl());
  }

  /**
   * Opens the vendor's issues page until every one of {@code ids} is listed: the list is the
   * vendor-cases projection's, a moment behind the case's opening.
   */
  private void awaitListed(String... ids) {
    await(() -> {
      browser.get(base + "/vendors/portal/cases");
      return Arrays.stream(ids).allMatch(id ->
          !browser.findElements(By.cssSelector("[data-case='" + id + "']")).isEmpty()) ? true : null;
    });
  }

  /** An instant as the pages show it: {@code 2026-12-07 10:15 UTC}. */
  private static String minutes(String instant) {
    return instant.substring(0, 10) + " " + instant.substring(11, 16) + " UTC";
  }

  private void sell(String order, String seller, long amount) {
    ObjectNode o = Requests.order(order);
    ArrayNode items = o.putArray("items");
    items.addObject().put("sku", "LAMP").put("quantity", 1).put("unitPrice", amount).put("vendorId", seller);
    o.put("shipping", 0);
    o.putArray("taxes");
    o.putArray("discounts");
    assertEquals(201, admin.post("/v1/orders", o).status());
    assertEquals(201, admin.post("/v1/payment-events",
        Requests.payment(Ids.unique("pay"), order, "SUCCEEDED", amount)).status());
  }

  private static ObjectNode registration(String id, String name, String address) {
    ObjectNode v = ApiClient.JSON.createObjectNode().put("vendorId", id).put("name", name)
        .put("email", address);
    v.putArray("notificationChannels").add("email");
    v.putObject("payoutSchedule").put("frequency", "DAILY").put("delayDays", 0);
    v.putObject("commission").put("basisPoints", 1000);
    return v;
  }

  private ApiClient.Reply payout(String id, long amount) {
    ObjectNode p = ApiClient.JSON.createObjectNode().put("eventId", Ids.unique("evt"))
        .put("gateway", "bankco").put("vendorId", id).put("payoutId", Ids.unique("po"))
        .put("status", "PAID").put("occurredAt", serviceNow.toString());
    p.putObject("amount").put("value", amount).put("currency", "EUR");
    return admin.withKey(ApiClient.GATEWAY_KEY).post("/v1/payout-events", p);
  }

  private static long owed(JsonNode v) {
    JsonNode b = v.path("balances").path(0);
    return b.path("pending").path("value").asLong() + b.path("available").path("value").asLong();
  }

  private static String first(WebElement in, String css) {
    return in.findElement(By.cssSelector(css)).getText().split(" ")[0];
  }

  private void askForLink(String id, String address) {
    browser.manage().deleteAllCookies();
    browser.get(base + "/vendors/portal/access");
    browser.findElement(By.id("vendorId")).sendKeys(id);
    browser.findElement(By.id("email")).sendKeys(address);
    submit(By.id("ask"));
  }

  /** Asks for a link as the vendor and reads it from the mail sent to its registered address. */
  private String signInLink(String id, String address) {
    askForLink(id, address);
    MimeMessage mail = await(() -> Arrays.stream(smtp.getReceivedMessages())
        .filter(m -> isLink(m, address)).findFirst().orElse(null));
    Matcher m = Pattern.compile(Pattern.quote(base) + "/vendors/portal/enter\\?token=[A-Za-z0-9_\\-.]+")
        .matcher(GreenMailUtil.getBody(mail).replace("=\r\n", ""));
    assertTrue(m.find(), "a link in the mail");
    return m.group();
  }

  /** A sign-in link mail to {@code address} (the vendor is also mailed its payout notices). */
  private static boolean isLink(MimeMessage m, String address) {
    return recipient(m).equals(address) && subject(m).contains("vendor portal");
  }

  private static String recipient(MimeMessage m) {
    try {
      return m.getAllRecipients()[0].toString();
    } catch (Exception e) {
      return "";
    }
  }

  private static String subject(MimeMessage m) {
    try {
      return m.getSubject();
    } catch (Exception e) {
      return "";
    }
  }

  /** A GET with the browser's vendor session cookie (a download, or a status to check). */
  private HttpResponse<byte[]> fetch(String url) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
        .header("Cookie", sessionCookie()).build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private HttpResponse<String> post(String path, String form) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + path))
        .header("Cookie", sessionCookie()).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private String sessionCookie() {
    browser.get(base + "/vendors/portal/cases");
    return "pl_vendor=" + browser.manage().getCookieNamed("pl_vendor").getValue();
  }

  private void submit(By button) {
    navigate(() -> browser.findElement(button).click());
  }

  private void navigate(Runnable action) {
    WebElement old = browser.findElement(By.tagName("html"));
    action.run();
    await(() -> {
      try {
        old.getTagName();
        return null;
      } catch (org.openqa.selenium.StaleElementReferenceException gone) {
        return browser.executeScript("return document.readyState").equals("complete") ? true : null;
      } catch (org.openqa.selenium.WebDriverException swapping) {
        if (!String.valueOf(swapping.getMessage()).contains("does not belong to the document")) {
          throw swapping;
        }
        return browser.executeScript("return document.readyState").equals("complete") ? true : null;
      }
    });
  }

  private void shot(String name) {
    try {
      Files.write(SHOTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static <T> T await(Supplier<T> probe) {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (System.nanoTime() < deadline) {
      T found = probe.get();
      if (found != null) {
        return found;
      }
      try {
        Thread.sleep(300);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    throw new AssertionError("not within 90 s");
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
