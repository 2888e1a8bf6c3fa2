package payledger.http;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.server.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Binds the API and unbinds it gracefully on CoordinatedShutdown (in-flight requests finish). */
public final class HttpServer {

  private static final Logger log = LoggerFactory.getLogger(HttpServer.class);

  private HttpServer() {}

  public static CompletionStage<ServerBinding> start(
      ActorSystem<?> system, Route routes, HttpSettings settings) {
    return Http.get(system)
        .newServerAt(settings.host(), settings.port())
        .bind(routes)
        .thenApply(
            binding -> {
              binding.addToCoordinatedShutdown(Duration.ofSeconds(10), system);
              ApiBoundCheck.bound(Adapter.toClassic(system));
              InetSocketAddress address = binding.localAddress();
              log.info("payledger API listening on http://{}:{}/", address.getHostString(), address.getPort());
              return binding;
            });
  }
}
