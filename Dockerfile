# The payledger service image, built from the Maven build's output (no build inside Docker: the
# build needs the project's Maven mirror). From the repository root:
#   mvn -B -DskipTests package && docker build -t payledger:dev .
# One image for every node; docker-compose.yml gives each its identity through the environment.
FROM eclipse-temurin:17-jre

# curl for the container health check against the management port (/ready).
RUN apt-get update && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
# Dependencies first: they change less often than the service jar, so the layer is reused.
COPY target/lib/ /app/lib/
COPY target/payledger.jar /app/payledger.jar
# The same cluster settings as the three nodes on one machine (seeds, SBR, sharding).
COPY cluster-config/cluster.conf /app/cluster-config/cluster.conf

# Containers listen on every interface; each node is reached by its service name.
ENV PAYLEDGER_HTTP_INTERFACE=0.0.0.0 \
    PAYLEDGER_MANAGEMENT_BIND_HOST=0.0.0.0 \
    PAYLEDGER_LOG_FORMAT=json

RUN useradd --system --uid 10001 payledger
USER payledger

# API, Pekko remoting, management (/alive, /ready).
EXPOSE 8080 25520 8558

# The heap follows the container's memory limit. SIGTERM runs CoordinatedShutdown: the node
# leaves the cluster and hands its shards over before it exits.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", \
    "-Dpayledger.home=/app", "-Dconfig.file=/app/cluster-config/cluster.conf", \
    "-jar", "/app/payledger.jar", "serve"]
