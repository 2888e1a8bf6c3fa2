package payledger;

import static org.junit.jupiter.api.Assertions.*;

import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import payledger.readmodel.ReadSide;
import payledger.testing.NodeProcess;
import payledger.testing.ApiClient;
import payledger.testing.LocalCassandraExtension;
import payledger.testing.TestConfigs;

/**
 * Keeps the README's walk-through true: its {@code bash} blocks are run as they are written, by
 * bash and curl, against a real service node on the real local Cassandra node, and every
 * {@code # → STATUS {json}} line under a step is checked against what that step printed: the status
 * of its last answer, and the JSON, which the answer must contain (every member, recursively; an
 * array's every expected element matched by one of the answer's).
 */
@ExtendWith(LocalCassandraExtension.class)
class ReadmeWalkthroughIT {

  private static final String DOCUMENTED_BASE = "http://127.0.0.1:8080";
  private static final Pattern EXPECTATION = Pattern.compile("^# → (\\d{3})(?: (\\{.*}))?$");
  private static final Pattern ANSWER = Pattern.compile("(?s)(.*?)\\n?→ (\\d{3})\\n");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One part of a block: shell lines, and what their output must show (null: nothing checked). */
  record Step(String code, String expectedStatus, String expectedJson, String source) {}

  @Test
  void theReadmeWalkThroughAnswersAsItSays() throws Exception {
    List<Step> steps = steps(walkthrough(Files.readString(Path.of("README.md"))));
    assertTrue(steps.stream().filter(s -> s.expectedStatus() != null).count() >= 8,
        "the walk-through shows the answers of its steps");
    // A keyspace of its own per run: the walk-through's ids are fixed, and must be new.
    String keyspace = "payledger_readme_" + Long.toString(System.nanoTime(), 36);
    int[] ports = NodeProcess.freePorts(2); // SMTP, IMAP
    try (Service service = Service.start(TestConfigs.service("""
        pekko.persistence.cassandra.journal.keyspace = %s
        payledger.auth.dev-keys-enabled = true
        payledger.notify.smtp.embedded.enabled = true
        payledger.notify.smtp.port = %d
        payledger.notify.smtp.embedded.imap-port = %d
        """.formatted(keyspace, ports[0], ports[1])), Clock.systemUTC())) {
      new ApiClient(service.httpPort()).awaitJournal();
      String output = run(script(steps), "http://127.0.0.1:" + service.httpPort());
      Files.writeString(Path.of("target", "readme-walkthrough.log"), output);
      Map<Integer, String> outputs = stepOutputs(output);
      List<String> wrong = new ArrayList<>();
      for (int i = 0; i < steps.size(); i++) {
        Step step = steps.get(i);
        if (step.expectedStatus() != null) {
          check(step, outputs.getOrDefault(i, "")).ifPresent(wrong::add);
        }
      }
      assertEquals(List.of(), wrong, "README steps that did not answer as shown");
      ReadSide.of(service.system()).session()
          .executeWrite(SimpleStatement.newInstance("DROP KEYSPACE IF EXISTS " + keyspace)
              .setTimeout(Duration.ofSeconds(60)))
          .toCompletableFuture().get(70, TimeUnit.SECONDS);
    }
  }

  /** The README's walk-through: from its heading to the next heading of its level or above. */
  static String walkthrough(String readme) {
    int start = readme.indexOf("\n## Walk-through");
    assertTrue(start >= 0, "the README has a Walk-through section");
    int end = readme.indexOf("\n## ", start + 1);
    return readme.substring(start, end < 0 ? readme.length() : end);
  }

  /** The bash blocks' lines, cut after every expectation line into steps. */
  static List<Step> steps(String section) {
    List<Step> steps = new ArrayList<>();
    Matcher blocks = Pattern.compile("(?s)```bash\\n(.*?)```").matcher(section);
    while (blocks.find()) {
      StringBuilder code = new StringBuilder();
      for (String line : blocks.group(1).split("\n")) {
        Matcher expected = EXPECTATION.matcher(line);
        if (expected.matches()) {
          steps.add(new Step(code.toString(), expected.group(1), expected.group(2), code.toString().strip()));
          code.setLength(0);
        } else if (!line.startsWith("#")) {
          code.append(line).append('\n');
        }
      }
      if (!code.toString().isBlank()) {
        steps.add(new Step(code.toString(), null, null, code.toString().strip()));
      }
    }
    return steps;
  }

  private static String script(List<Step> steps) {
    StringBuilder script = new StringBuilder();
    for (int i = 0; i < steps.size(); i++) {
      script.append("echo '@@step ").append(i).append("'\n").append(steps.get(i).code());
    }
    return script.toString();
  }

  /** Runs the script in an empty directory (the walk-through saves files), against {@code base}. */
  private static String run(String script, String base) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("readme-walkthrough");
    Process bash = new ProcessBuilder("bash", "-c", script.replace(DOCUMENTED_BASE, base))
        .directory(dir.toFile())
        .redirectErrorStream(true)
        .start();
    byte[] out = bash.getInputStream().readAllBytes();
    assertTrue(bash.waitFor(2, TimeUnit.MINUTES), "the walk-through ends");
    return new String(out, StandardCharsets.UTF_8);
  }

  private static Map<Integer, String> stepOutputs(String output) {
    Map<Integer, String> outputs = new java.util.HashMap<>();
    Matcher marks = Pattern.compile("(?m)^@@step (\\d+)$").matcher(output);
    int step = -1;
    int from = 0;
    while (marks.find()) {
      if (step >= 0) {
        outputs.put(step, output.substring(from, marks.start()));
      }
      step = Integer.parseInt(marks.group(1));
      from = marks.end() + 1;
    }
    if (step >= 0) {
      outputs.put(step, output.substring(Math.min(from, output.length())));
    }
    return outputs;
  }

  /** What is wrong with a step's output, if anything. */
  private static Optional<String> check(Step step, String output) throws IOException {
    Matcher answers = ANSWER.matcher(output);
    String body = null;
    String status = null;
    while (answers.find()) {
      body = answers.group(1).strip();
      status = answers.group(2);
    }
    String where = "\nREADME step:\n" + step.source() + "\nprinted:\n" + output;
    if (!step.expectedStatus().equals(status)) {
      return Optional.of("expected status " + step.expectedStatus() + where);
    }
    if (step.expectedJson() != null
        && !contains(JSON.readTree(body), JSON.readTree(step.expectedJson()))) {
      return Optional.of("expected the answer to contain " + step.expectedJson() + where);
    }
    return Optional.empty();
  }

  /** Whether {@code actual} has every member of {@code expected}, recursively. */
  static boolean contains(JsonNode actual, JsonNode expected) {
    if (expected.isObject()) {
      if (!actual.isObject()) {
        return false;
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> member = it.next();
        if (!actual.has(member.getKey()) || !contains(actual.get(member.getKey()), member.getValue())) {
          return false;
        }
      }
      return true;
    }
    if (expected.isArray()) {
      if (!actual.isArray()) {
        return false;
      }
      for (JsonNode element : expected) {
        boolean found = false;
        for (JsonNode candidate : actual) {
          found |= contains(candidate, element);
        }
        if (!found) {
          return false;
        }
      }
      return true;
    }
    return expected.equals(actual);
  }

}
