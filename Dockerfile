# Multi-stage build of Atrium's production artifact (module app: no demo, no embedded servers, no sandbox).
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
# Poms first: the dependency download is cached as its own layer until a pom changes.
COPY tenant-core/pom.xml tenant-core/
COPY token-service/pom.xml token-service/
COPY platform-api/pom.xml platform-api/
COPY admin-web/pom.xml admin-web/
COPY app/pom.xml app/
COPY demo/pom.xml demo/
COPY wechat-sandbox/pom.xml wechat-sandbox/
COPY test-support/pom.xml test-support/
COPY bench/pom.xml bench/
RUN ./mvnw -B -ntp -q -pl app -am dependency:go-offline || true
COPY tenant-core/ tenant-core/
COPY token-service/ token-service/
COPY platform-api/ platform-api/
COPY admin-web/ admin-web/
COPY app/ app/
RUN ./mvnw -B -ntp -DskipTests -pl app -am package
# Spring Boot's layers (dependencies, loader, snapshot dependencies, application), each its own image layer below:
# a change to Atrium's code rebuilds and ships the small application layer only.
RUN java -Djarmode=tools -jar app/target/atrium.jar extract --layers --launcher --destination /layers

FROM eclipse-temurin:17-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
	&& useradd --system --uid 10001 --no-create-home --shell /usr/sbin/nologin atrium
WORKDIR /app
COPY --from=build /layers/dependencies/ ./
COPY --from=build /layers/spring-boot-loader/ ./
COPY --from=build /layers/snapshot-dependencies/ ./
COPY --from=build /layers/application/ ./
# Not root, and nothing under /app is writable: run with a read-only root filesystem and a tmpfs on /tmp (Tomcat's
# and the JVM's scratch space), as docker-compose.yml does.
USER 10001:10001
# 8080 public; 8081 management (health details, Prometheus metrics): never publish it beyond the operators' network.
EXPOSE 8080 8081
HEALTHCHECK --interval=15s --timeout=3s --start-period=60s --retries=5 \
	CMD curl -fsS http://127.0.0.1:8080/readyz || exit 1
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-Djava.io.tmpdir=/tmp", "org.springframework.boot.loader.launch.JarLauncher"]
