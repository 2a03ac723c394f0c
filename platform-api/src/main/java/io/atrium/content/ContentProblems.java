package io.atrium.content;

import java.net.URI;
import java.time.Duration;

import io.atrium.account.AccountStatus;
import io.atrium.account.PermissionSet;
import io.atrium.token.authorizer.AccountNotAuthorizedException;
import io.atrium.token.cache.TokenUnavailableException;
import io.atrium.token.component.TicketUnavailableException;
import io.atrium.token.wechat.WeChatUnavailableException;
import io.atrium.upstream.AccountNotFoundException;
import io.atrium.upstream.PermissionNotGrantedException;
import io.atrium.upstream.RateLimitedException;
import io.atrium.wechat.WeChatApiException;
import io.atrium.wechat.WeChatError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * RFC 9457 problem details for the content API, token lending and the gateway, per the architecture's mapping table. Where WeChat answered
 * with an error, {@code errcode} and {@code rid} are extension members. Messages name APIs and appids, never a
 * token or secret.
 */
@RestControllerAdvice(basePackages = { "io.atrium.content", "io.atrium.lending", "io.atrium.gateway" })
class ContentProblems extends ResponseEntityExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(ContentProblems.class);

	/** How long to suggest waiting after WeChat stayed busy (-1) through the retry budget. */
	private static final Duration BUSY_RETRY_AFTER = Duration.ofSeconds(5);

	@ExceptionHandler
	ResponseEntity<ProblemDetail> accountNotFound(AccountNotFoundException ex) {
		return problem(HttpStatus.NOT_FOUND, "Account not found", ex.getMessage(), null);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> accountNotAuthorized(AccountNotAuthorizedException ex) {
		if (ex.status() == null) {
			return problem(HttpStatus.NOT_FOUND, "Account not found", "No official account " + ex.appId(), null);
		}
		String detail = (ex.status() == AccountStatus.REVOKED)
				? "Account " + ex.appId() + " is revoked: the merchant cancelled the authorization. An operator can "
						+ "send the merchant a new authorization link from the console (onboarding) if they want "
						+ "to come back."
				: "Account " + ex.appId() + " needs re-authorization: WeChat no longer accepts its refresh token. "
						+ "An operator must send the merchant a new authorization link from the console "
						+ "(onboarding for this account's tenant).";
		ResponseEntity<ProblemDetail> answer = problem(HttpStatus.CONFLICT, "Account not authorized", detail, null);
		answer.getBody().setProperty("account_status", ex.status().name());
		answer.getBody().setProperty("action", "re-authorize");
		return answer;
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> permissionNotGranted(PermissionNotGrantedException ex) {
		ResponseEntity<ProblemDetail> answer = problem(HttpStatus.FORBIDDEN, "Permission set not granted",
				ex.getMessage(), ex.error());
		answer.getBody().setProperty("permission_sets", ex.required().stream().map(PermissionSet::id).toList());
		return answer;
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> invalidRequest(InvalidContentRequestException ex) {
		ResponseEntity<ProblemDetail> answer = problem(HttpStatus.BAD_REQUEST, "Invalid parameter", ex.getMessage(),
				null);
		answer.getBody().setProperty("parameter", ex.parameter());
		return answer;
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> rateLimited(RateLimitedException ex) {
		ResponseEntity<ProblemDetail> answer = problem(HttpStatus.TOO_MANY_REQUESTS, "Quota or rate limit reached",
				ex.getMessage(), ex.error());
		return withRetryAfter(answer, ex.retryAfter());
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> weChatError(WeChatApiException ex) {
		return switch (ex.kind()) {
			case NOT_FOUND -> problem(HttpStatus.NOT_FOUND, "Not found at WeChat", ex.getMessage(), ex.error());
			case INVALID_REQUEST -> problem(HttpStatus.BAD_REQUEST, "WeChat refused the parameters", ex.getMessage(),
					ex.error());
			case AUTHORIZATION_CANCELLED -> problem(HttpStatus.CONFLICT, "Account not authorized",
					"The merchant cancelled the authorization of " + ex.api() + " for this account", ex.error());
			case TRANSIENT -> withRetryAfter(problem(HttpStatus.SERVICE_UNAVAILABLE, "WeChat is busy",
					ex.getMessage() + " (still failing after retries)", ex.error()), BUSY_RETRY_AFTER);
			default -> problem(HttpStatus.BAD_GATEWAY, "WeChat error", ex.getMessage(), ex.error());
		};
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> weChatUnavailable(WeChatUnavailableException ex) {
		return problem(HttpStatus.BAD_GATEWAY, "WeChat unavailable", ex.getMessage() + " (after retries)", null);
	}

	/** No token could be had in time (a refresh elsewhere, or no verify ticket yet): try again shortly. */
	@ExceptionHandler({ TokenUnavailableException.class, TicketUnavailableException.class })
	ResponseEntity<ProblemDetail> tokenUnavailable(RuntimeException ex) {
		return withRetryAfter(problem(HttpStatus.SERVICE_UNAVAILABLE, "Access token unavailable", ex.getMessage(),
				null), BUSY_RETRY_AFTER);
	}

	/** PostgreSQL or Redis failed: nothing was changed, and the detail stays generic (driver messages can quote SQL). */
	@ExceptionHandler
	ResponseEntity<ProblemDetail> storeUnavailable(DataAccessException ex) {
		logger.error("Storage failed while serving the content API", ex);
		return withRetryAfter(problem(HttpStatus.SERVICE_UNAVAILABLE, "Storage unavailable",
				"Atrium's database or cache is unavailable; try again shortly", null), BUSY_RETRY_AFTER);
	}

	private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail,
			WeChatError error) {
		if (status.is5xxServerError()) {
			// The detail names the API and WeChat's message, never the URL (its query holds the access token).
			logger.warn("Answering {}: {}", status.value(), detail);
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		problem.setType(URI.create("about:blank"));
		if (error != null) {
			problem.setProperty("errcode", error.errcode());
			if (error.rid() != null) {
				problem.setProperty("rid", error.rid());
			}
		}
		return ResponseEntity.status(status).body(problem);
	}

	private static ResponseEntity<ProblemDetail> withRetryAfter(ResponseEntity<ProblemDetail> answer,
			Duration retryAfter) {
		long seconds = Math.max(1, retryAfter.toSeconds() + ((retryAfter.toNanosPart() > 0) ? 1 : 0));
		return ResponseEntity.status(answer.getStatusCode())
			.header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
			.body(answer.getBody());
	}

}
