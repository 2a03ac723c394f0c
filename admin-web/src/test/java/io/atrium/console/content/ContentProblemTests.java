package io.atrium.console.content;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.atrium.account.AccountStatus;
import io.atrium.account.PermissionSet;
import io.atrium.console.access.NotFoundException;
import io.atrium.token.authorizer.AccountNotAuthorizedException;
import io.atrium.upstream.AccountNotFoundException;
import io.atrium.upstream.PermissionNotGrantedException;
import io.atrium.upstream.RateLimitedException;
import io.atrium.wechat.WeChatApiException;
import io.atrium.wechat.WeChatError;
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
	void anUnverifiedAccountIsNotAMissingPermissionSet() {
		List<PermissionSet> posts = List.of(PermissionSet.MASS_SEND_AND_NOTIFY);
		assertThat(problemOf(new PermissionNotGrantedException("wx1", posts, new WeChatError(48001, "api unauthorized"))))
			.isEqualTo(ContentProblem.UNVERIFIED);
		assertThat(problemOf(new PermissionNotGrantedException("wx1", posts,
				new WeChatError(61007, "api is unauthorized to component"))))
			.isEqualTo(ContentProblem.PERMISSION);
		assertThat(problemOf(new PermissionNotGrantedException("wx1", posts, null))).isEqualTo(ContentProblem.PERMISSION);
	}

	@Test
	void anUnknownArticleOrMaterialIsNotFoundNotAnOutage() {
		assertThat(problemOf(new WeChatApiException("/cgi-bin/freepublish/getarticle",
				new WeChatError(53600, "Article ID 无效")))).isEqualTo(ContentProblem.NOT_FOUND);
		assertThat(problemOf(new WeChatApiException("/cgi-bin/material/get_material",
				new WeChatError(40007, "invalid media_id")))).isEqualTo(ContentProblem.NOT_FOUND);
		assertThat(problemOf(new WeChatApiException("/cgi-bin/freepublish/batchget", new WeChatError(-1, "system error"))))
			.isEqualTo(ContentProblem.UNAVAILABLE);
	}

	@Test
	void aRevokedAccountIsNotOneThatNeedsReauthorization() {
		assertThat(problemOf(new AccountNotAuthorizedException("wx1", AccountStatus.REVOKED)))
			.isEqualTo(ContentProblem.REVOKED);
		assertThat(problemOf(new WeChatApiException("/cgi-bin/freepublish/batchget",
				new WeChatError(61003, "component is not authorized by this account")))).isEqualTo(ContentProblem.REVOKED);
		assertThat(problemOf(new AccountNotAuthorizedException("wx1", AccountStatus.NEEDS_REAUTH)))
			.isEqualTo(ContentProblem.NOT_AUTHORIZED);
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
