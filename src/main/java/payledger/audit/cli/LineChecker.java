package payledger.audit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import payledger.chain.Canonical;
import payledger.chain.HashChain;

/**
 * Checks journal lines the way docs/AUDIT.md tells an auditor to, from the JSON alone (no domain
 * classes): per entity, sequence numbers without gaps, each prevHash the previous hash, each hash
 * {@code SHA-256(prevHash ‖ canonical({"event": payload, "type": type}))}. Lines come entity by
 * entity, each in sequence-number order, as the export and the journal endpoints give them.
 *
 * <p>A range export starts an entity mid-chain: its first line is trusted as the anchor.
 */
final class LineChecker {

  private final boolean fromGenesis;
  private final List<String> problems = new ArrayList<>();
  private String entity;
  private long lastSeqNr;
  private String lastHash;
  private boolean entityBroken;
  private long lines;

  /** @param fromGenesis true when every entity's journal is complete from its first event */
  LineChecker(boolean fromGenesis) {
    this.fromGenesis = fromGenesis;
  }

  void accept(JsonNode line) {
    lines++;
    String pid = line.path("persistenceId").asText();
    long seqNr = line.path("seqNr").asLong();
    boolean first = !pid.equals(entity);
    if (first) {
      entity = pid;
      entityBroken = false;
      lastSeqNr = fromGenesis ? 0 : seqNr - 1;
      lastHash = fromGenesis ? HashChain.GENESIS : line.path("prevHash").asText(null);
    }
    if (entityBroken) {
      return;
    }
    if (line.has("error") || !line.has("hash") || !line.has("payload")) {
      broken(pid, seqNr, line.has("error") ? line.path("error").asText()
          : "no hash or payload (unchained or not canonical)");
    } else if (seqNr != lastSeqNr + 1) {
      broken(pid, lastSeqNr + 1, "missing (the next line is " + seqNr + ")");
    } else if (!line.path("prevHash").asText().equals(lastHash)) {
      broken(pid, seqNr, "prevHash is not the previous hash");
    } else if (!recompute(line).equals(line.path("hash").asText())) {
      broken(pid, seqNr, "hash does not match the payload");
    }
    lastSeqNr = seqNr;
    lastHash = line.path("hash").asText();
  }

  private static String recompute(JsonNode line) {
    ObjectNode doc = ServiceClient.JSON.createObjectNode();
    doc.set("event", line.path("payload"));
    doc.put("type", line.path("type").asText());
    return HashChain.next(line.path("prevHash").asText(), Canonical.bytes(doc));
  }

  private void broken(String pid, long seqNr, String why) {
    entityBroken = true;
    problems.add(pid + " #" + seqNr + ": " + why);
  }

  long lines() {
    return lines;
  }

  List<String> problems() {
    return problems;
  }
}
