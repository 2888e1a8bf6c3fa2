package payledger.settlement.cli;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./payledger settlements import FILE}: uploads a settlement file to a running service
 * ({@code POST /v1/settlements/files}, a finance or admin key), streamed, printing the upload's
 * progress on stderr; the service answers once the file is received and checked (202) and the
 * tool polls the import ({@code Location}) until it is done, printing its progress on stderr and
 * the import (JSON, with the run's figures) on stdout. Exit codes: 0 imported (or imported
 * before), 1 the service refused the file (malformed line, batch conflict), 2 the import failed or
 * the tool could not do its job (the import may go on in the service: see its state).
 */
@Command(name = "payledger settlements", mixinStandardHelpOptions = true,
    description = "Import gateway settlement files (docs/SETTLEMENTS.md).",
    subcommands = {SettlementCli.ImportCommand.class})
public final class SettlementCli implements Runnable {

  static final int REFUSED = 1;
  static final int FAILED = 2;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  public static int run(String... args) {
    return new CommandLine(new SettlementCli())
        .setExecutionExceptionHandler((e, cmd, parsed) -> {
          cmd.getErr().println("payledger settlements: " + e.getMessage());
          return FAILED;
        })
        .setExitCodeExceptionMapper(e -> FAILED)
        .execute(args);
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.err);
  }

  /** Uploads one file. */
  @Command(name = "import", mixinStandardHelpOptions = true,
      description = "Upload FILE (Stripe, Adyen or generic layout); imported all or nothing.")
  static final class ImportCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE")
    Path file;

    @Option(names = "--url", description = "The service (default ${DEFAULT-VALUE}).",
        defaultValue = "${env:PAYLEDGER_URL:-http://127.0.0.1:8080}")
    String url;

    @Option(names = "--key", description = "A finance or admin API key (default: $PAYLEDGER_API_KEY).",
        defaultValue = "${env:PAYLEDGER_API_KEY}")
    String key;

    @Option(names = "--timeout", description = "How long to wait for the import (default ${DEFAULT-VALUE}).",
        defaultValue = "PT15M")
    Duration timeout;

    @Option(names = "--poll", description = "How often to ask how the import stands (default ${DEFAULT-VALUE}).",
        defaultValue = "PT1S")
    Duration poll;

    @Override
    public Integer call() throws Exception {
      if (key == null || key.isBlank()) {
        throw new IllegalArgumentException("no API key: --key or PAYLEDGER_API_KEY");
      }
      long size = Files.size(file);
      String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
      URI target = URI.create(base + "/v1/settlements/files?fileName="
          + URLEncoder.encode(file.getFileName().toString(), StandardCharsets.UTF_8));
      HttpRequest request = HttpRequest.newBuilder(target)
          .timeout(timeout)
          .header("Authorization", "Bearer " + key)
          .header("Content-Type", "text/csv")
          .POST(HttpRequest.BodyPublishers.ofInputStream(() -> counting(file, size, System.err)))
          .build();
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      System.err.println("Uploading " + file + " (" + size + " bytes) to " + base);
      long deadline = System.nanoTime() + timeout.toNanos();
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 200) {
        System.err.println("Imported before: nothing changed.");
        System.out.println(response.body());
        return 0;
      }
      if (response.statusCode() == 202) {
        String location = response.headers().firstValue("Location").orElseThrow(
            () -> new IllegalStateException("the service accepted the file but named no import to poll"));
        System.err.println("Received and checked; importing as " + location);
        return new ImportPoller(http, URI.create(base + location), key, poll, deadline, System.out, System.err)
            .await();
      }
      System.err.println("HTTP " + response.statusCode() + ": " + response.body());
      return response.statusCode() >= 500 || response.statusCode() == 401 ? FAILED : REFUSED;
    }
  }

  /** The file as read by the upload, printing each tenth of it on {@code progress}. */
  static InputStream counting(Path file, long size, PrintStream progress) {
    try {
      return new FilterInputStream(Files.newInputStream(file)) {
        private long read;
        private int tenth;

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          int n = super.read(b, off, len);
          if (n > 0) {
            read += n;
            int now = size == 0 ? 10 : (int) (read * 10 / size);
            if (now > tenth) {
              tenth = now;
              progress.println("  uploaded " + (now * 10) + " % (" + read + " bytes)");
            }
          }
          return n;
        }
      };
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
