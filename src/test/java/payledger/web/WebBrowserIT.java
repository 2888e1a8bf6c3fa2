package payledger.web;

import static org.junit.jupiter.api.Assertions.*;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
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
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import payledger.Service;
import payledger.readmodel.ReadModelProjections;
import payledger.testing.NodeProcess;
import payledger.testing.ApiClient;
import payledger.testing.LocalCassandraExtension;
import payledger.testing.Requests;
import payledger.testing.TestConfigs;
import payledger.testing.Ids;

/**
 * The console and the portal in a real headless Chromium (Debian's chromium and chromedriver)
 * against one real service node on the real local Cassandra node, with a real SMTP sink: an agent
 * finds the overdue case and works it, the customer signs in through the mailed magic link, answers
 * and downloads the receipt; the queues filtered by gateway; and the guards — CSRF, session expiry,
 * the role matrix (the dashboard's health is the admin's). Screenshots of the pages go to
 * {@code target/screenshots/}.
 */
@ExtendWith(LocalCassandraExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebBrowserIT {

  private static final Duration IDLE = Duration.ofSeconds(12);
  private static final Path SHOTS = Path.of("target", "screenshots");

  private final String orderId = Ids.unique("web");
  private final String customer = "cust-" + orderId;
  private final String email = orderId + "@example.com";
  private GreenMail smtp;
  private Service service;
  private ChromeDriver browser;
  private ApiClient api;
  private String base;
  private String caseId;

  @BeforeAll
  void start() throws Exception {
    int[] ports = NodeProcess.freePorts(2);
    int smtpPort = ports[0];
    int httpPort = ports[1];
    smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    base = "http://127.0.0.1:" + httpPort;
    service = Service.start(TestConfigs.service("""
        pekko.persistence.cassandra.journal.keyspace = payledger_web_it
        pekko.persistence.cassandra.events-by-tag.eventual-consistency-delay = 1s
        payledger.http.port = %d
        payledger.test-clock.enabled = true
        payledger.notify.public-base-url = "%s"
        payledger.notify.smtp.port = %d
        payledger.notify.delivery.poll-interval = 200ms
        payledger.web.session.idle-timeout = %ds
        """.formatted(httpPort, base, smtpPort, IDLE.toSeconds())), Clock.systemUTC());
    api = new ApiClient(service.httpPort());
    api.awaitJournal();
    Files.createDirectories(SHOTS);
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
        "--window-size=1280,1300", "--lang=en");
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
  void anAgentFindsTheOverdueCaseAcknowledgesItAndAsksTheCustomer() {
    ObjectNode order = Requests.order(orderId).put("customerId", customer).put("customerEmail", email);
    assertEquals(201, api.post("/v1/orders", order).status());
    ObjectNode pay = Requests.payment("evt-" + orderId, orderId, "SUCCEEDED", Requests.DUE);
    pay.put("customerId", customer);
    assertEquals(201, api.post("/v1/payment-events", pay).status());
    ObjectNode open = ApiClient.JSON.createObjectNode().put("orderId", orderId)
        .put("category", "DOUBLE_CHARGE").put("description", "I see the charge twice on my card")
        .put("source", "CUSTOMER").put("actor", "phone-agent");
    var opened = api.post("/v1/disputes", open);
    assertEquals(201, opened.status(), opened.body());
    caseId = opened.json().path("id").asText();
    // Two hours later the one-hour acknowledgement is overdue.
    assertEquals(200, api.post("/v1/admin/clock",
        ApiClient.JSON.createObjectNode().put("advanceBy", "PT2H")).status());

    signIn(ApiClient.SUPPORT_KEY);
    By caseRow = By.cssSelector("tr[data-case='" + caseId + "']");
    await(() -> {
      browser.get(base + "/console/queues");
      return browser.findElements(caseRow).isEmpty() ? null : true;
    });
    WebElement row = browser.findElement(caseRow);
    assertTrue(row.getAttribute("class").contains("due-breach"), "overdue: " + row.getAttribute("class"));
    String due = row.findElement(By.cssSelector(".countdown")).getText();
    assertTrue(due.matches("overdue by 1 h \\d+ m"), "an overdue deadline in words, not a negative time: " + due);
    shot("console-queues");
    browser.get(base + "/console/queues?lang=de");
    String german = browser.findElement(caseRow).findElement(By.cssSelector(".countdown")).getText();
    assertTrue(german.matches("seit 1 Std\\. \\d+ Min\\. überfällig"), german);
    browser.get(base + "/console/queues?lang=en");
    navigate(() -> browser.findElement(caseRow).findElement(By.linkText(caseId)).click());
    shot("console-case-overdue");
    browser.findElement(By.id("do-acknowledge")).click();
    String question = browser.switchTo().alert().getText();
    assertTrue(question.contains("Acknowledge") && question.contains(caseId), question);
    browser.switchTo().alert().dismiss();
    assertEquals("OPEN", browser.findElement(By.id("case-state")).getText(), "not confirmed: nothing done");
    assertEquals("OPEN", api.get("/v1/disputes/" + caseId).json().path("state").asText());
    confirm(By.id("do-acknowledge"), "Acknowledge");
    assertEquals("ACKNOWLEDGED", browser.findElement(By.id("case-state")).getText());
    browser.findElement(By.id("text-request-info")).sendKeys("Which card, and the last four digits?");
    confirm(By.id("do-request-info"), caseId);
    assertEquals("AWAITING_CUSTOMER", browser.findElement(By.id("case-state")).getText());
    assertTrue(browser.findElement(By.id("timeline")).getText().contains("Which card"));
  }

  @Test
  @Order(2)
  void theCustomerSignsInByTheMailedLinkAndAnswers() throws Exception {
    browser.get(base + "/portal/access");
    browser.findElement(By.id("email")).sendKeys(email);
    submit(By.id("ask"));
    assertTrue(browser.findElement(By.id("access-message")).getText().contains("sign-in link"));
    String link = magicLink();
    assertTrue(link.startsWith(base + "/portal/enter?token="), link);
    browser.manage().window().setSize(new Dimension(390, 844));
    browser.get(link);
    // The portal lists the customer's orders from a read model: the order's row may still be coming.
    await(() -> {
      if (browser.findElement(By.id("orders")).getText().contains(orderId)) {
        return true;
      }
      browser.get(base + "/portal");
      return null;
    });
    shot("portal-orders-phone");
    browser.get(base + "/portal/cases/" + caseId);
    assertTrue(browser.findElement(By.id("case-state")).getText().contains("Waiting for your answer"));
    browser.findElement(By.id("reply")).sendKeys("The Visa ending 4242, charged on Monday twice.");
    shot("portal-case-reply-phone");
    submit(By.id("send-reply"));
    assertTrue(browser.findElement(By.id("case-state")).getText().contains("Being investigated"));
    assertTrue(browser.findElement(By.id("timeline")).getText().contains("Visa ending 4242"));
    browser.get(link);
    assertTrue(browser.getCurrentUrl().endsWith("/portal") || browser.getPageSource().contains("not valid"),
        "a link signs in once");
    browser.manage().window().setSize(new Dimension(1280, 1300));
  }

  @Test
  @Order(3)
  void theAgentRefundsAndTheOrderShowsTheRefundOnce() {
    signIn(ApiClient.SUPPORT_KEY);
    browser.get(base + "/console/cases/" + caseId);
    browser.findElement(By.cssSelector("#resolution option[value=REFUND]")).click();
    browser.findElement(By.id("amount")).sendKeys("12.50");
    browser.findElement(By.id("reason")).sendKeys("Duplicate capture confirmed with the gateway");
    confirm(By.id("do-resolve"), "REFUND 12.50");
    assertEquals("RESOLVED", browser.findElement(By.id("case-state")).getText());
    await(() -> {
      browser.get(base + "/console/orders/" + orderId);
      return browser.findElements(By.cssSelector("#instructions .instruction")).isEmpty() ? null : true;
    });
    List<WebElement> refunds = browser.findElements(By.cssSelector("#instructions .instruction"));
    assertEquals(1, refunds.size(), "the refund once");
    assertTrue(refunds.get(0).getText().contains("REFUND") && refunds.get(0).getText().contains("12.50"),
        refunds.get(0).getText());
    shot("console-order");
    assertTrue(browser.findElements(By.id("verify")).isEmpty(), "verifying is the auditor's");
  }

  @Test
  @Order(4)
  void anAgentFindsTheOrderByItsGatewayPaymentId() {
    // The payment of test 1: gateway testpay, payment id pi_evt-<order>, read by the settlement projection.
    await(() -> {
      browser.get(base + "/console/search?q=testpay:pi_evt-" + orderId);
      return browser.getCurrentUrl().endsWith("/console/orders/" + orderId) ? true : null;
    });
    assertEquals(orderId, browser.findElement(By.id("order-id")).getText());
    browser.get(base + "/console/search?q=pi_nothing" + orderId);
    assertTrue(browser.findElement(By.tagName("main")).getText().contains("Nothing found"));
  }

  @Test
  @Order(5)
  void theCustomerDownloadsTheReceiptPdf() throws Exception {
    String link = requestLinkFor();
    browser.get(link);
    browser.get(base + "/portal/orders/" + orderId);
    shot("portal-order");
    String href = browser.findElement(By.id("receipt-pdf")).getAttribute("href");
    Cookie session = browser.manage().getCookieNamed("pl_portal");
    assertTrue(session.isHttpOnly(), "HttpOnly");
    assertEquals("Strict", session.getSameSite());
    HttpResponse<byte[]> pdf = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(href))
        .header("Cookie", "pl_portal=" + session.getValue()).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, pdf.statusCode());
    assertEquals("%PDF-", new String(pdf.body(), 0, 5, java.nio.charset.StandardCharsets.US_ASCII));
    assertTrue(pdf.headers().firstValue("Content-Disposition").orElse("").contains("attachment"));
  }

  @Test
  @Order(6)
  void theCustomerRatesTheResolutionAndReportsANewProblem() throws Exception {
    browser.get(base + "/portal/cases/" + caseId);
    assertTrue(browser.findElement(By.id("case-state")).getText().contains("Solved"));
    assertTrue(browser.findElement(By.id("case-resolution")).getText().contains("refunded"));
    browser.findElement(By.cssSelector("input[name=csat][value='5']")).click();
    submit(By.id("rate"));
    assertTrue(browser.getPageSource().contains("Your rating: 5/5"));

    browser.manage().window().setSize(new Dimension(390, 844));
    browser.get(base + "/portal/report?order=" + orderId);
    browser.findElement(By.cssSelector("input[name=category][value=REFUND_ISSUE]")).click();
    browser.findElement(By.id("description")).sendKeys("The refund has not reached my card yet.");
    shot("portal-report-phone");
    submit(By.id("report"));
    String tracking = browser.findElement(By.id("tracking")).getText();
    assertTrue(tracking.matches("PL-[0-9A-Z]{10}"), tracking);
    assertTrue(browser.findElement(By.cssSelector(".flash")).getText().contains(tracking));
    assertTrue(browser.getPageSource().contains("We acknowledge by"));
    assertEquals("CUSTOMER", api.get("/v1/disputes/" + tracking).json().path("source").asText());
    shot("portal-case-new-phone");
    browser.manage().window().setSize(new Dimension(1280, 1300));
  }

  @Test
  @Order(7)
  void theAgentResolvesAnOverpaymentFromTheQueue() {
    String overpaid = orderId + "-over";
    ObjectNode order = Requests.order(overpaid).put("customerId", customer).put("customerEmail", email);
    assertEquals(201, api.post("/v1/orders", order).status());
    ObjectNode pay = Requests.payment("evt-" + overpaid, overpaid, "SUCCEEDED", Requests.DUE + 500);
    pay.put("customerId", customer);
    assertEquals(201, api.post("/v1/payment-events", pay).status());
    signIn(ApiClient.SUPPORT_KEY);
    await(() -> {
      browser.get(base + "/console/queues?lang=de");
      return browser.findElements(By.linkText(overpaid)).isEmpty() ? null : true;
    });
    shot("console-queues-de");
    browser.get(base + "/console/orders/" + overpaid + "?lang=en");
    WebElement card = browser.findElement(By.cssSelector(".disc"));
    assertTrue(card.getText().contains("OVERPAYMENT"), card.getText());
    List<String> offered = card.findElements(By.cssSelector("select option")).stream()
        .map(WebElement::getText).toList();
    assertEquals(List.of("REFUNDED", "INVOICE_ADJUSTED", "ACCEPTED"), offered, "the resolutions of its type");
    card.findElement(By.xpath(".//option[text()='ACCEPTED']")).click();
    card.findElement(By.cssSelector("input[name=note]")).sendKeys("Customer keeps the credit");
    confirm(By.cssSelector(".disc button"), "OVERPAYMENT: ACCEPTED");
    assertTrue(browser.findElement(By.cssSelector(".disc")).getText().contains("Resolved: ACCEPTED"),
        browser.findElement(By.cssSelector(".disc")).getText());
  }

  @Test
  @Order(8)
  void aFormWithoutItsCsrfTokenIsRefused() throws Exception {
    signIn(ApiClient.SUPPORT_KEY);
    Cookie session = browser.manage().getCookieNamed("pl_console");
    HttpResponse<String> post = post("/console/cases/" + caseId + "/note", "pl_console=" + session.getValue(),
        "text=sneaky");
    assertEquals(403, post.statusCode());
    HttpResponse<String> wrong = post("/console/cases/" + caseId + "/note",
        "pl_console=" + session.getValue(), "text=sneaky&csrf=not-the-token");
    assertEquals(403, wrong.statusCode());
    assertFalse(api.get("/v1/disputes/" + caseId).body().contains("sneaky"), "nothing recorded");
  }

  @Test
  @Order(9)
  void anAuditorSeesNoActionsAndIsRefusedADirectPost() throws Exception {
    signIn(ApiClient.AUDITOR_KEY);
    browser.get(base + "/console/cases/" + caseId);
    assertEquals("RESOLVED", browser.findElement(By.id("case-state")).getText());
    assertTrue(browser.findElements(By.cssSelector("form.step")).isEmpty(), "no action buttons");
    shot("console-case-auditor");
    Cookie session = browser.manage().getCookieNamed("pl_console");
    String csrf = browser.findElement(By.cssSelector("header form input[name=csrf]")).getAttribute("value");
    HttpResponse<String> post = post("/console/cases/" + caseId + "/close",
        "pl_console=" + session.getValue(), "csrf=" + csrf);
    assertEquals(403, post.statusCode());
    assertEquals("RESOLVED", api.get("/v1/disputes/" + caseId).json().path("state").asText());

    browser.get(base + "/console/orders/" + orderId);
    submit(By.id("verify"));
    String outcome = browser.findElement(By.id("verify-outcome")).getText();
    assertTrue(outcome.startsWith("Verified"), outcome + " / " + browser.findElement(By.id("verification")).getText());
    assertTrue(browser.findElements(By.id("verify-problems")).isEmpty());
    assertEquals("RESOLVED", api.get("/v1/disputes/" + caseId).json().path("state").asText());
    shot("console-order-verified");

    browser.get(base + "/console/dashboard");
    List<WebElement> charts = browser.findElements(By.cssSelector("#kpis figure svg"));
    assertFalse(charts.isEmpty(), "a chart per KPI");
    shot("console-dashboard");
    assertTrue(browser.findElements(By.id("health")).isEmpty(),
        "projection lag and nodes are the admin's, as GET /v1/admin/projections");
    assertEquals(403, api.withKey(ApiClient.AUDITOR_KEY).get("/v1/admin/projections").status());
  }

  @Test
  @Order(10)
  void theAdminSeesTheProjectionsAndNodesOnTheDashboard() {
    signIn(ApiClient.SUPPORT_KEY);
    browser.get(base + "/console/dashboard");
    assertFalse(browser.findElements(By.cssSelector("#kpis figure svg")).isEmpty(), "support sees the KPIs");
    assertTrue(browser.findElements(By.id("health")).isEmpty(), "but not the read side's health");
    signIn(ApiClient.ADMIN_KEY);
    browser.get(base + "/console/dashboard");
    List<String> projections = browser.findElements(By.cssSelector("#projections tr[data-projection]")).stream()
        .map(r -> r.getAttribute("data-projection")).toList();
    assertTrue(projections.containsAll(List.of(ReadModelProjections.ORDERS, ReadModelProjections.DISPUTES)), projections.toString());
    List<WebElement> nodes = browser.findElements(By.cssSelector("#nodes tr.node"));
    assertEquals(1, nodes.size(), "one node");
    assertTrue(nodes.get(0).getText().contains("Up") && nodes.get(0).getText().contains("this node"),
        nodes.get(0).getText());
    assertEquals("reachable", nodes.get(0).findElement(By.cssSelector(".reachability")).getText());
    browser.executeScript("document.getElementById('health').scrollIntoView()");
    shot("console-dashboard-health");
  }

  @Test
  @Order(11)
  void theQueuesShowOnlyTheChosenGatewaysRows() {
    String gatewayA = Ids.unique("gwa");
    String gatewayB = Ids.unique("gwb");
    String orderA = underpaid(gatewayA);
    String orderB = underpaid(gatewayB);
    await(() -> listed("/v1/discrepancies?gateway=" + gatewayA, "orderId", orderA));
    await(() -> listed("/v1/discrepancies?gateway=" + gatewayB, "orderId", orderB));
    var opened = api.post("/v1/disputes", ApiClient.JSON.createObjectNode().put("orderId", orderA)
        .put("category", "INCORRECT_CHARGE").put("description", "charged less than shown").put("actor", "agent-7"));
    assertEquals(201, opened.status(), opened.body());
    String caseA = opened.json().path("id").asText();
    await(() -> listed("/v1/disputes?gateway=" + gatewayA, "disputeId", caseA));

    signIn(ApiClient.SUPPORT_KEY);
    browser.get(base + "/console/queues");
    filterBy(gatewayA);
    assertTrue(browser.getCurrentUrl().contains("gateway=" + gatewayA), browser.getCurrentUrl());
    assertEquals(gatewayA, browser.findElement(By.cssSelector("#gateway option:checked")).getAttribute("value"),
        "the chosen gateway stays selected");
    assertEquals(List.of(gatewayA), gateways("#discrepancy-queue"));
    assertFalse(browser.findElements(By.linkText(orderA)).isEmpty(), "A's discrepancy");
    assertTrue(browser.findElements(By.linkText(orderB)).isEmpty(), "not B's");
    assertEquals(List.of(gatewayA), gateways("#case-queue"));
    assertEquals(1, browser.findElements(By.cssSelector("tr[data-case='" + caseA + "']")).size());
    shot("console-queues-gateway");

    filterBy(gatewayB);
    assertEquals(List.of(gatewayB), gateways("#discrepancy-queue"));
    assertFalse(browser.findElements(By.linkText(orderB)).isEmpty(), "B's discrepancy");
    assertTrue(browser.findElements(By.linkText(orderA)).isEmpty(), "not A's");
    assertTrue(browser.findElements(By.cssSelector("#case-queue tr[data-case]")).isEmpty(), "B has no case");

    browser.get(base + "/console/queues?lang=de&gateway=" + gatewayB);
    assertEquals("Zahlungsanbieter", browser.findElement(By.cssSelector("label[for=gateway]")).getText());
    assertEquals(List.of(gatewayB), gateways("#discrepancy-queue"));
    browser.get(base + "/console/queues?lang=en&gateway=" + Ids.unique("nogw"));
    assertEquals("", browser.findElement(By.cssSelector("#gateway option:checked")).getAttribute("value"),
        "a gateway no row has is ignored, as an unknown type is: any gateway");
  }

  @Test
  @Order(12)
  void anIdleSessionExpires() throws Exception {
    signIn(ApiClient.SUPPORT_KEY);
    Thread.sleep(IDLE.plusSeconds(1).toMillis());
    browser.get(base + "/console/queues");
    assertTrue(browser.getCurrentUrl().endsWith("/console/sign-in"), browser.getCurrentUrl());
    signIn(ApiClient.GATEWAY_KEY);
    assertTrue(browser.getCurrentUrl().endsWith("/console/sign-in"), "a gateway key may not sign in");
  }

  /** A new order paid 20.00 of its 30.90 through {@code gateway}: an UNDERPAYMENT. */
  private String underpaid(String gateway) {
    String id = Ids.unique("webgw");
    assertEquals(201, api.post("/v1/orders", Requests.order(id)).status());
    ObjectNode pay = Requests.payment(Ids.unique("evt"), id, "SUCCEEDED", 2000);
    pay.put("gateway", gateway);
    var reply = api.withKey(ApiClient.GATEWAY_KEY).post("/v1/payment-events", pay);
    assertEquals(201, reply.status(), reply.body());
    return id;
  }

  /** True once the list answers and names {@code id} in {@code field}; null until then. */
  private Boolean listed(String path, String field, String id) {
    var reply = api.get(path);
    if (reply.status() != 200) {
      return null;
    }
    for (var item : reply.json().path("items")) {
      if (item.path(field).asText().equals(id)) {
        return true;
      }
    }
    return null;
  }

  /** Picks {@code gateway} in the queues' gateway select and applies the filters. */
  private void filterBy(String gateway) {
    browser.findElement(By.cssSelector("#gateway option[value='" + gateway + "']")).click();
    submit(By.cssSelector("form.filters button[type=submit]"));
  }

  /** The distinct gateways of a queue's rows. */
  private List<String> gateways(String table) {
    return browser.findElements(By.cssSelector(table + " td.gateway")).stream()
        .map(WebElement::getText).distinct().toList();
  }

  private void signIn(String key) {
    browser.manage().deleteAllCookies();
    browser.get(base + "/console/sign-in");
    browser.findElement(By.id("key")).sendKeys(key);
    submit(By.id("sign-in"));
  }

  /** Clicks an action's button, accepts its confirmation (which must mention {@code asks}) and waits for the next page. */
  private void confirm(By button, String asks) {
    navigate(() -> {
      browser.findElement(button).click();
      var alert = browser.switchTo().alert();
      assertTrue(alert.getText().contains(asks), alert.getText());
      alert.accept();
    });
  }

  /** Clicks a form's button and waits for the page the form leads to. */
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
        // While Chromium swaps the documents, the old page's element may be reported as no longer
        // in the document rather than stale: gone as well.
        if (!String.valueOf(swapping.getMessage()).contains("does not belong to the document")) {
          throw swapping;
        }
        return browser.executeScript("return document.readyState").equals("complete") ? true : null;
      }
    });
  }

  private String requestLinkFor() throws Exception {
    browser.manage().deleteAllCookies();
    browser.get(base + "/portal/access");
    browser.findElement(By.id("email")).sendKeys(email);
    submit(By.id("ask"));
    return magicLink();
  }

  /** The newest magic link mailed to the customer, from the SMTP sink. */
  private String magicLink() throws Exception {
    int before = seen;
    MimeMessage[] mails = await(() -> {
      MimeMessage[] all = smtp.getReceivedMessagesForDomain("example.com");
      long links = java.util.Arrays.stream(all).filter(m -> subject(m).contains("link")).count();
      return links > before ? all : null;
    });
    seen++;
    for (int i = mails.length - 1; i >= 0; i--) {
      if (subject(mails[i]).contains("link")) {
        Matcher m = Pattern.compile(Pattern.quote(base) + "/portal/enter\\?token=[A-Za-z0-9_\\-.]+")
            .matcher(com.icegreen.greenmail.util.GreenMailUtil.getBody(mails[i]).replace("=\r\n", ""));
        assertTrue(m.find(), "a link in the mail");
        return m.group();
      }
    }
    throw new AssertionError("no link mail");
  }

  private int seen;

  private static String subject(MimeMessage m) {
    try {
      return m.getSubject();
    } catch (Exception e) {
      return "";
    }
  }

  private HttpResponse<String> post(String path, String cookie, String form) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + path))
        .header("Cookie", cookie).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
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

}
