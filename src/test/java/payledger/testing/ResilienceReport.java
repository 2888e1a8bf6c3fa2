package payledger.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/** The figures of a resilience run: printed and appended to target/resilience/report.txt. */
public final class ResilienceReport {

  public static final Path DIR = Path.of("target", "resilience");

  private ResilienceReport() {}

  public static void line(String test, String text) {
    String line = Instant.now() + " " + test + ": " + text;
    System.out.println(line);
    try {
      Files.createDirectories(DIR);
      Files.writeString(DIR.resolve("report.txt"), line + "\n",
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
