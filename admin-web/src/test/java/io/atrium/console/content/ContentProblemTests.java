package io.atrium.console.content;

import java.util.concurrent.atomic.AtomicReference;

import io.atrium.account.AccountStatus;
import io.atrium.console.access.NotFoundException;
import io.atrium.token.authorizer.AccountNotAuthorizedException;
import io.atrium.upstream.AccountNotFoundException;
import io.atrium.upstream.PermissionNotGrantedException;
import io.atrium.upstream.RateLimitedException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.Mockito.mock;

/**
 * The content service's refusals become a sentence on the page, not an error page; another tenant's account stays
 * a 404.
 */
class ContentProblemTests {

	@Test
	void answerIsPassedThroughWithoutProblem() {
		AtomicReference<ContentProblem> problem = new AtomicReference<>();
		assertThat(ContentProblem.attempt(() -> "page", problem::set)).isEqualTo("page");
		assertThat(problem).hasNullValue();
	}

	@Test
	void refusalsAndOutagesBecomeProblems() {
		assertThat(problemOf(mock(PermissionNotGrantedException.class))).isEqualTo(ContentProblem.PERMISSION);
		assertThat(problemOf(new AccountNotAuthorizedException("wx1", AccountStatus.NEEDS_REAUTH)))
			.isEqualTo(ContentProblem.NOT_AUTHORIZED);
		assertThat(problemOf(mock(RateLimitedException.class))).isEqualTo(ContentProblem.RATE_LIMITED);
		assertThat(problemOf(new IllegalStateException("WeChat is busy"))).isEqualTo(ContentProblem.UNAVAILABLE);
	}

	@Test
	void accountOutOfScopeIsNotFound() {
		assertThatExceptionOfType(NotFoundException.class).isThrownBy(() -> ContentProblem.attempt(() -> {
			throw new AccountNotFoundException("wx1");
		}, (problem) -> {
		}));
	}

	private static ContentProblem problemOf(RuntimeException ex) {
		AtomicReference<ContentProblem> problem = new AtomicReference<>();
		Object answer = ContentProblem.attempt(() -> {
			throw ex;
		}, problem::set);
		assertThat(answer).isNull();
		return problem.get();
	}

}
