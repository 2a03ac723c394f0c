package io.atrium.testsupport;

import java.io.IOException;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The build's {@code redis-cluster} run really hands tests a Redis Cluster: every node named is a master of a
 * cluster whose slots are all served, and Spring Boot is pointed at the cluster, not at one node.
 */
@Tag(TestRedis.TAG)
class TestRedisClusterTests {

	private final RedisKeyspace keyspace = TestRedis.keyPrefixFor(TestRedisClusterTests.class);

	@Test
	void clusterRunGetsAHealthyClusterAndClusterProperties() throws IOException {
		assumeTrue(Boolean.getBoolean(TestRedis.CLUSTER_PROPERTY), "not the redis-cluster run");
		assertThat(this.keyspace.cluster()).isTrue();
		assertThat(this.keyspace.springProperties())
			.containsEntry("spring.data.redis.cluster.nodes", String.join(",", this.keyspace.clusterNodes()))
			.doesNotContainKey("spring.data.redis.url");
		for (String node : this.keyspace.clusterNodes()) {
			try (Resp redis = Resp.connect("redis://" + node)) {
				assertThat(redis.call("CLUSTER", "INFO")).as(node).isEqualTo("cluster_state:ok");
			}
		}
		// A node answers MOVED for a key of another node's slots: what a single-server client would trip over.
		int movedAnswers = 0;
		for (String node : this.keyspace.clusterNodes()) {
			try (Resp redis = Resp.connect("redis://" + node)) {
				if (String.valueOf(redis.call("GET", this.keyspace.key("probe"))).startsWith("-MOVED")) {
					movedAnswers++;
				}
			}
		}
		assertThat(movedAnswers).isBetween(this.keyspace.clusterNodes().size() - 1, this.keyspace.clusterNodes().size())
			.isPositive();
	}

	@Test
	void singleServerRunGetsNoClusterProperties() {
		assumeTrue(!Boolean.getBoolean(TestRedis.CLUSTER_PROPERTY), "the redis-cluster run");
		assertThat(this.keyspace.cluster()).isFalse();
		assertThat(this.keyspace.springProperties()).containsEntry("spring.data.redis.url", this.keyspace.url())
			.doesNotContainKey("spring.data.redis.cluster.nodes");
	}

}
