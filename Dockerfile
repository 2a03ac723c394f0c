# Multi-stage build of the Atrium application (admin-web) from source.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
# Poms first: the dependency download is cached as its own layer until a pom changes.
COPY tenant-core/pom.xml tenant-core/
COPY token-service/pom.xml token-service/
COPY platform-api/pom.xml platform-api/
COPY admin-web/pom.xml admin-web/
COPY wechat-sandbox/pom.xml wechat-sandbox/
COPY test-support/pom.xml test-support/
RUN ./mvnw -B -ntp -q -pl admin-web -am dependency:go-offline || true
COPY tenant-core/ tenant-core/
COPY token-service/ token-service/
COPY platform-api/ platform-api/
COPY admin-web/ admin-web/
COPY wechat-sandbox/ wechat-sandbox/
COPY test-support/ test-support/
RUN ./mvnw -B -ntp -DskipTests -pl admin-web -am package

FROM eclipse-temurin:17-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
	&& useradd --system --uid 10001 atrium
WORKDIR /app
COPY --from=build /src/admin-web/target/atrium.jar /app/atrium.jar
USER atrium
# 8080 public; 8081 management (health details, Prometheus metrics): never publish it beyond the operators' network.
EXPOSE 8080 8081
HEALTHCHECK --interval=15s --timeout=3s --start-period=60s --retries=5 \
	CMD curl -fsS http://127.0.0.1:8080/readyz || exit 1
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/atrium.jar"]
