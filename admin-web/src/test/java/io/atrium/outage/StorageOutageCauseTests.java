package io.atrium.outage;

import java.net.SocketException;
import java.sql.SQLTransientConnectionException;

import io.lettuce.core.RedisBusyException;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisLoadingException;
import io.lettuce.core.RedisReadOnlyException;
import io.lettuce.core.cluster.PartitionSelectorException;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.redis.RedisSystemException;
import org.springframework.data.redis.connection.PoolException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;

import static org.assertj.core.api.Assertions.assertThat;

class StorageOutageCauseTests {

	@Test
	void unreachableOrBrokenStorageIsAnOutageWhereverItIsWrapped() {
		assertThat(StorageOutage.isCause(new CannotGetJdbcConnectionException("no connection",
				new SQLTransientConnectionException("pool timed out")))).isTrue();
		assertThat(StorageOutage.isCause(new InternalAuthenticationServiceException("user lookup failed",
				new CannotGetJdbcConnectionException("no connection")))).isTrue();
		assertThat(StorageOutage.isCause(new IllegalStateException("template failed", new RedisSystemException(
				"Redis exception", new RedisException(new SocketException("Connection reset")))))).isTrue();
		// Found by the fault run: a Redis restarted with its append-only file answers LOADING for a moment.
		assertThat(StorageOutage.isCause(new IllegalStateException("page failed", new RedisSystemException(
				"Redis exception", new RedisLoadingException("LOADING Redis is loading the dataset in memory")))))
			.isTrue();
		assertThat(StorageOutage.isCause(new RedisSystemException("Redis exception",
				new RedisBusyException("BUSY Redis is busy running a script")))).isTrue();
		// A pipeline's dedicated connection comes from Lettuce's pool, which wraps what it met in its own exception.
		assertThat(StorageOutage.isCause(new PoolException("Could not get a resource from the pool",
				new RedisConnectionException("Unable to connect to 127.0.0.1:6379")))).isTrue();
	}

	@Test
	void aRedisClusterFailingOverIsAnOutage() {
		// What the surviving masters of a cluster answer once one master is gone (checked on a 3-master cluster).
		assertThat(StorageOutage.isCause(new RedisSystemException("Error in execution",
				new RedisCommandExecutionException("CLUSTERDOWN The cluster is down")))).isTrue();
		assertThat(StorageOutage.isCause(new RedisSystemException("Error in execution",
				new RedisCommandExecutionException("TRYAGAIN Multiple keys request during rehashing of slot")))).isTrue();
		assertThat(StorageOutage.isCause(new RedisSystemException("Error in execution",
				new RedisReadOnlyException("READONLY You can't write against a read only replica.")))).isTrue();
		assertThat(StorageOutage.isCause(new RedisSystemException("Error in execution",
				new PartitionSelectorException("Cannot determine a partition for slot 7000.", null)))).isTrue();
	}

	@Test
	void aClusterRefusingAScriptsKeysIsABugNotAnOutage() {
		assertThat(StorageOutage.isCause(new RedisSystemException("Error in execution", new RedisCommandExecutionException(
				"CROSSSLOT Keys in request don't hash to the same slot")))).isFalse();
	}

	@Test
	void bugsAndRefusalsAreNotAnOutage() {
		assertThat(StorageOutage.isCause(new RedisSystemException("ERR script", new RedisException("ERR bad script"))))
			.isFalse();
		assertThat(StorageOutage.isCause(new DataIntegrityViolationException("duplicate key"))).isFalse();
		assertThat(StorageOutage.isCause(new IllegalStateException("a bug", new SocketException("not storage"))))
			.isFalse();
		assertThat(StorageOutage.isCause(new InternalAuthenticationServiceException("no such user"))).isFalse();
	}

}
