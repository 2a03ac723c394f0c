package io.atrium.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;
import redis.embedded.RedisServer;

/**
 * Picks the Redis server for tests: the environment's URL, else a container when Docker answers,
 * else the local service on the standard port, else an embedded binary. The environment, Docker's
 * answer and the local port are injected so that each path can be tested.
 */
final class RedisEndpointResolver {

	static final String URL_VARIABLE = "ATRIUM_TEST_REDIS_URL";

	static final String CLUSTER_NODES_VARIABLE = "ATRIUM_TEST_REDIS_CLUSTER_NODES";

	static final int STANDARD_PORT = 6379;

	private static final String LOCAL_HOST = "127.0.0.1";

	private static final String IMAGE = "redis:7-alpine";

	private static final int PROBE_TIMEOUT_MILLIS = 1000;

	private final Map<String, String> environment;

	private final BooleanSupplier dockerAvailable;

	private final int localPort;

	RedisEndpointResolver(Map<String, String> environment, BooleanSupplier dockerAvailable, int localPort) {
		this.environment = environment;
		this.dockerAvailable = dockerAvailable;
		this.localPort = localPort;
	}

	static RedisEndpointResolver standard() {
		return new RedisEndpointResolver(System.getenv(), Docker::available, STANDARD_PORT);
	}

	RedisEndpoint resolve() {
		String url = this.environment.get(URL_VARIABLE);
		if (url != null && !url.isBlank()) {
			return fromEnvironment(url.trim());
		}
		if (this.dockerAvailable.getAsBoolean()) {
			return startContainer();
		}
		String refusal = refusal(LOCAL_HOST, this.localPort);
		if (refusal == null) {
			return RedisEndpoint.of(Source.LOCAL, "no Docker engine; Redis answers PING on " + LOCAL_HOST + ":"
					+ this.localPort, LOCAL_HOST, this.localPort, () -> {
					});
		}
		return startEmbedded("no Docker engine, and no usable Redis on " + LOCAL_HOST + ":" + this.localPort + " ("
				+ refusal + ")");
	}

	/**
	 * The Redis Cluster the environment names: {@value #CLUSTER_NODES_VARIABLE}, {@code host:port} of one or more
	 * of its nodes, comma-separated (the client discovers the rest). No fallback: a run that asks for the cluster
	 * and has none must fail, not quietly test a single server again.
	 */
	RedisEndpoint resolveCluster() {
		String nodes = this.environment.get(CLUSTER_NODES_VARIABLE);
		if (nodes == null || nodes.isBlank()) {
			throw new IllegalStateException("the tests were asked to run on a Redis Cluster, but "
					+ CLUSTER_NODES_VARIABLE + " names none (host:port,host:port,...)");
		}
		List<String> list = Arrays.stream(nodes.split(",")).map(String::trim).filter((node) -> !node.isEmpty()).toList();
		for (String node : list) {
			if (!node.matches("[^:/@\\s]+:\\d{1,5}")) {
				throw new IllegalArgumentException(
						CLUSTER_NODES_VARIABLE + " must list host:port pairs separated by commas, not '" + node + "'");
			}
		}
		String first = list.get(0);
		int colon = first.lastIndexOf(':');
		return new RedisEndpoint(Source.ENVIRONMENT, CLUSTER_NODES_VARIABLE + " is set", first.substring(0, colon),
				Integer.parseInt(first.substring(colon + 1)), "redis://" + first, list, () -> {
				});
	}

	private static RedisEndpoint fromEnvironment(String url) {
		URI uri = URI.create(url);
		if (!"redis".equals(uri.getScheme()) || uri.getHost() == null) {
			throw new IllegalArgumentException(URL_VARIABLE + " must look like redis://host:port, not "
					+ RedisEndpoint.mask(url));
		}
		int port = (uri.getPort() != -1) ? uri.getPort() : STANDARD_PORT;
		return new RedisEndpoint(Source.ENVIRONMENT, URL_VARIABLE + " is set", uri.getHost(), port, url, () -> {
		});
	}

	private static RedisEndpoint startContainer() {
		GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(IMAGE))
			.withExposedPorts(STANDARD_PORT)
			.waitingFor(Wait.forLogMessage(".*Ready to accept connections.*\\s", 1)
				.withStartupTimeout(Duration.ofMinutes(1)));
		container.start();
		return RedisEndpoint.of(Source.TESTCONTAINERS, "a Docker engine answers; started " + IMAGE,
				container.getHost(), container.getMappedPort(STANDARD_PORT), container::stop);
	}

	private static RedisEndpoint startEmbedded(String reason) {
		int port = Ports.free();
		try {
			RedisServer server = RedisServer.newRedisServer()
				.port(port)
				.bind(LOCAL_HOST)
				// Test data is throwaway: never write it to disk.
				.setting("save \"\"")
				.setting("appendonly no")
				.build();
			server.start();
			return RedisEndpoint.of(Source.EMBEDDED, reason + "; started an embedded Redis", LOCAL_HOST, port,
					server::stop);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start an embedded Redis (" + reason + ")", ex);
		}
	}

	/**
	 * Why the Redis at the given address cannot be used, or {@code null} when it answers an
	 * unauthenticated PING.
	 */
	static String refusal(String host, int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host, port), PROBE_TIMEOUT_MILLIS);
			socket.setSoTimeout(PROBE_TIMEOUT_MILLIS);
			OutputStream out = socket.getOutputStream();
			out.write("*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			BufferedReader in = new BufferedReader(
					new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
			String reply = in.readLine();
			return "+PONG".equals(reply) ? null : "PING answered " + reply;
		}
		catch (IOException ex) {
			return ex.toString();
		}
	}

}
