package io.atrium.content;

import java.lang.reflect.Method;

import feign.InvocationHandlerFactory.MethodHandler;
import feign.Target;
import io.atrium.token.authorizer.AuthorizerTokenManager;
import io.atrium.upstream.AccountRateLimiter;
import io.atrium.upstream.WeChatApi;
import io.github.resilience4j.core.functions.CheckedFunction;
import io.github.resilience4j.feign.FeignDecorator;

/**
 * Takes one call from the account's global bucket for the API before each attempt, and reads the account's token in
 * the same Redis round trip: it sits inside the retry, because every attempt spends the merchant's WeChat quota. The
 * token goes into the attempt's own arguments (Feign's array for this one invocation), where {@link TokenReplay}
 * finds the token WeChat refused.
 */
record RateLimit(AccountRateLimiter limiter, AuthorizerTokenManager tokens, ContentApiMethods methods)
		implements FeignDecorator {

	@Override
	public CheckedFunction<Object[], Object> decorate(CheckedFunction<Object[], Object> call, Method method,
			MethodHandler methodHandler, Target<?> target) {
		WeChatApi endpoint = this.methods.of(method);
		return (args) -> {
			AccountToken account = AccountToken.of(args);
			String cached = this.limiter.acquireAndRead(account.appId(), endpoint,
					this.tokens.cacheKey(account.appId()));
			args[0] = account.withAccessToken(this.tokens.get(account.appId(), cached));
			return call.apply(args);
		};
	}

}
