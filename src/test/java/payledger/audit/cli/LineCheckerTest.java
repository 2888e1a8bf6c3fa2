package payledger.audit.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The command-line tool's own chain check works from the JSON an auditor receives, without the
 * service's classes: it accepts the golden vectors' journal and names the first bad line of a
 * tampered or gapped one. Usage errors exit 2.
 */
class LineCheckerTest {

  /** The golden vectors' order events as journal lines (seqNr 1..3). */
  private static List<ObjectNode> lines() throws Exception {
    JsonNode vectors;
    try (InputStream in = LineCheckerTest.class.getResourceAsStream("/audit/golden-vectors.json")) {
      vectors = ServiceClient.JSON.readTree(in).path("vectors");
    }
    List<ObjectNode> lines = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      JsonNode v = vectors.get(i);
      ObjectNode line = ServiceClient.JSON.createObjectNode();
      line.put("persistenceId", v.path("persistenceId").asText());
      line.put("seqNr", i + 1);
      line.put("type", v.path("type").asText());
      line.set("payload", ServiceClient.JSON.readTree(v.path("canonical").asText()).path("event"));
      line.put("prevHash", v.path("prevHash").asText());
      line.put("hash", v.path("hash").asText());
      lines.add(line);
    }
    return lines;
  }

  private static List<String> check(List<ObjectNode> lines) {
    LineChecker checker = new LineChecker(true);
    lines.forEach(checker::accept);
    return checker.problems();
  }

  @Test
  void anIntactJournalChecksClean() throws Exception {
    assertEquals(List.of(), check(lines()));
  }

  @Test
  void aChangedPayloadOrAMissingLineIsNamed() throws Exception {
    List<ObjectNode> changed = lines();
    ((ObjectNode) changed.get(1).path("payload").path("payment").path("amount")).put("value", 1);
    assertEquals(1, check(changed).size());
    assertTrue(check(changed).get(0).contains("#2: hash does not match"), check(changed).toString());

    List<ObjectNode> gap = lines();
    gap.remove(1);
    assertTrue(check(gap).get(0).contains("#2: missing"), check(gap).toString());
  }

  @Test
  void usageErrorsExitWithTwo() {
    assertEquals(2, AuditCli.run("verify", "--order", "o-1", "--dispute", "d-1", "--key", "k"));
    assertEquals(2, AuditCli.run("replay"));
  }
}
