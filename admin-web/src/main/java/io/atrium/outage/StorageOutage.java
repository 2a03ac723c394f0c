package io.atrium.outage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLTransientConnectionException;

import io.lettuce.core.RedisBusyException;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisLoadingException;
import io.lettuce.core.RedisReadOnlyException;
import io.lettuce.core.cluster.PartitionSelectorException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.data.redis.connection.PoolException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * PostgreSQL or Redis could not be reached (or did not answer in time) while serving a request. Such a request is
 * answered 503 with {@code Retry-After}, whatever it was: a login must not say "wrong password" because the user
 * table could not be read, and WeChat must retry a push Atrium could not store.
 */
public final class StorageOutage {

	/** Long enough for a restarting Redis or a pool that drained; short enough that a person tries again soon. */
	static final int RETRY_AFTER_SECONDS = 5;

	private static final String PAGE = """
			<!DOCTYPE html>
			<html lang="zh-CN"><head><meta charset="utf-8"><title>服务暂时不可用 · Service unavailable</title></head>
			<body><main><h1>服务暂时不可用</h1><p>Atrium 暂时无法访问其存储，请稍后再试。</p>
			<h1 lang="en">Service temporarily unavailable</h1>
			<p lang="en">Atrium cannot reach its storage right now. Please try again in a moment.</p></main></body></html>
			""";

	private static final String PROBLEM = "{\"type\":\"about:blank\",\"title\":\"Service Unavailable\",\"status\":503,"
			+ "\"detail\":\"Atrium cannot reach its storage right now; try again later\"}";

	private StorageOutage() {
	}

	/**
	 * Whether this failure, or one of its causes, is PostgreSQL or Redis out of reach or out of time: a failure to
	 * connect, a timeout, or a data access that failed on a broken connection (Spring Data Redis reports a command
	 * whose connection was reset as a plain {@link DataAccessException} caused by an {@link IOException}), a Redis
	 * that is still loading its data after a restart or is busy, or a Redis Cluster failing over.
	 */
	public static boolean isCause(Throwable failure) {
		boolean dataAccess = false;
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			// A Redis that restarts answers LOADING until it has read its data back, one stuck in a script BUSY.
			if (cause instanceof DataAccessResourceFailureException || cause instanceof TransientDataAccessException
					|| cause instanceof CannotCreateTransactionException
					|| cause instanceof SQLTransientConnectionException || cause instanceof RedisLoadingException
					|| cause instanceof RedisBusyException
					// No pooled Redis connection to be had (the operations views' pipelines take one).
					|| cause instanceof PoolException || clusterInTransition(cause)) {
				return true;
			}
			dataAccess |= cause instanceof DataAccessException;
			if (dataAccess && cause instanceof IOException) {
				return true;
			}
		}
		return false;
	}

	/**
	 * A Redis Cluster between two healthy states: one that lost a master answers {@code CLUSTERDOWN} to every command
	 * until a replica takes over, a slot being moved {@code TRYAGAIN} to a multi-key command, a replica cut off from
	 * its master {@code MASTERDOWN}, a former master that rejoined as a replica {@code READONLY} until the client has
	 * re-read the topology, and the client may briefly know no node for a slot.
	 */
	private static boolean clusterInTransition(Throwable cause) {
		if (cause instanceof RedisReadOnlyException || cause instanceof PartitionSelectorException) {
			return true;
		}
		String message = cause.getMessage();
		return cause instanceof RedisCommandExecutionException && message != null
				&& (message.startsWith("CLUSTERDOWN") || message.startsWith("TRYAGAIN")
						|| message.startsWith("MASTERDOWN"));
	}

	/**
	 * Answers 503 in the caller's terms: problem+json under {@code /api/}, plain text for WeChat's pushes, a page
	 * (Chinese, then English) for people. Nothing of the failure is repeated.
	 * @throws IllegalStateException if the response is already committed
	 */
	public static void answer(HttpServletRequest request, HttpServletResponse response) throws IOException {
		response.reset();
		response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
		response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS));
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setHeader("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (path.startsWith("/api/")) {
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.getWriter().write(PROBLEM);
		}
		else if (path.startsWith("/wechat/component/") || path.startsWith("/wechat/accounts/")) {
			response.setContentType(MediaType.TEXT_PLAIN_VALUE);
			response.getWriter().write("storage unavailable; retry later");
		}
		else {
			response.setContentType(MediaType.TEXT_HTML_VALUE);
			response.getWriter().write(PAGE);
		}
	}

}
